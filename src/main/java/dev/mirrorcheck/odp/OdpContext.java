package dev.mirrorcheck.odp;

import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;

/**
 * The per-(ucontext, mm) ODP state of the 2018-2019 code ({@code ib_ucontext_per_mm}): its
 * {@code umem_rwsem} serialises umem registration. Modern ODP takes it only for write while
 * registering; mutation M16 also holds its read side from invalidate_range_start to _end.
 */
public final class OdpContext {
  private final RwSem umemRwsem;

  public OdpContext(Sync sync, String name) {
    this.umemRwsem = sync.newRwSem(name + ".umem_rwsem", true);
  }

  public RwSem umemRwsem() {
    return umemRwsem;
  }
}

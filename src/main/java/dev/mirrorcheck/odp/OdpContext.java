package dev.mirrorcheck.odp;

import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;

/**
 * The per-(ucontext, mm) ODP state of the 2018-2019 code ({@code ib_ucontext_per_mm}): its
 * {@code umem_rwsem} serialises umem registration. Modern ODP takes it only for write while
 * registering; mutation M16 also holds its read side from invalidate_range_start to _end. The
 * context belongs to one HCA ({@link #device()}).
 */
public final class OdpContext {
  private final RwSem umemRwsem;
  private final Mlx5IbDev device;

  /** A context on an HCA of its own, with the newest mkey lifetime code. */
  public OdpContext(Sync sync, String name) {
    this(sync, name, new Mlx5IbDev(sync, name + ".mlx5_0", MkeyLifetime.USECOUNT));
  }

  public OdpContext(Sync sync, String name, Mlx5IbDev device) {
    this.umemRwsem = sync.newRwSem(name + ".umem_rwsem", true);
    this.device = device;
  }

  /** The HCA. */
  public Mlx5IbDev device() {
    return device;
  }

  public RwSem umemRwsem() {
    return umemRwsem;
  }
}

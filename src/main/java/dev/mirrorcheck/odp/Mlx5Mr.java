package dev.mirrorcheck.odp;

import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;

/**
 * An mlx5 ODP memory region: its mkey (valid until revoked at deregistration) over the umem's MTTs.
 * The HCA rejects accesses through a revoked mkey.
 */
public final class Mlx5Mr {
  private final IbUmemOdp umem;
  private final BoolCell keyValid;

  Mlx5Mr(Sync sync, IbUmemOdp umem, String name) {
    this.umem = umem;
    this.keyValid = sync.newBool(name + ".mkey_valid", true);
  }

  public IbUmemOdp umem() {
    return umem;
  }

  /** Whether the mkey is still valid; read with peek by properties. */
  public BoolCell keyValid() {
    return keyValid;
  }

  /**
   * One RDMA access to page {@code v} through this MR; {@link DeviceMmu#FAULT} on a missing
   * translation (an ODP page fault) or a revoked key.
   */
  public int access(String role, int v, boolean write, int value) {
    if (!keyValid.get(role + ":check_mkey")) {
      return DeviceMmu.FAULT;
    }
    return umem.mmu().access(role, v, write, value);
  }
}

package dev.mirrorcheck.odp;

import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.notifier.Srcu;
import dev.mirrorcheck.sync.Sync;

/**
 * One HCA ({@code struct mlx5_ib_dev}) as its ODP MRs see it: the generation of its mkey lifetime
 * code, the {@code odp_srcu} of Linux 5.6-5.12 (the {@code odp_mkeys} xarray itself is the
 * {@link Mlx5Mr#inOdpMkeys()} flag of each MR, its {@code xa_lock} one atomic step) and the
 * {@code system_unbound_wq} its prefetch and child-destroy work items run on.
 */
public final class Mlx5IbDev {
  private final String name;
  private final MkeyLifetime lifetime;
  private final Srcu odpSrcu;
  private final UnboundWq wq;

  public Mlx5IbDev(Sync sync, String name, MkeyLifetime lifetime) {
    this.name = name;
    this.lifetime = lifetime;
    this.odpSrcu = new Srcu(sync, name + ".odp_srcu");
    this.wq = new UnboundWq(sync);
  }

  public String name() {
    return name;
  }

  /** How faults and prefetch keep an mkey alive, and how dereg waits for them. */
  public MkeyLifetime lifetime() {
    return lifetime;
  }

  /** {@code dev->odp_srcu} (5.6-5.12). */
  public Srcu odpSrcu() {
    return odpSrcu;
  }

  /** {@code system_unbound_wq}. */
  UnboundWq wq() {
    return wq;
  }

  @Override
  public String toString() {
    return name;
  }
}

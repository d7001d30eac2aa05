package dev.mirrorcheck.scenario;

import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.hmm2015.OdpHmmFault;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.LegacyOdpFault;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpFault;

/**
 * An RDMA memory region (umem plus MR) of whichever ODP generation the spec's design picks, as the
 * spec's RDMA operations drive it: one operation, three implementations.
 */
final class Region {
  /** The HCA's page-fault handler over {@code [start, end)}; 0 or -errno. */
  @FunctionalInterface
  interface Fault {
    int pagefault(int start, int end, boolean write);
  }

  /** One HCA access through the MR's translations; {@code DeviceMmu.FAULT} on a miss. */
  @FunctionalInterface
  interface Access {
    int access(int v, boolean write, int value);
  }

  private final Fault fault;
  private final Access access;
  private final Runnable dereg;
  private final Runnable register;

  private Region(Fault fault, Access access, Runnable dereg, Runnable register) {
    this.fault = fault;
    this.access = access;
    this.dereg = dereg;
    this.register = register;
  }

  /** Modern ODP: faults through {@code ib_umem_odp_map_dma_and_lock} on the interval notifier. */
  static Region of(IbUmemOdp u) {
    return new Region((s, e, w) -> OdpFault.pagefault(u, s, e, w),
        (v, w, x) -> u.mr().access("rdma", v, w, x), () -> OdpFault.dereg(u), u::register);
  }

  /**
   * The 2015 RFC: the region lives in its process's {@code ib_mirror} and faults through HMM; the
   * verbs calls hold a reference to the uverbs file.
   */
  static Region of(IbUmemHmm u) {
    return new Region((s, e, w) -> OdpHmmFault.pagefault(u, s, e, w),
        (v, w, x) -> u.access("rdma", v, w, x), () -> u.context().deregMr(u),
        () -> u.context().regMr(u));
  }

  /** Legacy ODP: per-umem notifier counters on a classic per-ucontext notifier. */
  static Region of(IbUmem u) {
    return new Region((s, e, w) -> LegacyOdpFault.pagefault(u, s, e, w),
        (v, w, x) -> u.access("rdma", v, w, x), () -> LegacyOdpFault.dereg(u), u::register);
  }

  int pagefault(int start, int end, boolean write) {
    return fault.pagefault(start, end, write);
  }

  int access(int v, boolean write, int value) {
    return access.access(v, write, value);
  }

  /** {@code ib_dereg_mr}. */
  void dereg() {
    dereg.run();
  }

  /** {@code ib_umem_odp_get} / {@code ib_umem_get} of a region declared unregistered. */
  void register() {
    register.run();
  }
}

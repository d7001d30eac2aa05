package dev.mirrorcheck.scenario;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.hmm2015.OdpHmmFault;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.LegacyOdpFault;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;

/**
 * An RDMA memory region (umem plus MR) of whichever ODP generation the spec's design picks, as the
 * spec's RDMA operations drive it: one operation, three implementations. A region declared
 * unregistered does not exist for the HCA until {@code umem-register} completes, and one being
 * deregistered stops existing when {@code mr-dereg} starts (its mkey is no longer found): a page fault
 * or prefetch on it then fails with {@code -EINVAL}, as it would in the kernel. Faults already under
 * way are the design's business.
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
  private BoolCell registered; // null: registered at set-up
  private BoolCell alive; // null: never deregistered

  private Region(Fault fault, Access access, Runnable dereg, Runnable register) {
    this.fault = fault;
    this.access = access;
    this.dereg = dereg;
    this.register = register;
  }

  /** Set-up: the region starts unregistered; {@link #register} makes it exist. */
  Region unregistered(Sync sync, String name) {
    registered = sync.newBool(name + ".mr_registered", false);
    return this;
  }

  /** Set-up: an actor deregisters the region, after which it cannot be faulted on. */
  Region deregistered(Sync sync, String name) {
    alive = sync.newBool(name + ".mr_alive", true);
    return this;
  }

  /** Whether the MR exists for the HCA: registered and not being deregistered. */
  private boolean exists() {
    return (registered == null || registered.get("hca:mr_lookup"))
        && (alive == null || alive.get("hca:mr_lookup"));
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
    return exists() ? fault.pagefault(start, end, write) : Errno.EINVAL;
  }

  /** {@code advise_mr} prefetch: like a page fault, on a region that exists. */
  int prefetch(java.util.function.IntSupplier body) {
    return exists() ? body.getAsInt() : Errno.EINVAL;
  }

  int access(int v, boolean write, int value) {
    return access.access(v, write, value);
  }

  /** {@code ib_dereg_mr}: the mkey is removed from the lookup table first. */
  void dereg() {
    if (alive != null) {
      alive.set("mr_dereg:mkey_unlookup", false);
    }
    dereg.run();
  }

  /** {@code ib_umem_odp_get} / {@code ib_umem_get} of a region declared unregistered. */
  void register() {
    register.run();
    if (registered != null) {
      registered.set("umem_register:mr_created", true);
    }
  }
}

package dev.mirrorcheck.scenario;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.hmm2015.OdpHmmFault;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.LegacyOdpFault;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.Mlx5ImplicitMr;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;

/**
 * An RDMA memory region (umem plus MR) of whichever ODP generation the spec's design picks, as the
 * spec's RDMA operations drive it: one operation, three implementations. The 2015 design's side is
 * adapter code only: it calls the {@code hmm2015} package's own entry points. A region declared
 * unregistered does not exist for the HCA until {@code umem-register} completes, and one being
 * deregistered stops existing when {@code mr-dereg} starts (its mkey is no longer found): a page fault
 * or prefetch on it then fails with {@code -EINVAL}, as it would in the kernel. Faults already under
 * way are the design's business.
 */
final class Region {
  /** The HCA's page-fault handler over {@code [start, end)}; 0 (or a positive no-op code) or -errno. */
  @FunctionalInterface
  interface Fault {
    int pagefault(int start, int end, boolean write);
  }

  /** One HCA access through the MR's translations; {@code DeviceMmu.FAULT} on a miss. */
  @FunctionalInterface
  interface Access {
    int access(int v, boolean write, int value);
  }

  /** {@code ibv_advise_mr} prefetch; 0 or -errno. */
  @FunctionalInterface
  interface Prefetch {
    int prefetch(int start, int end, boolean write, boolean noFault, boolean flush);
  }

  /** Whether the HCA still accepts the MR's key (a step of the access: read, not peek). */
  @FunctionalInterface
  interface KeyCheck {
    boolean valid();
  }

  private static final String ROLE = "rdma";

  private final Fault fault;
  private final Access access;
  private final KeyCheck key;
  private final Prefetch prefetch; // null: the design has no advise_mr
  private final Runnable dereg;
  private final Runnable register;
  private BoolCell registered; // null: registered at set-up
  private BoolCell alive; // null: never deregistered, or the design looks the mkey up itself
  private boolean ownsMkeyLookup; // the fault path finds the mkey itself (mlx5's odp_mkeys)

  private Region(Fault fault, Access access, KeyCheck key, Prefetch prefetch, Runnable dereg,
      Runnable register) {
    this.fault = fault;
    this.access = access;
    this.key = key;
    this.prefetch = prefetch;
    this.dereg = dereg;
    this.register = register;
  }

  /** Set-up: the region starts unregistered; {@link #register} makes it exist. */
  Region unregistered(Sync sync, String name) {
    registered = sync.newBool(name + ".mr_registered", false);
    return this;
  }

  /**
   * Set-up: an actor deregisters the region, after which it cannot be faulted on. A design whose
   * fault path looks the mkey up itself (modern ODP: {@code xa_erase(&dev->odp_mkeys)} starts
   * deregistration) needs no second gate, which would only add interleavings.
   */
  Region deregistered(Sync sync, String name) {
    if (!ownsMkeyLookup) {
      alive = sync.newBool(name + ".mr_alive", true);
    }
    return this;
  }

  /** Whether the MR exists for the HCA: registered and not being deregistered. */
  private boolean exists() {
    return (registered == null || registered.get("hca:mr_lookup"))
        && (alive == null || alive.get("hca:mr_lookup"));
  }

  /** Modern ODP: faults through {@code ib_umem_odp_map_dma_and_lock} on the interval notifier. */
  static Region of(IbUmemOdp u) {
    Region r = new Region((s, e, w) -> OdpFault.pagefault(u, s, e, w),
        (v, w, x) -> u.mr().access(ROLE, v, w, x),
        () -> u.mr().keyValid().get(ROLE + ":check_mkey"),
        (s, e, w, nf, fl) -> OdpFault.advise(u, s, e, w, nf, fl), () -> OdpFault.dereg(u),
        u::register);
    r.ownsMkeyLookup = true;
    return r;
  }

  /** Modern implicit ODP: faults create child MRs; accesses go through the parent's KSM. */
  static Region of(Mlx5ImplicitMr imr) {
    return new Region((s, e, w) -> imr.pagefault(s, e, w), (v, w, x) -> imr.access(ROLE, v, w, x),
        () -> imr.mr().keyValid().get(ROLE + ":check_mkey"),
        (s, e, w, nf, fl) -> imr.advise(s, e, w, nf, fl), null, null);
  }

  /**
   * The 2015 RFC: the region lives in its process's {@code ib_mirror} and faults through HMM; the
   * verbs calls hold a reference to the uverbs file.
   */
  static Region of(IbUmemHmm u) {
    return new Region((s, e, w) -> OdpHmmFault.pagefault(u, s, e, w),
        (v, w, x) -> u.access(ROLE, v, w, x), () -> u.keyValid().get(ROLE + ":check_mkey"), null,
        () -> u.context().deregMr(u), () -> u.context().regMr(u));
  }

  /** Legacy ODP: per-umem notifier counters on a classic per-ucontext notifier. */
  static Region of(IbUmem u) {
    return new Region((s, e, w) -> LegacyOdpFault.pagefault(u, s, e, w),
        (v, w, x) -> u.access(ROLE, v, w, x), () -> u.keyValid().get(ROLE + ":check_mkey"),
        (s, e, w, nf, fl) -> LegacyOdpFault.advise(u, s, e, w, fl), () -> LegacyOdpFault.dereg(u),
        u::register);
  }

  int pagefault(int start, int end, boolean write) {
    return exists() ? fault.pagefault(start, end, write) : Errno.EINVAL;
  }

  int access(int v, boolean write, int value) {
    return access.access(v, write, value);
  }

  /**
   * An HCA access that resolves its own page faults, as the hardware does: on a miss the HCA raises
   * a page fault, the driver's handler maps the page and resumes the queue, and the access runs
   * again. It completes with {@code DeviceMmu.FAULT} when the mkey is invalid (no page fault is
   * raised for a bad key) or the handler resumes with an error; a handler that finds the mkey already
   * out of {@code odp_mkeys} maps nothing, and the HCA's re-executed access can then only end in
   * that error, which is what it returns at once. Each further round needs an invalidation that
   * removed the page after the handler mapped it, so a bounded scenario retries a bounded number of
   * times.
   */
  int accessRetry(int v, boolean write, int value) {
    while (true) {
      int r = access.access(v, write, value);
      if (r != DeviceMmu.FAULT || !key.valid()) {
        return r;
      }
      if (fault.pagefault(v, v + 1, write) != 0) {
        return DeviceMmu.FAULT;
      }
    }
  }

  /**
   * {@code ibv_advise_mr}, like a page fault on a region that exists; the parser admits it only in
   * designs that have it.
   */
  int prefetch(int start, int end, boolean write, boolean noFault, boolean flush) {
    return exists() ? prefetch.prefetch(start, end, write, noFault, flush) : Errno.EINVAL;
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

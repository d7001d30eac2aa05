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
interface Region {

  /** The HCA's page-fault handler over {@code [start, end)}; 0 or -errno. */
  int pagefault(int start, int end, boolean write);

  /** One HCA access through the MR's translations; {@code DeviceMmu.FAULT} on a miss. */
  int access(int v, boolean write, int value);

  /** {@code ib_dereg_mr}. */
  void dereg();

  /** {@code ib_umem_odp_get} / {@code ib_umem_get} of a region declared unregistered. */
  void register();

  /** Modern ODP: {@code ib_umem_odp_get} with {@code mlx5_ib_advise_mr} prefetch. */
  static Region of(IbUmemOdp u) {
    return new Region() {
      @Override
      public int pagefault(int start, int end, boolean write) {
        return OdpFault.pagefault(u, start, end, write);
      }

      @Override
      public int access(int v, boolean write, int value) {
        return u.mr().access("rdma", v, write, value);
      }

      @Override
      public void dereg() {
        OdpFault.dereg(u);
      }

      @Override
      public void register() {
        u.register();
      }
    };
  }

  /** The 2015 RFC: the region lives in its device's {@code ib_mirror}, faults through HMM. */
  static Region of(IbUmemHmm u) {
    return new Region() {
      @Override
      public int pagefault(int start, int end, boolean write) {
        return OdpHmmFault.pagefault(u, start, end, write);
      }

      @Override
      public int access(int v, boolean write, int value) {
        return u.access("rdma", v, write, value);
      }

      @Override
      public void dereg() {
        OdpHmmFault.dereg(u);
      }

      @Override
      public void register() {
        u.register();
      }
    };
  }

  /** Legacy ODP: per-umem notifier counters on a classic per-ucontext notifier. */
  static Region of(IbUmem u) {
    return new Region() {
      @Override
      public int pagefault(int start, int end, boolean write) {
        return LegacyOdpFault.pagefault(u, start, end, write);
      }

      @Override
      public int access(int v, boolean write, int value) {
        return u.access("rdma", v, write, value);
      }

      @Override
      public void dereg() {
        LegacyOdpFault.dereg(u);
      }

      @Override
      public void register() {
        u.register();
      }
    };
  }
}

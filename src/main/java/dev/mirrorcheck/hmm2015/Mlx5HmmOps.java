package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.sync.RefArray;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code mlx5_hmm_ops} (ODP-on-HMM RFC v1 34/36 "IB/mlx5/hmm: add mlx5 HMM device initialization
 * and callback" and 35/36 "IB/mlx5/hmm: add page fault support for ODP on HMM"): {@code
 * mlx5_hmm_update} programs the faulting MR's MTTs from the mirror page table on a device fault and
 * zaps the MTTs of every MR of the range on any other event; {@code mlx5_hmm_release} invalidates
 * everything. The ODP access bits live in the driver bits of the {@code hmm_pte}s, which every MR
 * of the process shares. v1's {@code HMM_ISDIRTY} case cannot exist on the v10 core (the event type
 * is gone); {@code HMM_NONE} falls through to the invalidation but is never dispatched.
 */
final class Mlx5HmmOps implements HmmDeviceOps {
  /** {@code ODP_READ_ALLOWED_BIT}: {@code HMM_PTE_HW_SHIFT + 0}. */
  static final int ODP_READ = 1 << HmmPte.HW_SHIFT;
  /** {@code ODP_WRITE_ALLOWED_BIT}: {@code HMM_PTE_HW_SHIFT + 1}. */
  static final int ODP_WRITE = 1 << (HmmPte.HW_SHIFT + 1);

  private final Map<HmmMirror, IbMirror> ibMirrors = new IdentityHashMap<>();

  /** Records {@code container_of(mirror, struct ib_mirror, base)} (set-up). */
  void bind(IbMirror m) {
    ibMirrors.put(m.base(), m);
  }

  /** {@code mlx5_hmm_update}. */
  @Override
  public int update(String role, HmmMirror mirror, HmmEvent event) {
    if (event.etype().isDeviceFault()) {
      return pfault(role, mirror, (Mlx5HmmPfault) event);
    }
    // "For write protect and fork we could only invalidate writeable mr."
    invalidateRange(role, ibMirrors.get(mirror), event.start(), event.end());
    return 0;
  }

  /** {@code mlx5_hmm_release}: invalidate every MR ({@code [0, ULLONG_MAX]}). */
  @Override
  public void release(String role, HmmMirror mirror) {
    invalidateRange(role, ibMirrors.get(mirror), 0, mirror.mm().pages());
  }

  /** Every MR of the mirror overlapping the range has completed the invalidation (ghost only). */
  @Override
  public void ghostInvalidated(HmmMirror mirror, int start, int end) {
    for (IbUmemHmm u : ibMirrors.get(mirror).umemTree().peek()) {
      if (u.start() < end && start < u.end()) {
        mirror.mm().ghost().callbackReturned(u.ghostMirror(), Math.max(start, u.start()),
            Math.min(end, u.end()));
      }
    }
  }

  /**
   * {@code mlx5_hmm_pfault} (35/36): every page must already be DMA-mapped by HMM ("got empty
   * mirror page table on pagefault") and writable for a write access ("got wrong protection
   * permission"); set the ODP bits in the shared {@code hmm_pte}s, then {@code mlx5_ib_update_mtt}
   * builds the faulting MR's MTTs from them.
   */
  private int pfault(String role, HmmMirror m, Mlx5HmmPfault ev) {
    if (m.hmm().mutations().has(Mutation.M27)) {
      // M27: inferred 2015 hazard (no fix): the MTT allocation enters direct reclaim, which
      // unmaps a page of the faulting range while the fault is registered in device_faults
      Reclaim.shrinkAnonPage(m.mm(), role + "/direct_reclaim", ev.start());
    }
    RefArray<HmmPte> pt = m.pt().ptes();
    String label = role + ":mlx5_hmm_pfault";
    int r = Steps.atomic(m.mm().sync(), label, () -> {
      m.mm().ghost().deviceFaultUpdate(m.ghostMirror(), ev, m.hmm().backoffPeek(ev));
      for (int v = ev.start(); v < ev.end(); v++) {
        HmmPte h = pt.get(label, v);
        if (!h.test(HmmPte.VALID_DMA)) {
          return Errno.EINVAL;
        }
        if (ev.writeAccess()) {
          if (!h.test(HmmPte.WRITE)) {
            return Errno.EINVAL;
          }
          h = h.set(ODP_WRITE);
        }
        pt.set(label, v, h.set(ODP_READ));
      }
      return 0;
    });
    if (r != 0) {
      return r;
    }
    updateMtt(role, m, ev);
    return 0;
  }

  /**
   * {@code mlx5_ib_update_mtt(zap = 0)} with 34/36's {@code __mlx5_ib_populate_pas}: the faulting
   * MR's MTTs of the range from the {@code hmm_pte}s (DMA address, write permission from the shared
   * {@code ODP_WRITE} bit; an entry without a DMA address becomes an empty MTT).
   */
  private void updateMtt(String role, HmmMirror m, Mlx5HmmPfault ev) {
    IbUmemHmm umem = ev.umem();
    DeviceMmu mmu = umem.mmu();
    RefArray<HmmPte> pt = m.pt().ptes();
    String label = role + ":mlx5_ib_update_mtt";
    m.mm().sync().atomic(label, () -> {
      m.mm().ghost().hwUpdate(umem.ghostMirror(), umem.keyValid().get(label));
      for (int v = ev.start(); v < ev.end(); v++) {
        HmmPte h = pt.get(label, v);
        if (h.test(HmmPte.VALID_DMA)) {
          mmu.installMappedInStep(label, v, mmu.entry(v, h.frame(), h.test(ODP_WRITE)));
        } else {
          mmu.zapInStep(label, v, v + 1, true);
        }
      }
    });
  }

  /**
   * {@code mlx5_hmm_invalidate_range} (34/36): {@code mlx5_ib_umem_invalidate} of every umem of the
   * mirror overlapping the range, under {@code umem_rwsem} for read.
   */
  private void invalidateRange(String role, IbMirror ib, int start, int end) {
    ib.umemRwsem().downRead(role + ":umem_rwsem_read");
    for (IbUmemHmm u : ib.umemTree().get(role + ":umem_tree")) {
      if (u.start() < end && start < u.end()) {
        u.invalidate(role, start, end);
      }
    }
    ib.umemRwsem().upRead(role + ":umem_rwsem_unlock");
  }
}

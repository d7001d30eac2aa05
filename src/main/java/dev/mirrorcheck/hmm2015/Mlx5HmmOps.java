package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.sync.RefArray;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code mlx5_hmm_ops} (RFC patches 34/35): {@code mlx5_hmm_update} programs the MTTs from the
 * mirror page table on a device fault and zaps them on every invalidation; {@code mlx5_hmm_release}
 * invalidates everything. The ODP access bits live in the {@code hmm_pte} driver bits.
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
    IbMirror ib = ibMirrors.get(mirror);
    // An if chain, not an enum switch: javac's switch map class would be Mlx5HmmOps$1, the name
    // Java PathFinder gives this class's second lambda.
    HmmEtype type = event.etype();
    if (type == HmmEtype.DEVICE_RFAULT || type == HmmEtype.DEVICE_WFAULT) {
      return pfault(role, ib, (Mlx5HmmPfault) event);
    }
    if (type == HmmEtype.ISDIRTY) {
      rangeDirty(role, mirror, event);
      return 0;
    }
    // "For write protect and fork we could only invalidate writeable mr."
    invalidateRange(role, ib, event.start(), event.end());
    return 0;
  }

  /** {@code mlx5_hmm_release}: invalidate every MR. */
  @Override
  public void release(String role, HmmMirror mirror) {
    invalidateRange(role, ibMirrors.get(mirror), 0, mirror.mm().pages());
  }

  /**
   * {@code mlx5_hmm_pfault}: every page must already be DMA-mapped by HMM (and writable for a write
   * access); set the ODP bits, then {@code mlx5_ib_update_mtt} builds the MTTs from the hmm_ptes.
   */
  private int pfault(String role, IbMirror ib, Mlx5HmmPfault ev) {
    HmmMirror m = ib.base();
    if (m.hmm().mutations().has(Mutation.M27)) {
      // M27: inferred 2015 hazard (no fix): the MTT allocation enters direct reclaim, which
      // unmaps a page of the faulting range while the fault is registered in device_faults
      Reclaim.shrinkAnonPage(m.mm(), role + "/direct_reclaim", ev.start());
    }
    RefArray<HmmPte> pt = m.pt().ptes();
    String label = role + ":mlx5_hmm_pfault";
    int r = Steps.atomic(m.mm().sync(), label, () -> {
      for (int v = ev.start(); v < ev.end(); v++) {
        HmmPte h = pt.get(label, v);
        if (!h.test(HmmPte.VALID_DMA)) {
          return Errno.EINVAL; // "got empty mirror page table on pagefault"
        }
        if (ev.writeAccess()) {
          if (!h.test(HmmPte.WRITE)) {
            return Errno.EINVAL; // "got wrong protection permission"
          }
          h = h.set(ODP_WRITE);
        }
        pt.set(label, v, h.set(ODP_READ));
        ev.addPage();
      }
      return 0;
    });
    if (r != 0) {
      return r;
    }
    updateMtt(role, ib, ev);
    return 0;
  }

  /** {@code mlx5_ib_update_mtt(zap = 0)}: MTTs from the DMA addresses and ODP bits of the hmm_ptes. */
  private void updateMtt(String role, IbMirror ib, Mlx5HmmPfault ev) {
    HmmMirror m = ib.base();
    DeviceMmu mmu = m.mmu();
    RefArray<HmmPte> pt = m.pt().ptes();
    String label = role + ":mlx5_ib_update_mtt";
    m.mm().sync().atomic(label, () -> {
      m.mm().ghost().hwUpdate(m.ghostMirror(), ev.umem().keyValid().get(label));
      for (int v = ev.start(); v < ev.end(); v++) {
        HmmPte h = pt.get(label, v);
        if (h.test(HmmPte.VALID_DMA)) {
          mmu.installMappedInStep(label, v, mmu.entry(v, h.frame(), h.test(ODP_WRITE)));
        }
      }
    });
  }

  /** {@code hmm_mirror_range_dirty}: mark the writable entries dirty (writeback, no unmap). */
  private void rangeDirty(String role, HmmMirror mirror, HmmEvent event) {
    RefArray<HmmPte> pt = mirror.pt().ptes();
    String label = role + ":hmm_mirror_range_dirty";
    mirror.mm().sync().atomic(label, () -> {
      for (int v = event.start(); v < event.end(); v++) {
        HmmPte h = pt.get(label, v);
        if (h.valid() && h.test(HmmPte.WRITE)) {
          pt.set(label, v, h.set(HmmPte.DIRTY));
        }
      }
    });
  }

  /** {@code mlx5_hmm_invalidate_range}: every umem of the mirror overlapping the range. */
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

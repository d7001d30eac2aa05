package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.notifier.Srcu;

/**
 * The RFC's mlx5 page-fault and deregistration paths (ODP-on-HMM RFC v1 35/36 {@code
 * pagefault_single_data_segment}, 34/36 {@code mlx5_ib_dereg_mr} on Linux 4.1). The RFC has no
 * prefetch: {@code ib_advise_mr} arrived in 2018/19.
 */
public final class OdpHmmFault {
  private OdpHmmFault() {}

  /**
   * {@code pagefault_single_data_segment} on HMM: under {@code mr_srcu}, find the live MR ({@code
   * mlx5_ib_odp_find_mr_lkey}), then {@code hmm_mirror_fault} over {@code [start, end)} (a write
   * fault whenever the MR is writable); {@code mlx5_hmm_pfault} programs the MR's MTTs. Returns 0
   * or -errno ({@code -EFAULT} when the MR is gone, or for a write to a read-only MR, which the HCA
   * reports as an access error rather than a page fault). The RFC's {@code ib_mirror->base.hmm ==
   * NULL} test never fires on the v10 core, which clears {@code mirror->hmm} only when registration
   * fails; a dead mirror is caught by {@code hmm_mirror_fault}'s own {@code hmm_mirror_is_dead}.
   */
  public static int pagefault(IbUmemHmm umem, int start, int end, boolean write) {
    String role = "odp_fault";
    Srcu srcu = umem.device().mrSrcu();
    srcu.readLock(role + ":srcu_read_lock");
    int rc;
    if (!umem.live().get(role + ":mlx5_ib_odp_find_mr_lkey")) {
      rc = Errno.EFAULT; // "probably the MR was destroyed"
    } else if (write && !umem.writable()) {
      rc = Errno.EFAULT;
    } else {
      HmmMirror mirror = umem.ibMirror().base();
      rc = HmmMirrorFault.fault(mirror, role, new Mlx5HmmPfault(umem, start, end));
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    umem.mm().ghost().faultRet(umem.ghostSub(), start, end, rc);
    return rc;
  }

  /** {@code mlx5_ib_dereg_mr} for an ODP MR, called by {@code ib_uverbs_dereg_mr}. */
  public static void dereg(IbUmemHmm umem) {
    dereg(umem, "dereg");
  }

  /**
   * {@code mlx5_ib_dereg_mr} for an ODP MR (4.1 with 34/36's hunk), run by {@code role}: {@code
   * mr->live = 0}, {@code synchronize_srcu} for the running page-fault handlers, {@code
   * mlx5_ib_umem_invalidate} of the whole umem (outside any HMM event: the {@code hmm_pte}s keep
   * their DMA addresses), {@code ib_umem_release} ({@code ib_umem_odp_release}), then {@code
   * clean_mr} destroys the mkey and frees its MTTs (whatever the invalidation left in them becomes
   * unreachable) and the MR leaves the context's list.
   */
  static void dereg(IbUmemHmm umem, String role) {
    umem.live().set(role + ":mr_live_0", false);
    umem.device().mrSrcu().synchronize(role + ":synchronize_srcu");
    umem.invalidate(role, umem.start(), umem.end());
    umem.release(role);
    String label = role + ":destroy_mkey";
    umem.mm().sync().atomic(label, () -> {
      umem.keyValid().set(label, false);
      umem.mmu().zapInStep(label, umem.start(), umem.end(), true);
      umem.context().removeMrInStep(label, umem);
    });
  }
}

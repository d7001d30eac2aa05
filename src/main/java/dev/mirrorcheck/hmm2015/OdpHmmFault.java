package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.notifier.Srcu;

/**
 * The RFC's mlx5 page-fault and deregistration paths (patches 34/35). The RFC has no prefetch:
 * {@code ib_advise_mr} prefetch arrived in 2018/19, long after the RFC.
 */
public final class OdpHmmFault {
  private OdpHmmFault() {}

  /**
   * {@code pagefault_single_data_segment} on HMM: under {@code mr_srcu}, find the live MR, then
   * {@code hmm_mirror_fault} over {@code [start, end)} (a write fault whenever the MR is writable);
   * {@code mlx5_hmm_pfault} programs the MTTs. Returns 0 or -errno ({@code -EFAULT} when the MR is
   * gone or the access is not allowed by it).
   */
  public static int pagefault(IbUmemHmm umem, int start, int end, boolean write) {
    String role = "odp_fault";
    Srcu srcu = umem.device().mrSrcu();
    HmmMirror mirror = umem.ibMirror().base();
    srcu.readLock(role + ":srcu_read_lock");
    int rc;
    if (!umem.live().get(role + ":mlx5_ib_odp_find_mr_lkey")) {
      rc = Errno.EFAULT; // the MR was closed while the fault was pending
    } else if (write && !umem.writable()) {
      rc = Errno.EFAULT;
    } else if (mirror.dead().get(role + ":ib_mirror_base_hmm")) {
      rc = Errno.EFAULT; // "Somehow the mirror was kill from under us."
    } else {
      rc = HmmMirrorFault.fault(mirror, role, new Mlx5HmmPfault(umem, start, end));
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    umem.mm().ghost().faultRet(umem.ghostSub(), start, end, rc);
    return rc;
  }

  /**
   * {@code mlx5_ib_dereg_mr} for an ODP MR: {@code mr->live = 0}, {@code synchronize_srcu} for the
   * running page-fault handlers, {@code mlx5_ib_umem_invalidate} of the whole umem (outside any HMM
   * event: the {@code hmm_pte}s keep their DMA addresses), {@code ib_umem_odp_release}, and the mkey
   * is destroyed.
   */
  public static void dereg(IbUmemHmm umem) {
    String role = "dereg";
    umem.live().set(role + ":mr_live_0", false);
    umem.device().mrSrcu().synchronize(role + ":synchronize_srcu");
    umem.invalidate(role, umem.start(), umem.end());
    umem.release(role);
    umem.keyValid().set(role + ":destroy_mkey", false);
  }
}

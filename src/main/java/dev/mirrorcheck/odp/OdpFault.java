package dev.mirrorcheck.odp;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.notifier.Srcu;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The ODP fault and prefetch entry points: the mkey looked up and kept alive as the HCA's generation
 * does it ({@link MkeyLifetime}), then {@code pagefault_real_mr} through the umem's driver
 * ({@link Mlx5OdpDriver}: {@code ib_umem_odp_map_dma_and_lock} followed by the MTT update under
 * {@code umem_mutex}), as the page-fault handler and {@code mlx5_ib_advise_mr_prefetch} do; and
 * deregistration.
 */
public final class OdpFault {
  /**
   * Returned by {@link #pagefault} when the mkey was no longer in {@code odp_mkeys}: the kernel
   * treats it as a non-ODP key, maps nothing and reports success ("skipping non ODP MR").
   */
  public static final int MKEY_GONE = 1;

  private OdpFault() {}

  /**
   * {@code pagefault_single_data_segment} for this MR's key, then {@code pagefault_real_mr}: fault
   * {@code [start, end)} in (writable if {@code write}). Returns 0, {@link #MKEY_GONE} or -errno.
   */
  public static int pagefault(IbUmemOdp umem, int start, int end, boolean write) {
    String role = "odp_fault";
    return withMkey(umem.mr(), role, MKEY_GONE, () -> run(umem, role, start, end, write, true));
  }

  /** A synchronous ({@code FLUSH}) {@code PREFETCH_NO_FAULT}: map only what the CPU maps. */
  public static int prefetch(IbUmemOdp umem, int start, int end, boolean write) {
    return advise(umem, start, end, write, true, true);
  }

  /**
   * {@code mlx5_ib_advise_mr_prefetch} over {@code [start, end)}: {@code PREFETCH_WRITE} if
   * {@code write} (else {@code PREFETCH}, downgraded to read access), {@code PREFETCH_NO_FAULT} when
   * {@code noFault} (snapshot mode: map only what the CPU already maps). With {@code flush}
   * ({@code IB_UVERBS_ADVISE_MR_FLAG_FLUSH}) the prefetch runs before the call returns; otherwise the
   * MR is referenced and a work item on {@code system_unbound_wq} runs it later. Returns 0, or
   * -ENOENT/-EINVAL when the mkey is no longer registered.
   */
  public static int advise(IbUmemOdp umem, int start, int end, boolean write, boolean noFault,
      boolean flush) {
    // only PREFETCH downgrades the access mask; snapshot mode takes it from the pfns
    boolean writeAccess = write || noFault;
    return advise(umem.mr(), flush, role -> run(umem, role, start, end, writeAccess, !noFault));
  }

  /**
   * {@code mlx5_ib_advise_mr_prefetch} of one MR: {@code pagefault_mr} (the {@code body}, given its
   * role) now under the mkey ({@code flush}), or in a work item that holds the mkey.
   */
  static int advise(Mlx5Mr mr, boolean flush, ToIntFunction<String> body) {
    if (flush) {
      String role = "prefetch";
      // mlx5_ib_prefetch_sg_list: get_prefetchable_mr, pagefault_mr, deref
      return Math.min(withMkey(mr, role, Errno.ENOENT, () -> body.applyAsInt(role)), 0);
    }
    String role = "advise_mr";
    String work = "prefetch_work";
    Mlx5IbDev dev = mr.device();
    if (dev.lifetime() == MkeyLifetime.USECOUNT) {
      // init_prefetch_work: get_prefetchable_mr takes a usecount the work item drops
      if (!mr.tryGet(role)) {
        return Errno.EINVAL;
      }
      dev.wq().queueWork(work, () -> {
        body.applyAsInt(work);
        mr.deref(work); // destroy_prefetch_work
      });
      return 0;
    }
    Srcu srcu = dev.odpSrcu();
    srcu.readLock(role + ":srcu_read_lock");
    boolean found = mr.foundUnderSrcu(role);
    if (found) {
      mr.deferWork(role); // "Keep the MR pointer will valid outside the SRCU"
      dev.wq().queueWork(work, () -> {
        srcu.readLock(work + ":srcu_read_lock");
        body.applyAsInt(work);
        srcu.readUnlock(work + ":srcu_read_unlock");
        mr.deferredWorkDone(work);
      });
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    return found ? 0 : Errno.EINVAL;
  }

  /**
   * Runs {@code body} with the MR's mkey held as the HCA's generation holds it: 5.13+ a
   * {@code usecount} reference taken under the xarray lock, 5.6-5.12 an {@code odp_srcu} read
   * section. Returns {@code gone} without running it when the mkey left {@code odp_mkeys}.
   */
  static int withMkey(Mlx5Mr mr, String role, int gone, IntSupplier body) {
    if (mr.device().lifetime() == MkeyLifetime.USECOUNT) {
      if (!mr.tryGet(role)) {
        return gone;
      }
      int rc = body.getAsInt();
      mr.deref(role);
      return rc;
    }
    Srcu srcu = mr.device().odpSrcu();
    srcu.readLock(role + ":srcu_read_lock");
    int rc = mr.foundUnderSrcu(role) ? body.getAsInt() : gone;
    srcu.readUnlock(role + ":srcu_read_unlock");
    return rc;
  }

  /** {@code pagefault_real_mr} of {@code [start, end)} of one umem (no mkey handling). */
  static int run(IbUmemOdp umem, String role, int start, int end, boolean write,
      boolean fault) {
    return umem.pagefaultRealMr(role, start, end, write, fault);
  }

  /**
   * {@code mlx5_ib_dereg_mr} then {@code ib_umem_odp_release} through the umem's driver
   * ({@link Mlx5OdpDriver#release}), then the umem is freed.
   */
  public static void dereg(IbUmemOdp umem) {
    umem.dereg();
  }
}

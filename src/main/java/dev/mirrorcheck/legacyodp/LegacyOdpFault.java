package dev.mirrorcheck.legacyodp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.Gup;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.odp.DmaEntry;
import dev.mirrorcheck.sync.Mutex;

/**
 * The v4.x-5.4 mlx5 ODP page-fault, prefetch and deregistration paths
 * ({@code pagefault_single_data_segment}, {@code ib_umem_odp_map_dma_pages},
 * {@code mlx5_ib_advise_mr_prefetch} from v5.0, {@code mlx5_ib_dereg_mr}).
 */
public final class LegacyOdpFault {
  /** Hardware page-fault rounds before the QP is resumed with the fault unresolved. */
  public static final int DEFAULT_BUDGET = 64;

  private LegacyOdpFault() {}

  /**
   * {@code pagefault_single_data_segment}, repeated as the HCA re-faults after {@code -EAGAIN}:
   * sample {@code notifiers_seq} before GUP, map the pages under {@code umem_mutex}, update the MTTs
   * under {@code umem_mutex} unless {@code notifiers_count != 0 || notifiers_seq != seq}; on
   * {@code -EAGAIN} wait for {@code notifier_completion}. Returns 0 or -errno.
   */
  public static int pagefault(IbUmem umem, int start, int end, boolean write) {
    String role = "odp_fault";
    int rc = Errno.EAGAIN;
    for (int round = 0; round < DEFAULT_BUDGET && rc == Errno.EAGAIN; round++) {
      rc = singleDataSegment(umem, role, start, end, write, umem.writable());
    }
    umem.mm().ghost().faultRet(umem.ghostSub(), start, end, rc);
    return rc;
  }

  /**
   * {@code mlx5_ib_advise_mr_prefetch} (v5.0-5.4) over {@code [start, end)}: {@code PREFETCH}
   * (access downgraded to read) or {@code PREFETCH_WRITE}. With {@code flush} the prefetch runs now
   * ({@code mlx5_ib_prefetch_sg_list}); otherwise, inside {@code mr_srcu},
   * {@code num_pending_prefetch_inc} checks {@code mr->live} and counts the work item it queues.
   * Returns 0 or -errno ({@code -EINVAL}: the MR is not live).
   */
  public static int advise(IbUmem umem, int start, int end, boolean write, boolean flush) {
    if (flush) {
      return prefetchSgList(umem, "prefetch", start, end, write);
    }
    String role = "advise_mr";
    MrSrcu srcu = umem.context().mrSrcu();
    String inc = role + ":num_pending_prefetch_inc";
    boolean valid = Steps.atomic(umem.sync(), inc, () -> {
      srcu.readLockInStep(inc, umem.srcuReaders());
      if (!umem.live().get(inc)) {
        return false;
      }
      umem.pendingPrefetch().set(inc, umem.pendingPrefetch().get(inc) + 1);
      return true;
    });
    if (valid) {
      umem.context().wq().queueWork("prefetch_work", () -> {
        String work = "prefetch_work";
        prefetchSgList(umem, work, start, end, write); // mlx5_ib_prefetch_mr_work
        // num_pending_prefetch_dec (inside mr_srcu; that read section blocks nothing here)
        String dec = work + ":num_pending_prefetch_dec";
        umem.sync().atomic(dec, () -> {
          int n = umem.pendingPrefetch().get(dec) - 1;
          umem.pendingPrefetch().set(dec, n);
          if (n == 0) {
            umem.prefetchDone().wakeAll(dec);
          }
        });
      });
    }
    srcu.readUnlock(role + ":srcu_read_unlock", umem.srcuReaders());
    return valid ? 0 : Errno.EINVAL;
  }

  /**
   * {@code mlx5_ib_prefetch_sg_list}: one {@code pagefault_single_data_segment} with
   * {@code MLX5_PF_FLAGS_PREFETCH} (plus {@code DOWNGRADE} for a read prefetch); an {@code -EAGAIN}
   * is returned after the completion wait, not retried.
   */
  private static int prefetchSgList(IbUmem umem, String role, int start, int end, boolean write) {
    int rc = write && !umem.writable() ? Errno.EINVAL
        : singleDataSegment(umem, role, start, end, false, write && umem.writable());
    umem.mm().ghost().faultRet(umem.ghostSub(), start, end, rc);
    return rc;
  }

  /**
   * One round of {@code pagefault_single_data_segment} / {@code pagefault_mr}: {@code write} is the
   * access the HCA needs, {@code mapWrite} whether the pages are mapped for write (a writable MR's
   * faults always are, a downgraded prefetch never).
   */
  private static int singleDataSegment(IbUmem umem, String role, int start, int end,
      boolean write, boolean mapWrite) {
    MrSrcu srcu = umem.context().mrSrcu();
    // srcu_read_lock, then the key lookup (the lock never blocks: one step with the lookup)
    String find = role + ":mlx5_ib_odp_find_mr_lkey";
    boolean live = Steps.atomic(umem.sync(), find, () -> {
      srcu.readLockInStep(find, umem.srcuReaders());
      return umem.live().get(find);
    });
    int ret;
    if (!live) {
      ret = Errno.EFAULT; // the MR was destroyed: the QP goes to error
    } else if (write && !umem.writable()) {
      ret = Errno.EFAULT;
    } else {
      boolean late = umem.mutations().has(Mutation.M8);
      // READ_ONCE(notifiers_seq); smp_rmb(): "valid for some time before we call gup"
      int[] seq = {late ? 0 : umem.notifiersSeq().get(role + ":read_notifiers_seq")};
      int npages = mapDmaPages(umem, role, start, end, mapWrite, seq);
      ret = npages < 0 ? npages : updateMtt(umem, role, start, start + npages, seq[0]);
    }
    if (ret == Errno.EAGAIN) {
      if (!umem.dying().get(role + ":read_dying")) {
        umem.completion().waitFor(role + ":wait_for_completion_timeout");
      } else {
        ret = Errno.EFAULT; // the MR is being killed: kill the QP as well
      }
    }
    srcu.readUnlock(role + ":srcu_read_unlock", umem.srcuReaders());
    return ret;
  }

  /**
   * {@code ib_umem_odp_map_dma_pages}: {@code get_user_pages_remote} under {@code mmap_lock}, then
   * under {@code umem_mutex} {@code ib_umem_odp_map_dma_single_page} for each page (retry check,
   * {@code dma_map_page} into an empty slot, access bits added to the same page, {@code put_page}:
   * ODP keeps no reference). Returns the pages mapped or -errno.
   */
  static int mapDmaPages(IbUmem umem, String role, int start, int end, boolean write, int[] seq) {
    Mm mm = umem.mm();
    if (!mm.mmgetNotZero(role + ":get_task_mm")) {
      return Errno.ENOENT;
    }
    int[] pages = new int[end - start];
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    int n = Gup.getUserPages(mm, role, start, end, write, pages);
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
    int ret = n;
    if (n > 0) {
      if (umem.mutations().has(Mutation.M8)) {
        // M8: undoes mlx5 odp.c's old pagefault_mr: notifiers_seq sampled after GUP instead of before
        seq[0] = umem.notifiersSeq().get(role + ":read_notifiers_seq");
      }
      ret = mapPages(umem, role, start, pages, n, write, seq[0]);
    }
    mm.mmput(role);
    return ret;
  }

  /** The {@code umem_mutex} section of {@code ib_umem_odp_map_dma_pages} for GUP's pages. */
  private static int mapPages(IbUmem umem, String role, int start, int[] pages, int n,
      boolean write, int seq) {
    PhysMem mem = umem.mm().mem();
    DeviceMmu mmu = umem.mmu();
    String label = role + ":ib_umem_odp_map_dma_single_page";
    return Steps.locked(umem.sync(), umem.umemMutex(), label, () -> {
      int ret = n;
      for (int j = 0; j < n; j++) {
        int v = start + j;
        int k = v - umem.start();
        int page = pages[j];
        if (ret > 0 && umem.retryInStep(label, seq)) {
          ret = Errno.EAGAIN;
        }
        if (ret > 0) {
          DmaEntry old = umem.dmaList().get(label, k);
          if (old == null) {
            mmu.dmaMapInStep(label, v, page);
            umem.dmaList().set(label, k, new DmaEntry(page, write));
            umem.pageList().set(label, k, page);
            umem.npages().set(label, umem.npages().get(label) + 1);
          } else if (umem.pageList().get(label, k) == page) {
            umem.dmaList().set(label, k, new DmaEntry(page, old.write() || write));
          } else {
            throw new IllegalStateException(umem + ": got different pages in IB device (" + old
                + ") and from get_user_pages (" + page + ") at page " + v);
          }
        }
        mem.putPageInStep(label, page); // on-demand paging: avoid pinning the page
      }
      umem.mm().ghost().bookkeeping(umem.ghostMirror(), umem.npages().peek(), umem.mappedPeek());
      return ret;
    });
  }

  /**
   * {@code mlx5_ib_update_mtt} under {@code umem_mutex} if
   * {@code !ib_umem_mmu_notifier_retry(umem, seq)}, else {@code -EAGAIN}.
   */
  private static int updateMtt(IbUmem umem, String role, int start, int end, int seq) {
    Mutex lock = umem.umemMutex();
    String label = role + ":mlx5_ib_update_mtt";
    DeviceMmu mmu = umem.mmu();
    boolean posted = Steps.locked(umem.sync(), lock, label, () -> {
      if (umem.retryInStep(label, seq)) {
        return false;
      }
      umem.mm().ghost().hwUpdate(umem.ghostMirror(), umem.keyValid().get(label));
      for (int v = start; v < end; v++) {
        DmaEntry e = umem.dmaList().get(label, v - umem.start());
        if (e != null) {
          umem.mm().ghost().faultInstall(umem.ghostSub(), seq, umem.mm().id(), v, e.frame(),
              e.write());
          mmu.installInStep(label, v, mmu.entry(v, e.frame(), e.write()));
        }
      }
      return true;
    });
    return posted ? 0 : Errno.EAGAIN;
  }

  /**
   * {@code mlx5_ib_dereg_mr} for an ODP MR (v4.x-5.4): {@code mr->live = 0}, {@code synchronize_srcu}
   * for the running page-fault handlers, then (from v5.0) {@code flush_workqueue} while prefetch work
   * of the MR is pending (modelled as waiting for {@code num_pending_prefetch} to drop to zero),
   * {@code mlx5_ib_invalidate_range} of the whole umem, {@code ib_umem_odp_release}, and the mkey is
   * destroyed.
   */
  public static void dereg(IbUmem umem) {
    String role = "dereg";
    umem.live().set(role + ":mr_live_0", false);
    umem.context().mrSrcu().synchronize(role + ":synchronize_srcu");
    String flush = role + ":flush_workqueue";
    umem.prefetchDone().waitUntil(flush, () -> umem.pendingPrefetch().get(flush) == 0);
    umem.invalidateRange(role, umem.start(), umem.end());
    umem.release(role);
    umem.keyValid().set(role + ":destroy_mkey", false);
  }
}

package dev.mirrorcheck.nouveau;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Mutex;
import java.util.List;

/**
 * {@code struct nouveau_svmm}: one client's SVM mirror of its mm on the GPU's VMM, with
 * {@code svmm->mutex} serialising every GPU page-table update. Its two notifiers are one callback
 * here, in the kernel's order: the fault's interval notifier first, then the classic notifier.
 */
public class NouveauSvmm implements MirrorDriver {
  /** Fault rounds standing for {@code HMM_RANGE_DEFAULT_TIMEOUT} before {@code -EBUSY}. */
  static final int TIMEOUT_ROUNDS = 64;

  private final DriverKernel k;
  private final Mutex mutex;
  private final BoolCell vmm; // svmm->vmm != NULL

  /** {@code nouveau_svmm_init}: {@code mutex_init(&svmm->mutex)}, {@code svmm->vmm = &cli->svm}. */
  public NouveauSvmm(DriverKernel k) {
    this.k = k;
    this.mutex = k.sync().newMutex(k.name() + ".svmm_mutex");
    this.vmm = k.sync().newBool(k.name() + ".svmm_vmm", true);
    k.setPageTableLock(mutex);
  }

  /**
   * {@code nouveau_svm_fault} for one GPU fault at page {@code start} (the fault buffer holds one
   * entry per page: {@link #faultWindowPages()} is 1): {@code mmget_not_zero} (else the fault is
   * cancelled), {@code nouveau_range_fault} with {@code HMM_PFN_REQ_FAULT}, plus
   * {@code HMM_PFN_REQ_WRITE} for a write, {@code mmput}; a failed fault is cancelled (its error
   * returned), a handled one replayed.
   */
  @Override
  public int fault(String role, int start, int end, boolean write) {
    if (!k.mmgetNotZero(role)) {
      return Errno.EFAULT;
    }
    int hmmFlags = HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0);
    int ret = rangeFault(role, start, hmmFlags);
    k.mmput(role);
    return ret;
  }

  /** The GPU reports a fault per page. */
  @Override
  public int faultWindowPages() {
    return 1;
  }

  /**
   * {@code nouveau_range_fault} over one page: read_begin, {@code hmm_range_fault} under the mmap
   * lock (again on {@code -EBUSY}), then {@code svmm->mutex}, read_retry, and under the mutex
   * {@code nouveau_hmm_convert_pfn} and the PFNMAP ioctl.
   */
  protected int rangeFault(String role, int v, int hmmFlags) {
    for (int round = 0; round < TIMEOUT_ROUNDS; round++) {
      long seq = k.mmuIntervalReadBegin(role);
      HmmRange range = k.hmmRange(seq, v, v + 1, hmmFlags);
      k.mmapReadLock(role);
      int ret = k.hmmRangeFault(role, range);
      k.mmapReadUnlock(role);
      if (ret == Errno.EBUSY) {
        continue;
      }
      if (ret != 0) {
        return ret;
      }
      mutex.lock(role + ":svmm_lock");
      if (k.mmuIntervalReadRetry(role, seq)) {
        mutex.unlock(role + ":svmm_unlock");
        continue;
      }
      pfnmap(role, range, v);
      mutex.unlock(role + ":svmm_unlock");
      return 0;
    }
    return Errno.EBUSY; // time_after(jiffies, timeout)
  }

  /**
   * {@code nouveau_hmm_convert_pfn} and {@code NVIF_VMM_V0_PFNMAP}: the GPU PTE of the page, writable
   * iff {@code HMM_PFN_WRITE} (nvkm DMA-maps a host page as it writes the PTE).
   */
  private void pfnmap(String role, HmmRange range, int v) {
    String label = role + ":pfnmap";
    k.atomic(label, () -> {
      k.devicePageTable().installInStep(label, range, v, range.pfns().get(label, v).write());
      return null;
    });
  }

  /**
   * {@code nouveau_svm_range_invalidate}, then {@code nouveau_svmm_invalidate_range_start}: the
   * interval notifier records the epoch under the mutex (or fails when it may not sleep and the
   * mutex is taken); the classic notifier, called after it, clears the GPU PTEs under the mutex
   * unless the mirror is gone or the MIGRATE is the device's own.
   */
  @Override
  public boolean invalidate(NotifierRange range, long curSeq) {
    if (range.event() == NotifierEvent.EXCLUSIVE && range.owner() == k.deviceId()) {
      return true;
    }
    if (range.blockable()) {
      mutex.lock("range_inval:svmm_lock");
    } else if (!mutex.tryLock("range_inval:svmm_trylock")) {
      return false;
    }
    k.mmuIntervalSetSeq("range_inval", curSeq);
    mutex.unlock("range_inval:svmm_unlock");
    return invalidateRangeStart(range);
  }

  /**
   * {@code nouveau_svmm_invalidate_range_start}: returns -EAGAIN (false) when not blockable, which
   * the OOM reaper then retries later; otherwise PFNCLR under the mutex.
   */
  protected boolean invalidateRangeStart(NotifierRange range) {
    if (!range.blockable()) {
      return false;
    }
    mutex.lock("svmm_inval:svmm_lock");
    boolean gone = !vmm.get("svmm_inval:svmm_vmm");
    boolean own = range.event() == NotifierEvent.MIGRATE && range.owner() == k.deviceId();
    if (!gone && !own) {
      pfnclr("svmm_inval", range.start(), range.end());
    }
    mutex.unlock("svmm_inval:svmm_unlock");
    return true;
  }

  /**
   * {@code nouveau_svmm_invalidate}: {@code NVIF_VMM_V0_PFNCLR}: nvkm clears the PTEs, invalidates
   * the GPU TLB (waiting for the invalidate to complete) and DMA-unmaps the host pages; it does
   * not dirty them.
   */
  protected void pfnclr(String role, int start, int limit) {
    DeviceMmu gpu = k.devicePageTable();
    List<DeviceMmu.Zapped> cleared =
        k.atomic(role + ":pfnclr", () -> gpu.zapInStep(role + ":pfnclr", start, limit, true));
    gpu.waitForDma(role + ":tlb_invalidate", start, limit);
    if (cleared.isEmpty()) {
      return;
    }
    k.atomic(role + ":dma_unmap_page", () -> {
      for (DeviceMmu.Zapped z : cleared) {
        gpu.dmaUnmapInStep(role + ":dma_unmap_page", z.v());
        afterUnmap(role + ":dma_unmap_page", z);
      }
      return null;
    });
  }

  /** What nvkm does for a page after its DMA unmap: nothing (the variant that dirties overrides). */
  protected void afterUnmap(String label, DeviceMmu.Zapped z) {}

  /** The kernel, for variants of the model. */
  protected final DriverKernel kernel() {
    return k;
  }

  /**
   * {@code nouveau_svmm_fini} with the client's VMM teardown: the notifier goes
   * ({@code mmu_notifier_put}), {@code svmm->vmm = NULL} under the mutex; destroying the VMM clears
   * every GPU PTE.
   */
  @Override
  public void release(String role) {
    k.mmuIntervalNotifierRemove(role); // mmu_notifier_put
    mutex.lock(role + ":svmm_lock");
    vmm.set(role + ":svmm_vmm_null", false);
    pfnclr(role, 0, k.pages());
    mutex.unlock(role + ":svmm_unlock");
  }
}

package com.example;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.Mutex;
import java.util.List;

/**
 * An example GPU driver's mirror: a page-table lock, a fault handler that maps read faults
 * read-only even when the CPU page is writable, and the invalidate order of hmm.rst.
 */
public final class MyDriver implements MirrorDriver {
  private static final int MAX_ROUNDS = 8;

  private final DriverKernel k;
  private final Mutex ptLock;

  public MyDriver(DriverKernel k) {
    this.k = k;
    this.ptLock = k.sync().newMutex(k.name() + ".pt_lock");
    k.setPageTableLock(ptLock);
  }

  /** my_gpu_handle_fault. */
  @Override
  public int fault(String role, int start, int end, boolean write) {
    if (!k.mmgetNotZero(role)) {
      return Errno.EFAULT;
    }
    int rc = Errno.EBUSY;
    for (int round = 0; round < MAX_ROUNDS && rc == Errno.EBUSY; round++) {
      rc = tryOnce(role, start, end, write);
    }
    k.mmput(role);
    return rc;
  }

  private int tryOnce(String role, int start, int end, boolean write) {
    long seq = k.mmuIntervalReadBegin(role);
    int flags = HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0);
    HmmRange range = k.hmmRange(seq, start, end, flags);
    k.mmapReadLock(role);
    int r = k.hmmRangeFault(role, range);
    k.mmapReadUnlock(role);
    if (r != 0) {
      return r;
    }
    if (k.mmuIntervalCheckRetry(role, seq)) {
      return Errno.EBUSY; // cheap early-out without the lock
    }
    ptLock.lock(role + ":lock");
    try {
      if (k.mmuIntervalReadRetry(role, seq)) {
        return Errno.EBUSY;
      }
      String label = role + ":install";
      k.atomic(label, () -> {
        for (int v = start; v < end; v++) {
          boolean writable = write && range.pfns().get(label, v).write();
          k.devicePageTable().installInStep(label, range, v, writable);
        }
        return null;
      });
      return 0;
    } finally {
      ptLock.unlock(role + ":unlock");
    }
  }

  /** my_gpu_invalidate: the mmu_interval_notifier_ops callback. */
  @Override
  public boolean invalidate(NotifierRange range, long curSeq) {
    if (!range.blockable()) {
      if (!ptLock.tryLock("inval:trylock")) {
        return false;
      }
    } else {
      ptLock.lock("inval:lock");
    }
    k.mmuIntervalSetSeq("inval", curSeq);
    unmap("inval", range.start(), range.end());
    ptLock.unlock("inval:unlock");
    return true;
  }

  /** my_gpu_release: unmap everything while invalidations still reach us, then unsubscribe. */
  @Override
  public void release(String role) {
    ptLock.lock(role + ":lock");
    unmap(role, 0, k.pages());
    ptLock.unlock(role + ":unlock");
    k.mmuIntervalNotifierRemove(role);
  }

  /** Zap with the TLB flush, fence the DMA, then unmap and dirty what was writable. */
  private void unmap(String role, int lo, int hi) {
    DeviceMmu dev = k.devicePageTable();
    List<DeviceMmu.Zapped> zapped =
        k.atomic(role + ":zap", () -> dev.zapInStep(role + ":zap", lo, hi, true));
    dev.waitForDma(role + ":fence", lo, hi);
    if (zapped.isEmpty()) {
      return;
    }
    k.atomic(role + ":dma_unmap", () -> {
      for (DeviceMmu.Zapped z : zapped) {
        dev.dmaUnmapInStep(role + ":dma_unmap", z.v());
        if (z.entry().writable()) {
          k.setPageDirtyInStep(role + ":dma_unmap", z.entry().frame());
        }
      }
      return null;
    });
  }
}

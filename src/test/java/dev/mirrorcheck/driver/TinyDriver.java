package dev.mirrorcheck.driver;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.Mutex;

/**
 * A small driver written from docs/driver-api.md alone: one lock, the hmm.rst fault loop and the
 * hmm.rst invalidate order. {@link #skipsRetry()} lets a subclass drop the read_retry check.
 */
public class TinyDriver implements MirrorDriver {
  private final DriverKernel k;
  private final Mutex lock;

  public TinyDriver(DriverKernel k) {
    this.k = k;
    this.lock = k.sync().newMutex(k.name() + ".mutex");
    k.setPageTableLock(lock);
  }

  /** Whether the fault handler installs without {@code mmu_interval_read_retry} (a bug). */
  protected boolean skipsRetry() {
    return false;
  }

  @Override
  public int fault(String role, int start, int end, boolean write) {
    if (!k.mmgetNotZero(role)) {
      return Errno.EFAULT;
    }
    try {
      for (int round = 0; round < 16; round++) {
        long seq = k.mmuIntervalReadBegin(role);
        HmmRange range = k.hmmRange(seq, start, end,
            HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0));
        k.mmapReadLock(role);
        int r = k.hmmRangeFault(role, range);
        k.mmapReadUnlock(role);
        if (r == Errno.EBUSY) {
          continue;
        }
        if (r != 0) {
          return r;
        }
        lock.lock(role + ":lock");
        if (!skipsRetry() && k.mmuIntervalReadRetry(role, seq)) {
          lock.unlock(role + ":unlock");
          continue;
        }
        k.atomic(role + ":install", () -> {
          for (int v = start; v < end; v++) {
            k.devicePageTable().installInStep(role + ":install", range, v,
                range.pfns().get(role + ":install", v).write());
          }
          return null;
        });
        lock.unlock(role + ":unlock");
        return 0;
      }
      return Errno.EBUSY;
    } finally {
      k.mmput(role);
    }
  }

  @Override
  public boolean invalidate(NotifierRange range, long curSeq) {
    if (range.blockable()) {
      lock.lock("inval:lock");
    } else if (!lock.tryLock("inval:trylock")) {
      return false;
    }
    k.mmuIntervalSetSeq("inval", curSeq);
    zap("inval", range.start(), range.end());
    lock.unlock("inval:unlock");
    return true;
  }

  @Override
  public void release(String role) {
    lock.lock(role + ":lock");
    zap(role, 0, k.pages());
    lock.unlock(role + ":unlock");
    k.mmuIntervalNotifierRemove(role);
  }

  private void zap(String role, int lo, int hi) {
    DeviceMmu pt = k.devicePageTable();
    java.util.List<DeviceMmu.Zapped> gone =
        k.atomic(role + ":zap", () -> pt.zapInStep(role + ":zap", lo, hi, true));
    pt.waitForDma(role + ":wait_dma", lo, hi);
    k.atomic(role + ":unmap", () -> {
      for (DeviceMmu.Zapped z : gone) {
        pt.dmaUnmapInStep(role + ":unmap", z.v());
        if (z.entry().writable()) {
          k.setPageDirtyInStep(role + ":unmap", z.entry().frame());
        }
      }
      return null;
    });
  }
}

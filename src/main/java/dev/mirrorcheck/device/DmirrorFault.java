package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Mutex;

/** The device fault handler: {@code dmirror_fault} / {@code dmirror_range_fault} (pseudo-code D). */
public final class DmirrorFault {
  private DmirrorFault() {}

  /** {@code dmirror_fault} through the mirror's driver, with the default fault budget. */
  public static int fault(Dmirror d, int start, int end, boolean write) {
    return d.fault("fault", start, end, write);
  }

  /**
   * Makes {@code [start, end)} accessible to the device (writable if {@code write}): read_begin without
   * the driver lock, hmm_range_fault under mmap_lock, then under the driver lock read_retry and install
   * from the validated snapshot. Returns 0, -EFAULT, -EPERM, or -EBUSY when {@code budget} rounds
   * collided with invalidations (the timeout).
   */
  static int handle(DmirrorDriver d, String role, int start, int end, boolean write, int budget) {
    DriverKernel k = d.kernel();
    if (!k.mmgetNotZero(role)) {
      return Errno.EFAULT;
    }
    int rc = rangeFaultLoop(d, role, start, end, write, budget);
    k.mmput(role);
    return rc;
  }

  private static int rangeFaultLoop(DmirrorDriver d, String role, int start, int end, boolean write,
      int budget) {
    DriverKernel k = d.kernel();
    Mutations mut = d.mutations();
    Mutex lock = d.lock();
    for (int round = 0; round < budget; round++) {
      long s;
      if (mut.has(Mutation.M15)) {
        lock.lock(role + ":lock"); // M15: undoes mm/mmu_notifier.c's lockdep rule (no driver lock across read_begin)
        s = k.mmuIntervalReadBegin(role);
        lock.unlock(role + ":unlock");
      } else {
        s = k.mmuIntervalReadBegin(role);
      }
      boolean lockedEarly = mut.has(Mutation.M14); // M14: undoes Documentation/mm/hmm.rst (lock only after the walk)
      if (lockedEarly) {
        lock.lock(role + ":lock");
      }
      HmmRange range = k.hmmRange(s, start, end,
          HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0));
      k.mmapReadLock(role);
      int r = k.hmmRangeFault(role, range);
      k.mmapReadUnlock(role);
      if (r != 0) {
        if (lockedEarly) {
          lock.unlock(role + ":unlock");
        }
        if (r == Errno.EBUSY) {
          continue;
        }
        return r;
      }
      if (mut.has(Mutation.M24)) {
        // M24: undoes the 2019 nouveau review: unvalidated pfns dereferenced (DMA-mapped) before read_retry
        k.sync().atomic(role + ":dma_map_unvalidated", () -> {
          for (int v = start; v < end; v++) {
            k.devicePageTable().dmaMapInStep(role + ":dma_map_unvalidated", v,
                range.pfns().get("", v).frame());
          }
        });
      }
      boolean retry = false;
      if (mut.has(Mutation.M3)) {
        retry = k.mmuIntervalReadRetry(role, s); // M3: undoes Documentation/mm/hmm.rst (read_retry outside the driver lock)
      }
      if (!lockedEarly) {
        lock.lock(role + ":lock");
      }
      if (!mut.has(Mutation.M3) && !mut.has(Mutation.M23)) { // M23: no collision check at all
        retry = k.mmuIntervalReadRetry(role, s);
      }
      if (retry) {
        lock.unlock(role + ":unlock");
        continue;
      }
      int rc = install(d, role, start, end, write, range);
      lock.unlock(role + ":unlock");
      return rc;
    }
    return Errno.EBUSY;
  }

  /**
   * {@code dmirror_do_fault}: one device page-table update from the validated snapshot. A write fault
   * whose snapshot is not writable fails with {@code -EFAULT} (the driver's WARN) after the pages
   * before it were stored: {@code hmm_range_fault} reports a read-only device-private page of the
   * caller's own device (shared with a fork child) without faulting it.
   */
  private static int install(DmirrorDriver d, String role, int start, int end, boolean write,
      HmmRange range) {
    String label = role + ":install";
    boolean fromRequest = d.mutations().has(Mutation.M22);
    DriverKernel k = d.kernel();
    return k.atomic(label, () -> {
      for (int v = start; v < end; v++) {
        HmmPfn pfn = range.pfns().get(label, v);
        // M22: undoes lib/test_hmm.c's WARN: write permission from the request instead of the snapshot
        boolean w = pfn.write() || (fromRequest && write);
        if (write && !w) {
          return Errno.EFAULT;
        }
        k.devicePageTable().installInStep(label, range, v, w);
      }
      return 0;
    });
  }
}

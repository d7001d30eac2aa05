package dev.mirrorcheck.device;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.Hmm;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.Mutex;

/** The device fault handler: {@code dmirror_fault} / {@code dmirror_range_fault} (pseudo-code D). */
public final class DmirrorFault {
  private DmirrorFault() {}

  /** {@code dmirror_fault} with the default fault budget. */
  public static int fault(Dmirror d, int start, int end, boolean write) {
    return fault(d, "fault", start, end, write, Dmirror.DEFAULT_FAULT_BUDGET);
  }

  /**
   * Makes {@code [start, end)} accessible to the device (writable if {@code write}): read_begin without
   * the driver lock, hmm_range_fault under mmap_lock, then under the driver lock read_retry and install
   * from the validated snapshot. Returns 0, -EFAULT, -EPERM, or -EBUSY when {@code budget} rounds
   * collided with invalidations (the timeout).
   */
  public static int fault(Dmirror d, String role, int start, int end, boolean write, int budget) {
    Mm mm = d.mm();
    int rc;
    if (!mm.mmgetNotZero(role + ":mmget_not_zero")) {
      rc = Errno.EFAULT;
    } else {
      rc = rangeFaultLoop(d, role, start, end, write, budget);
      mm.mmput(role);
    }
    d.mm().ghost().faultRet(d.notifier().ghost(), start, end, rc);
    return rc;
  }

  private static int rangeFaultLoop(Dmirror d, String role, int start, int end, boolean write,
      int budget) {
    Mm mm = d.mm();
    Mutations mut = d.mutations();
    Mutex lock = d.lock();
    Subscriptions subs = mm.notifier();
    IntervalNotifier sub = d.notifier();
    for (int round = 0; round < budget; round++) {
      long s;
      if (mut.has(Mutation.M15)) {
        lock.lock(role + ":lock"); // M15: undoes mm/mmu_notifier.c's lockdep rule (no driver lock across read_begin)
        s = subs.readBegin(role, sub);
        lock.unlock(role + ":unlock");
      } else {
        s = subs.readBegin(role, sub);
      }
      boolean lockedEarly = mut.has(Mutation.M14); // M14: undoes Documentation/mm/hmm.rst (lock only after the walk)
      if (lockedEarly) {
        lock.lock(role + ":lock");
      }
      HmmPfns pfns = HmmPfns.local(start, end);
      HmmRange range = new HmmRange(sub, s, start, end,
          HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0), pfns, d.device().id());
      mm.mmapLock().downRead(role + ":mmap_read_lock");
      int r = Hmm.rangeFault(mm, role, range);
      mm.mmapLock().upRead(role + ":mmap_read_unlock");
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
        d.mm().sync().atomic(role + ":dma_map_unvalidated", () -> {
          for (int v = start; v < end; v++) {
            d.mmu().dmaMapInStep(role + ":dma_map_unvalidated", v, pfns.get("", v).frame());
          }
        });
      }
      boolean retry = false;
      if (mut.has(Mutation.M3)) {
        retry = subs.readRetry(role, sub, s); // M3: undoes Documentation/mm/hmm.rst (read_retry outside the driver lock)
      }
      if (!lockedEarly) {
        lock.lock(role + ":lock");
      }
      if (!mut.has(Mutation.M3) && !mut.has(Mutation.M23)) { // M23: no collision check at all
        retry = subs.readRetry(role, sub, s);
      }
      if (retry) {
        lock.unlock(role + ":unlock");
        continue;
      }
      int rc = install(d, role, start, end, write, s, pfns);
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
  private static int install(Dmirror d, String role, int start, int end, boolean write, long s,
      HmmPfns pfns) {
    String label = role + ":install";
    boolean fromRequest = d.mutations().has(Mutation.M22);
    return Steps.atomic(d.mm().sync(), label, () -> {
      for (int v = start; v < end; v++) {
        HmmPfn pfn = pfns.get(label, v);
        // M22: undoes lib/test_hmm.c's WARN: write permission from the request instead of the snapshot
        boolean w = pfn.write() || (fromRequest && write);
        if (write && !w) {
          return Errno.EFAULT;
        }
        DevPte e = d.mmu().entry(v, pfn.frame(), w);
        d.mmu().installInStep(label, v, e);
        d.mm().ghost().faultInstall(d.notifier().ghost(), s, d.mm().id(), v, pfn.frame(), w);
      }
      return 0;
    });
  }
}

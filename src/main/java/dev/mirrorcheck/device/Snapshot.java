package dev.mirrorcheck.device;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.hmm.Hmm;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.IntervalOps;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * {@code HMM_DMIRROR_SNAPSHOT} ({@code dmirror_snapshot}): the CPU page table's state for a range,
 * read with {@code hmm_range_fault} in snapshot mode under a temporary interval notifier.
 */
public final class Snapshot {
  /** {@code HMM_DMIRROR_PROT_*} bytes. */
  public static final int PROT_ERROR = 0xFF;
  public static final int PROT_NONE = 0x00;
  public static final int PROT_READ = 0x01;
  public static final int PROT_WRITE = 0x02;
  public static final int PROT_ZERO = 0x10;
  public static final int PROT_DEV_PRIVATE_LOCAL = 0x20;
  public static final int PROT_DEV_PRIVATE_REMOTE = 0x30;

  private Snapshot() {}

  /** Result: 0 with one permission byte per page, or an error. */
  public static final class Result {
    private final int rc;
    private final int[] perm;

    Result(int rc, int[] perm) {
      this.rc = rc;
      this.perm = perm;
    }

    public int rc() {
      return rc;
    }

    public int[] perm() {
      return perm.clone();
    }
  }

  /** {@code dmirror_snapshot_invalidate}: only records the epoch; the snapshot is then retried. */
  private static final class SnapshotOps implements IntervalOps {
    private final Dmirror d;

    SnapshotOps(Dmirror d) {
      this.d = d;
    }

    @Override
    public boolean invalidate(IntervalNotifier sub, NotifierRange range, long cur) {
      if (range.blockable()) {
        d.lock().lock("snap_inval:lock");
      } else if (!d.lock().tryLock("snap_inval:trylock")) {
        return false;
      }
      d.mm().notifier().setSeq("snap_inval", sub, cur);
      d.lock().unlock("snap_inval:unlock");
      return true;
    }
  }

  /** {@code dmirror_range_snapshot} over {@code [start, end)}. */
  public static Result snapshot(Dmirror d, int start, int end) {
    String role = "snapshot";
    Mm mm = d.mm();
    Ghost ghost = mm.ghost();
    int[] perm = new int[end - start];
    if (!mm.mmgetNotZero(role + ":mmget_not_zero")) {
      return new Result(Errno.EINVAL, perm);
    }
    IntervalNotifier sub = new IntervalNotifier(mm.sync(), d.name() + ".snap", start, end,
        new SnapshotOps(d), ghost.newSub(d.name() + ".snap", start, end, null));
    mm.notifier().insert(role, sub);
    int rc = Errno.EBUSY;
    for (int round = 0; round < Dmirror.DEFAULT_FAULT_BUDGET; round++) {
      long s = mm.notifier().readBegin(role, sub);
      HmmPfns pfns = HmmPfns.local(start, end);
      HmmRange range = new HmmRange(sub, s, start, end, 0, pfns, d.device().id());
      mm.mmapLock().downRead(role + ":mmap_read_lock");
      int r = Hmm.rangeFault(mm, role, range);
      mm.mmapLock().upRead(role + ":mmap_read_unlock");
      if (r == Errno.EBUSY) {
        continue;
      }
      if (r != 0) {
        rc = r;
        break;
      }
      d.lock().lock(role + ":lock");
      if (mm.notifier().readRetry(role, sub, s)) {
        d.lock().unlock(role + ":unlock");
        continue;
      }
      for (int v = start; v < end; v++) {
        perm[v - start] = mkentry(d, pfns.get(role, v));
      }
      d.lock().unlock(role + ":unlock");
      rc = 0;
      break;
    }
    mm.notifier().remove(role, sub);
    mm.sync().atomic(role + ":kfree", () -> ghost.subFreed(sub.ghost()));
    mm.mmput(role);
    ghost.faultRet(sub.ghost(), start, end, rc);
    return new Result(rc, perm);
  }

  /** {@code dmirror_mkentry}. */
  private static int mkentry(Dmirror d, HmmPfn pfn) {
    if (pfn.error()) {
      return PROT_ERROR;
    }
    if (!pfn.valid()) {
      return PROT_NONE;
    }
    int zone = d.mm().mem().zone(pfn.frame());
    int perm;
    if (zone != PhysMem.SYSTEM) {
      perm = zone == d.device().id() ? PROT_DEV_PRIVATE_LOCAL : PROT_DEV_PRIVATE_REMOTE;
    } else {
      perm = Hmm.isZeroPfn(pfn) ? PROT_ZERO : PROT_NONE;
    }
    return perm | (pfn.write() ? PROT_WRITE : PROT_READ);
  }
}

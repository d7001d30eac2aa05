package dev.mirrorcheck.hmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.NativeSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code hmm_range_fault} on its own (pseudo-code E), single-threaded. */
@Timeout(10)
class RangeFaultTest {
  private final NativeSync sync = new NativeSync(1);
  private final PhysMem mem = new PhysMem(sync, 8);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 3, 16);
  private final IntervalNotifier sub = new IntervalNotifier(sync, "sub", 0, 3,
      (s, range, cur) -> {
        mm.notifier().setSeq("inval", s, cur);
        return true;
      }, mem.ghost().newSub("sub", 0, 3, null));

  RangeFaultTest() {
    mm.notifier().insert("test", sub);
  }

  private int fault(int start, int end, int flags, HmmPfns pfns) {
    long s = mm.notifier().readBegin("test", sub);
    mm.mmapLock().downRead("test");
    int r = Hmm.rangeFault(mm, "test", new HmmRange(sub, s, start, end, flags, pfns, -1));
    mm.mmapLock().upRead("test");
    return r;
  }

  @Test
  void holesAndProtection() {
    mm.mmapAnon(0, 1, true, false);
    HmmPfns pfns = HmmPfns.local(0, 2);
    assertEquals(Errno.EFAULT, fault(0, 2, HmmRange.REQ_FAULT, pfns), "page 1 is a hole");
    assertEquals(0, fault(0, 2, 0, pfns), "snapshot mode reports holes");
    assertTrue(Hmm.isZeroPfn(pfns.get("", 0)), "page 0 was faulted before the walk hit the hole");
    assertTrue(pfns.get("", 1).error());
    assertEquals(0, fault(2, 3, 0, HmmPfns.local(2, 3)));
    assertEquals(Errno.EPERM, fault(0, 1, HmmRange.REQ_FAULT | HmmRange.REQ_WRITE, pfns));
    assertEquals(0, fault(0, 1, HmmRange.REQ_FAULT, pfns));
    assertTrue(Hmm.isZeroPfn(pfns.get("", 0)), "a read fault maps the zero page");
    assertTrue(!pfns.get("", 0).write());
  }

  @Test
  void faultsInWithoutTakingReferences() {
    mm.mmapAnon(0, 3, true, true);
    int p = mm.populate(0, 1);
    HmmPfns pfns = HmmPfns.local(0, 3);
    assertEquals(0, fault(0, 3, HmmRange.REQ_FAULT | HmmRange.REQ_WRITE, pfns));
    for (int v = 0; v < 3; v++) {
      assertTrue(pfns.get("", v).valid() && pfns.get("", v).write());
      assertEquals(1, mem.refcountCells().peek(pfns.get("", v).frame()), "no page reference");
    }
    assertEquals(p, pfns.get("", 0).frame());
  }

  @Test
  void busyWhenTheSubscriptionWasInvalidated() {
    mm.mmapAnon(0, 3, true, true);
    mm.populate(0, 1);
    long s = mm.notifier().readBegin("test", sub);
    Unmap.madviseDontneed(mm, 0, 1);
    mm.mmapLock().downRead("test");
    int r = Hmm.rangeFault(mm, "test", new HmmRange(sub, s, 0, 1, 0, HmmPfns.local(0, 1), -1));
    mm.mmapLock().upRead("test");
    assertEquals(Errno.EBUSY, r);
  }

  @Test
  void cowBreakInsideTheWalkInvalidatesTheCallerItself() {
    mm.mmapAnon(0, 1, true, true);
    mm.populate(0, 1);
    Fork.fork(mm, new Mm(mem, Mutations.none(), "child", 3, 16));
    HmmPfns pfns = HmmPfns.local(0, 1);
    long s = mm.notifier().readBegin("test", sub);
    mm.mmapLock().downRead("test");
    int r = Hmm.rangeFault(mm, "test",
        new HmmRange(sub, s, 0, 1, HmmRange.REQ_FAULT | HmmRange.REQ_WRITE, pfns, -1));
    mm.mmapLock().upRead("test");
    assertEquals(Errno.EBUSY, r, "the nested CLEAR invalidation moved sub's seq");
    assertEquals(0, fault(0, 1, HmmRange.REQ_FAULT | HmmRange.REQ_WRITE, pfns), "retry succeeds");
    assertEquals(mm.pt().peek(0).frame(), pfns.get("", 0).frame());
    assertEquals(NotifierEvent.CLEAR, NotifierRange.of(0, 1, NotifierEvent.CLEAR).event());
  }
}

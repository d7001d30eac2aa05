package dev.mirrorcheck.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeSync;
import dev.mirrorcheck.sync.Sync;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interval-notifier core on its own, single-threaded (reference 1.4, pseudo-code B). */
@Timeout(10)
class SubscriptionsTest {
  private final Sync sync = new NativeSync(1);
  private final Ghost ghost = new Ghost(sync, 1);

  /** Records the epochs it was called with; refuses non-blockable ranges when told to. */
  private static final class Recorder implements IntervalOps {
    final List<Long> seqs = new ArrayList<>();
    final boolean refuseNonBlocking;
    Subscriptions subs;

    Recorder(boolean refuseNonBlocking) {
      this.refuseNonBlocking = refuseNonBlocking;
    }

    @Override
    public boolean invalidate(IntervalNotifier sub, NotifierRange range, long cur) {
      if (!range.blockable() && refuseNonBlocking) {
        return false;
      }
      seqs.add(cur);
      subs.setSeq("test", sub, cur);
      return true;
    }
  }

  private Subscriptions subs(Mutations mut, int modulus) {
    return new Subscriptions(sync, ghost, mut, 0, "mm", modulus);
  }

  private IntervalNotifier sub(Subscriptions s, Recorder ops, int start, int end) {
    ops.subs = s;
    return new IntervalNotifier(sync, "sub", start, end, ops, ghost.newSub("sub", start, end, null));
  }

  @Test
  void concurrentAndNestedInvalidationsShareOneEpoch() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    Recorder ops = new Recorder(false);
    IntervalNotifier i = sub(s, ops, 0, 4);
    s.insert("t", i);
    assertEquals(1, i.seqCell().peek(), "idle insert: seq - 1");
    long begin = s.readBegin("t", i);
    NotifierRange a = NotifierRange.of(0, 2, NotifierEvent.UNMAP);
    NotifierRange b = NotifierRange.of(1, 3, NotifierEvent.CLEAR);
    assertEquals(0, s.invalidateRangeStart("t", a));
    assertEquals(3, s.seqCell().peek(), "the first hit opens odd epoch 3");
    assertEquals(0, s.invalidateRangeStart("t", b)); // nested or concurrent: joins epoch 3
    assertEquals(List.of(3L, 3L), ops.seqs);
    assertEquals(2, s.activeCell().peek());
    assertTrue(s.readRetry("t", i, begin));
    s.invalidateRangeEnd("t", b);
    assertEquals(3, s.seqCell().peek(), "still open while one range is active");
    s.invalidateRangeEnd("t", a);
    assertEquals(4, s.seqCell().peek(), "the last end closes the epoch");
    assertEquals(0, s.activeCell().peek());
    long again = s.readBegin("t", i); // the epoch that hit i is over: no sleep
    assertEquals(3, again);
    assertFalse(s.readRetry("t", i, again));
    assertFalse(s.checkRetry("t", i, again));
  }

  @Test
  void startMissingEverySubscriptionLeavesSeqEven() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    Recorder ops = new Recorder(false);
    s.insert("t", sub(s, ops, 0, 2));
    NotifierRange r = NotifierRange.of(2, 4, NotifierEvent.UNMAP);
    s.invalidateRangeStart("t", r);
    assertEquals(2, s.seqCell().peek());
    assertEquals(1, s.activeCell().peek(), "active counts every range, hit or not");
    s.invalidateRangeEnd("t", r);
    assertTrue(ops.seqs.isEmpty());
  }

  @Test
  void insertDuringOddEpochIsDeferred() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    IntervalNotifier first = sub(s, new Recorder(false), 0, 4);
    s.insert("t", first);
    NotifierRange r = NotifierRange.of(0, 4, NotifierEvent.UNMAP);
    s.invalidateRangeStart("t", r);
    Recorder late = new Recorder(false);
    IntervalNotifier second = sub(s, late, 0, 4);
    s.insert("t", second);
    assertFalse(s.itreeCell().peek().contains(second), "the tree is frozen while odd");
    assertEquals(1, s.deferredCell().peek().size());
    assertEquals(s.seqCell().peek(), second.seqCell().peek(), "read_begin must wait for the epoch");
    s.invalidateRangeEnd("t", r);
    assertTrue(s.itreeCell().peek().contains(second), "applied when the epoch ends");
    assertTrue(s.deferredCell().peek().isEmpty());
    assertEquals(3L, s.readBegin("t", second));
  }

  @Test
  void insertWhileActiveButEvenOpensAnEpoch() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    NotifierRange r = NotifierRange.of(0, 4, NotifierEvent.UNMAP);
    s.invalidateRangeStart("t", r); // no subscriptions: active 1, seq even
    IntervalNotifier i = sub(s, new Recorder(false), 0, 4);
    s.insert("t", i);
    assertEquals(3, s.seqCell().peek(), "the new range must be assumed invalidated");
    assertTrue(s.itreeCell().peek().contains(i));
    assertEquals(3, i.seqCell().peek());
    s.invalidateRangeEnd("t", r);
    assertEquals(4, s.seqCell().peek());
  }

  @Test
  void removeOfPendingInsertCancelsIt() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    s.insert("t", sub(s, new Recorder(false), 0, 4));
    NotifierRange r = NotifierRange.of(0, 4, NotifierEvent.UNMAP);
    s.invalidateRangeStart("t", r);
    IntervalNotifier pending = sub(s, new Recorder(false), 0, 4);
    s.insert("t", pending);
    s.remove("t", pending); // not in the tree yet: dropped from the deferred list, no wait
    assertTrue(s.deferredCell().peek().isEmpty());
    s.invalidateRangeEnd("t", r);
    assertFalse(s.itreeCell().peek().contains(pending));
  }

  @Test
  void sequenceWrapsAroundAndReadBeginStillWorks() {
    Subscriptions s = subs(Mutations.none(), 4);
    Recorder ops = new Recorder(false);
    IntervalNotifier i = sub(s, ops, 0, 1);
    s.insert("t", i);
    List<Long> seen = new ArrayList<>();
    for (int epoch = 0; epoch < 5; epoch++) {
      long begin = s.readBegin("t", i);
      NotifierRange r = NotifierRange.of(0, 1, NotifierEvent.CLEAR);
      s.invalidateRangeStart("t", r);
      assertTrue(s.readRetry("t", i, begin), "every epoch invalidates the old sequence");
      s.invalidateRangeEnd("t", r);
      seen.add(s.seqCell().peek());
      assertEquals(1, i.seqCell().peek() & 1, "a subscription's seq is always odd");
    }
    assertEquals(List.of(0L, 2L, 0L, 2L, 0L), seen, "modulo 4: 2 -> 3 -> 0 -> 1 -> 2 ...");
    assertEquals(List.of(3L, 1L, 3L, 1L, 3L), ops.seqs);
  }

  @Test
  void nonBlockingFailureUndoesItsAccounting() {
    Subscriptions s = subs(Mutations.none(), 1 << 20);
    Recorder ops = new Recorder(true);
    IntervalNotifier i = sub(s, ops, 0, 4);
    s.insert("t", i);
    int rc = s.invalidateRangeStart("t", NotifierRange.of(0, 4, NotifierEvent.UNMAP).nonBlocking());
    assertEquals(Errno.EAGAIN, rc);
    assertEquals(0, s.activeCell().peek());
    assertEquals(0, s.seqCell().peek() & 1, "the failed epoch is closed again");
    s.readBegin("t", i); // would sleep forever if the epoch stayed open
  }

  @Test
  void m17LeaksTheFailedStart() {
    Subscriptions s = subs(Mutations.of(Mutation.M17), 1 << 20);
    IntervalNotifier i = sub(s, new Recorder(true), 0, 4);
    s.insert("t", i);
    int rc = s.invalidateRangeStart("t", NotifierRange.of(0, 4, NotifierEvent.UNMAP).nonBlocking());
    assertEquals(Errno.EAGAIN, rc);
    assertEquals(1, s.activeCell().peek(), "M17: active never drops back");
    assertEquals(1, s.seqCell().peek() & 1, "M17: the epoch stays open forever");
  }
}

package dev.mirrorcheck.check;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** S8: the interval-notifier core's epoch accounting. */
final class NotifierCore extends BaseProperty {

  NotifierCore() {
    super("S8", "notifier-core invariants", designs(Design.MODERN, Design.ODP, Design.LEGACY_ODP),
        by(CheckedBy.STATE_INVARIANT, CheckedBy.EVENT, CheckedBy.END),
        "For every mm's mmu_notifier_subscriptions, in every reachable state: S.seq odd implies "
            + "S.active > 0 (equivalently S.active == 0 implies S.seq even), and 0 <= S.active <= "
            + "the number of invalidate_range_start calls that have neither ended nor failed, so a "
            + "start that fails with -EAGAIN leaves S.active as it found it (\"mm/hmm: Fix error "
            + "flows in hmm_invalidate_range_start\", commit 7608bf40cf24); every "
            + "subscription known at set-up has an odd seq. At every callback the epoch passed as "
            + "cur_seq is odd, and the deferred list is applied to the interval tree only once "
            + "S.seq is even. Both directions of the epoch: an epoch, once open (S.seq odd), stays "
            + "open until S.active returns to 0 (no invalidation that started inside it is still "
            + "active when S.seq turns even), and every callback runs while its epoch is S.seq. "
            + "S.seq moves only as the core allows: a start that finds nothing else in flight and "
            + "no subscription overlapping its range leaves S.seq even, a callback runs only for a "
            + "subscription whose interval overlaps the range, and the interval tree changes only "
            + "while no epoch is open (an insert may open one itself; inserts and removes during an "
            + "epoch wait on the deferred list). "
            + "When every actor has finished and S.active is 0, the deferred list is empty. A PASS "
            + "means the odd/even epochs of mn_itree_inv_start_range and "
            + "mn_itree_inv_end were never corrupted, so read_begin and remove always wait for the "
            + "right epoch (mm/mmu_notifier.c).",
        "Converse: checked in both directions, as stated above (an odd seq needs an active "
            + "invalidation, and an epoch stays open while an invalidation that started inside it is "
            + "active).");
  }

  @Override
  void install(World world, View view) {
    // per mm: the open starts that began inside an epoch (their range and event)
    Map<Integer, RefCell<ImmutableList<String>>> epochStarts = new HashMap<>();
    StartLedger ledger = StartLedger.install(view, id());
    for (Mm mm : view.mms) {
      RefCell<ImmutableList<String>> inEpoch =
          view.sync.newRef("check." + id() + "." + mm.name() + ".epoch_starts", ImmutableList.of());
      epochStarts.put(mm.id(), inEpoch);
      world.invariant(id(), () -> {
        String broken = epochs(mm, ledger);
        return broken != null ? broken : openWhileActive(mm, inEpoch);
      });
      world.atEnd(id(), () -> quiescent(mm));
    }
    for (Mirror m : view.mirrors) {
      if (m.notifier == null) {
        continue; // legacy ODP: no interval notifier, only the core's epochs and its own counters
      }
      world.invariant(id(), () -> {
        long seq = m.notifier.seqCell().peek();
        // mmu_interval_set_seq / __mmu_interval_notifier_insert keep interval_sub->invalidate_seq odd
        return (seq & 1) == 1 ? null : m.notifier.name() + " seq " + seq + " is even";
      });
    }
    // A named class rather than an anonymous one: Java PathFinder would give NotifierCore$1 to a
    // lambda above as well.
    view.ghost.addListener(new EpochListener(view, epochStarts));
  }

  /**
   * Callbacks run in their own odd epoch; the interval tree changes only in an even one; starts
   * inside an open epoch are recorded until they end.
   */
  private final class EpochListener implements GhostListener {
    private final View view;
    private final Map<Integer, RefCell<ImmutableList<String>>> epochStarts;

    EpochListener(View view, Map<Integer, RefCell<ImmutableList<String>>> epochStarts) {
      this.view = view;
      this.epochStarts = epochStarts;
    }

    @Override
    public void start(int mm, int start, int end, String event) {
      RefCell<ImmutableList<String>> c = epochStarts.get(mm);
      Mm m = byId(view, mm);
      if (c != null && (m.notifier().seqCell().peek() & 1) == 1) {
        c.poke(ImmutableList.<String>builder().addAll(c.peek()).add(key(start, end, event))
            .build());
      }
      // mn_itree_inv_start_range sets invalidate_seq |= 1 only when the interval tree has a hit
      Subscriptions s = m.notifier();
      if (s.activeCell().peek() == 1 && (s.seqCell().peek() & 1) == 1
          && !treeOverlaps(s, start, end)) {
        fail(view, m.name() + " " + key(start, end, event) + " opened an epoch (S.seq "
            + s.seqCell().peek() + ") though no other invalidation was active and no "
            + "subscription overlaps it");
      }
    }

    @Override
    public void startFailed(int mm, int start, int end, String event) {
      ended(epochStarts.get(mm), key(start, end, event));
    }

    @Override
    public void end(int mm, int start, int end, String event) {
      ended(epochStarts.get(mm), key(start, end, event));
    }

    @Override
    public void cbBegin(GhostSub sub, int start, int end, String event, long curSeq) {
      // mn_itree_invalidate passes the odd epoch opened by mn_itree_inv_start_range
      if ((curSeq & 1) == 0) {
        fail(view, "callback of " + sub + " called with even epoch " + curSeq);
        return;
      }
      // mn_itree_invalidate walks interval_tree_iter_first/next over [start, end - 1] only
      if (!overlaps(sub, start, end)) {
        fail(view, "callback of " + sub + " [" + sub.start() + "," + sub.end() + ") called for "
            + event + " [" + start + "," + end + "), which does not overlap it");
        return;
      }
      // the epoch stays open while its callbacks run: S.seq is still cur_seq
      Mm mm = holderOf(view, sub);
      long seq = mm == null ? curSeq : mm.notifier().seqCell().peek();
      if (seq != curSeq) {
        fail(view, "callback of " + sub + " for epoch " + curSeq + " runs while " + mm.name()
            + " S.seq is " + seq);
      }
    }

    @Override
    public void subTouched(GhostSub sub) {
      Mm mm = holderOf(view, sub);
      // mn_itree_inv_end applies deferred_list only after invalidate_seq++ made it even
      if (mm != null && (mm.notifier().seqCell().peek() & 1) == 1) {
        fail(view, mm.name() + " interval tree changed for " + sub + " while S.seq "
            + mm.notifier().seqCell().peek() + " is odd");
      }
    }
  }

  /** From the ghost's own bounds, not the model's {@code overlaps}, which is what is checked. */
  static boolean overlaps(GhostSub sub, int start, int end) {
    return start < sub.end() && sub.start() < end;
  }

  private static boolean treeOverlaps(Subscriptions s, int start, int end) {
    for (IntervalNotifier i : s.itreeCell().peek()) {
      if (overlaps(i.ghost(), start, end)) {
        return true;
      }
    }
    return false;
  }

  private static Mm holderOf(View view, GhostSub sub) {
    Mirror m = view.mirrorOfSub(sub);
    return m != null ? m.mm : view.holder(sub);
  }

  private static Mm byId(View view, int id) {
    for (Mm mm : view.mms) {
      if (mm.id() == id) {
        return mm;
      }
    }
    return null;
  }

  private static String key(int start, int end, String event) {
    return event + " [" + start + ", " + end + ")";
  }

  /** An invalidation ended or failed: it no longer holds its epoch open. */
  private static void ended(RefCell<ImmutableList<String>> cell, String key) {
    if (cell == null || !cell.peek().contains(key)) {
      return;
    }
    List<String> rest = new ArrayList<>(cell.peek());
    rest.remove(key);
    cell.poke(ImmutableList.copyOf(rest));
  }

  /**
   * The converse of "seq odd implies active": an epoch, once open, stays open while an invalidation
   * that started inside it is active (mn_itree_inv_end closes it only when S.active reaches 0).
   */
  private static String openWhileActive(Mm mm, RefCell<ImmutableList<String>> inEpoch) {
    long seq = mm.notifier().seqCell().peek();
    ImmutableList<String> open = inEpoch.peek();
    if ((seq & 1) == 0 && !open.isEmpty()) {
      return mm.name() + " S.seq " + seq + " closed the epoch while " + open.get(0)
          + ", started inside it, is still active";
    }
    return null;
  }

  /** Reads S.seq, S.active and the open-start count of {@code mm} on every evaluation. */
  private static String epochs(Mm mm, StartLedger ledger) {
    Subscriptions s = mm.notifier();
    long seq = s.seqCell().peek();
    int active = s.activeCell().peek();
    int open = ledger.open(mm);
    if (active < 0) {
      return mm.name() + " S.active is " + active;
    }
    if ((seq & 1) == 1 && active == 0) {
      return mm.name() + " S.seq " + seq + " is odd with no invalidation active";
    }
    // __mmu_notifier_invalidate_range_start: a failing callback ends its own accounting ("mm/hmm: Fix error flows in hmm_invalidate_range_start")
    if (active > open) {
      return mm.name() + " S.active is " + active + " with only " + open
          + " invalidate_range_start in flight (a failed start kept its count)";
    }
    return null;
  }

  private static String quiescent(Mm mm) {
    Subscriptions s = mm.notifier();
    if (s.activeCell().peek() == 0 && !s.deferredCell().peek().isEmpty()) {
      return mm.name() + " S.active is 0 but the deferred list still holds "
          + s.deferredCell().peek();
    }
    return null;
  }
}

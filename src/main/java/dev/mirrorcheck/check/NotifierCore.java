package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.World;

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
            + "S.seq is even. When every actor has finished and S.active is 0, the deferred list is "
            + "empty. A PASS means the odd/even epochs of mn_itree_inv_start_range and "
            + "mn_itree_inv_end were never corrupted, so read_begin and remove always wait for the "
            + "right epoch (mm/mmu_notifier.c).");
  }

  @Override
  void install(World world, View view) {
    StartLedger ledger = StartLedger.install(view, id());
    for (Mm mm : view.mms) {
      world.invariant(id(), () -> epochs(mm, ledger));
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
    view.ghost.addListener(new GhostListener() {
      @Override
      public void cbBegin(GhostSub sub, int start, int end, String event, long curSeq) {
        // mn_itree_invalidate passes the odd epoch opened by mn_itree_inv_start_range
        if ((curSeq & 1) == 0) {
          fail(view, "callback of " + sub + " called with even epoch " + curSeq);
        }
      }

      @Override
      public void subTouched(GhostSub sub) {
        Mirror m = view.mirrorOfSub(sub);
        Mm mm = m != null ? m.mm : view.holder(sub);
        // mn_itree_inv_end applies deferred_list only after invalidate_seq++ made it even
        if (mm != null && (mm.notifier().seqCell().peek() & 1) == 1) {
          fail(view, mm.name() + " interval tree changed for " + sub + " while S.seq "
              + mm.notifier().seqCell().peek() + " is odd");
        }
      }
    });
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

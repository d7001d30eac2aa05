package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.World;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** S9: nothing touches a subscription once remove returned or its container was freed. */
final class SubscriptionLifetime extends BaseProperty {

  SubscriptionLifetime() {
    super("S9", "subscription lifetime", designs(Design.MODERN, Design.ODP), by(CheckedBy.EVENT),
        "When mmu_interval_notifier_remove(i) returns, i is neither in its mm's interval tree nor "
            + "on the deferred list (so no callback of i is running: an overlapping invalidation "
            + "would still hold the epoch open and the removal deferred); afterwards no "
            + "invalidate_range_start finds i in the tree to call its callback, and the core never "
            + "touches i's tree node again; the same holds once i's container is freed, which also "
            + "covers temporary snapshot notifiers. A PASS means remove observed the end of the "
            + "epoch under S.lock, after the deferred removal was applied, so the driver could free "
            + "the container (commit 319561669a59; for classic notifiers the 2019 struct hmm use-after-free fix's SRCU grace period plays "
            + "this role). Stated for the interval-notifier designs; the 2015 and legacy regions "
            + "hang off a classic notifier and are covered by S10's revoked-mkey clause.",
        "Converse (a subscription not yet removed is still called): an invalidation that skips "
            + "a live subscription leaves device translations behind the CPU change, which S1 and S2 "
            + "catch.");
  }

  @Override
  void install(World world, View view) {
    Map<GhostSub, BoolCell> removed = new IdentityHashMap<>();
    for (Mirror m : view.mirrors) {
      removed.put(m.notifier.ghost(),
          view.sync.newBool("check.S9." + m.notifier.name() + ".removed", false));
    }
    view.ghost.addListener(new GhostListener() {
      @Override
      public void subRemoved(GhostSub sub) {
        Mirror m = view.mirrorOfSub(sub);
        for (Mm mm : m != null ? List.of(m.mm) : view.mms) {
          // mmu_interval_notifier_remove: wait until the deferred removal ran (commit 319561669a59)
          if (view.holds(mm, sub)) {
            fail(view, "remove(" + sub + ") returned while " + mm.name()
                + " still holds it in its interval tree or deferred list");
          }
        }
        BoolCell r = removed.get(sub);
        if (r != null) {
          r.poke(true);
        }
      }

      @Override
      public void start(int mmId, int start, int end, String event) {
        Mm mm = view.mm(mmId);
        if (mm == null) {
          return;
        }
        // mn_itree_inv_start_range: the callbacks about to run are those of the tree's intervals
        for (IntervalNotifier i : mm.notifier().itreeCell().peek()) {
          if (NotifierCore.overlaps(i.ghost(), start, end)) {
            String why = gone(removed, i.ghost());
            if (why != null) {
              fail(view, mm.name() + " " + event + " [" + start + "," + end + ") will call "
                  + i.name() + "'s callback " + why);
            }
          }
        }
      }

      @Override
      public void subTouched(GhostSub sub) {
        // mn_itree_inv_end: interval_tree_remove on a freed node is the commit 319561669a59 use-after-free
        String why = gone(removed, sub);
        if (why != null) {
          fail(view, "the core touched " + sub + "'s tree node " + why);
        }
      }
    });
  }

  /** Why {@code sub} may no longer be touched (peek), or null. */
  private static String gone(Map<GhostSub, BoolCell> removed, GhostSub sub) {
    BoolCell r = removed.get(sub);
    if (sub.freedCell().peek()) {
      return "after its container was freed";
    }
    return r != null && r.peek() ? "after remove(" + sub + ") returned" : null;
  }
}

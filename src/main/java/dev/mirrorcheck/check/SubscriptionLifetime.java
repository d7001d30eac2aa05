package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostClassic;
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
    super("S9", "subscription lifetime", designs(Design.MODERN, Design.ODP, Design.HMM2015, Design.LEGACY_ODP), by(CheckedBy.EVENT),
        "When mmu_interval_notifier_remove(i) returns, i is neither in its mm's interval tree nor "
            + "on the deferred list (so no callback of i is running: an overlapping invalidation "
            + "would still hold the epoch open and the removal deferred); afterwards no "
            + "invalidate_range_start finds i in the tree to call its callback, and the core never "
            + "touches i's tree node again; the same holds once i's container is freed, which also "
            + "covers temporary snapshot notifiers, and no driver path (the test driver's CPU fault "
            + "on its device-private page, which finds its dmirror through the page's "
            + "zone_device_data) dereferences a freed container. A PASS means remove observed the end of the "
            + "epoch under S.lock, after the deferred removal was applied, so the driver could free "
            + "the container (commit 319561669a59). Classic (hlist) notifiers, on which the 2015 "
            + "and legacy ODP designs hang: once mmu_notifier_unregister_no_release(mn) returned, "
            + "no invalidate_range_start, _end or exit's release walks the hlist and finds mn; once "
            + "mmu_notifier_unregister(mn) or exit's mmu_notifier_release returned, no callback of "
            + "mn is running or begins afterwards (the SRCU grace period of mn_hlist_release and "
            + "mmu_notifier_unregister, on which the 2019 struct hmm use-after-free fix relies).",
        "Converse (a subscription not yet removed is still called): an invalidation that skips "
            + "a live subscription leaves device translations behind the CPU change, which S1 and S2 "
            + "catch.");
  }

  @Override
  void install(World world, View view) {
    Map<GhostSub, BoolCell> removed = new IdentityHashMap<>();
    for (Mirror m : view.mirrors) {
      if (m.notifier == null) {
        continue; // a classic-notifier design: its hlist subscription is checked per walk below
      }
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
      public void classicWalk(int mmId, GhostClassic mn) {
        // hlist_del_init_rcu under the lock: a walk that starts after the removal cannot find mn
        if (mn.unlinkedCell().peek()) {
          fail(view, mmName(view, mmId) + " walks its hlist and finds " + mn
              + " after its unregistration returned");
        }
      }

      @Override
      public void classicCbBegin(GhostClassic mn, String op) {
        // synchronize_srcu: a walk that found mn before the removal ended before it returned
        if (mn.gracedCell().peek()) {
          fail(view, mn + "'s ->" + op + " runs after mmu_notifier_unregister or exit's "
              + "release of it returned");
        }
      }

      @Override
      public void classicCbEnd(GhostClassic mn, String op) {
        // it began before the unregistration returned (else classicCbBegin failed): still running
        if (mn.gracedCell().peek()) {
          fail(view, "mmu_notifier_unregister or exit's release of " + mn + " returned while its ->"
              + op + " still ran");
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

      @Override
      public void containerUsed(GhostSub sub, String what) {
        // the driver's own pointers to the container: lib/test_hmm.c's dmirror_devmem_fault follows
        // the device page's zone_device_data to the dmirror that release freed (fixed upstream by
        // "lib: test_hmm: evict device pages on file close to avoid use-after-free")
        if (sub.freedCell().peek()) {
          fail(view, what + ": " + sub + "'s container is used after it was freed");
        }
      }
    });
  }

  private static String mmName(View view, int mmId) {
    Mm mm = view.mm(mmId);
    return mm != null ? mm.name() : "mm#" + mmId;
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

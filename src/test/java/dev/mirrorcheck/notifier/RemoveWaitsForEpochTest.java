package dev.mirrorcheck.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.Sync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code mmu_interval_notifier_remove} racing an invalidation: once remove returns, the core must not
 * touch the subscription again (S9), which commit 319561669a59 guarantees by observing the epoch end under
 * {@code S.lock}. M18 reads it locklessly and frees too early.
 */
@Timeout(60)
class RemoveWaitsForEpochTest {

  private static Harness harness(Mutations mut) {
    return world -> {
      Sync sync = world.sync();
      Ghost ghost = new Ghost(sync, 1);
      ghost.addListener(new GhostListener() {
        @Override
        public void subTouched(GhostSub sub) {
          sync.check(!sub.freedCell().peek(), "S9", "the core touched " + sub + " after kfree");
        }
      });
      Subscriptions s = new Subscriptions(sync, ghost, mut, 0, "mm", 8);
      IntervalOps ops = (sub, range, cur) -> {
        s.setSeq("inval", sub, cur);
        return true;
      };
      IntervalNotifier i = new IntervalNotifier(sync, "i", 0, 2, ops, ghost.newSub("i", 0, 2, null));
      s.insertAtSetup(i);
      world.actor("invalidate", () -> {
        NotifierRange r = NotifierRange.of(0, 2, NotifierEvent.UNMAP);
        s.invalidateRangeStart("inval", r);
        s.invalidateRangeEnd("inval", r);
      });
      world.actor("remove", () -> {
        s.remove("remove", i);
        sync.atomic("remove:kfree", () -> ghost.subFreed(i.ghost()));
      });
      world.atEnd("S9", () -> s.itreeCell().peek().contains(i) ? "still in the tree" : null);
    };
  }

  @Test
  void correctRemoveIsSafe() {
    Result r = new Explorer(ExplorerOptions.defaults()).explore(harness(Mutations.none()));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
  }

  @Test
  void m18FreesBeforeTheDeferredRemovalRuns() {
    Result r = new Explorer(ExplorerOptions.defaults()).explore(harness(Mutations.of(Mutation.M18)));
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    assertEquals("S9", r.findings().get(0).property());
  }
}

package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.selftest.Differential;
import dev.mirrorcheck.selftest.Feature;
import dev.mirrorcheck.selftest.Selftest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differential self-test is only as good as its power to fail: with the explorer broken on
 * purpose (races between some kinds of steps dropped, as in the bugs it was built to find), the same
 * generator and reference must report a disagreement within a few hundred programs.
 */
class BrokenExplorerTest {

  /** DPOR that never reverses a race between steps whose labels end as given. */
  private static final class DroppingRaces implements SearchStrategy {
    private final DporSearch dpor = new DporSearch(-1, false);
    private final String earlier;
    private final String later;
    private Trace trace;

    DroppingRaces(String earlier, String later) {
      this.earlier = earlier;
      this.later = later;
    }

    private boolean dropped(int e, int cur) {
      return trace.label[e].endsWith(earlier) && trace.label[cur].endsWith(later);
    }

    @Override
    public void reset(Trace t) {
      trace = t;
      dpor.reset(t);
    }

    @Override
    public void beginExecution() {
      dpor.beginExecution();
    }

    @Override
    public int schedule(int running, long enabled, long state, Execution ex) {
      return dpor.schedule(running, enabled, state, ex);
    }

    @Override
    public int choose(int n) {
      return dpor.choose(n);
    }

    @Override
    public int currentNode() {
      return dpor.currentNode();
    }

    @Override
    public boolean isNew() {
      return dpor.isNew();
    }

    @Override
    public void race(int e, int cur, int[] clock, Execution ex) {
      if (!dropped(e, cur)) {
        dpor.race(e, cur, clock, ex);
      }
    }

    @Override
    public void raceWithPending(int e, int actor, int[] clock, Execution ex) {
      dpor.raceWithPending(e, actor, clock, ex);
    }

    @Override
    public void closed(int e, Execution ex) {
      dpor.closed(e, ex);
    }

    @Override
    public boolean nextExecution() {
      return dpor.nextExecution();
    }

    @Override
    public boolean exhaustive() {
      return dpor.exhaustive();
    }
  }

  private static Selftest.Report run(String earlier, String later, Set<Feature> features,
      int programs) {
    Differential broken = new Differential(100_000, Duration.ofSeconds(30),
        b -> b.strategy(() -> new DroppingRaces(earlier, later)));
    Selftest.Options options = new Selftest.Options(programs, 1, features, null, 100_000,
        Duration.ofSeconds(30), 1);
    return new Selftest(options, broken).run(null);
  }

  @Test
  void aWakeUpThatNeverRacesWithSleepersIsCaught() {
    Selftest.Report r = run(":wake", ":sleep", EnumSet.of(Feature.SLEEP, Feature.WAKE,
        Feature.WAIT_UNTIL, Feature.BRANCH, Feature.ASSERT, Feature.INVARIANT), 400);
    assertFalse(r.agreed(), "no disagreement in " + r.compared() + " programs");
    assertTrue(r.disagreements().get(0).minimised().toString().contains("sleep"));
  }

  @Test
  void aWriterThatNeverRacesWithReadersIsCaught() {
    Selftest.Report r = run(":down_read", ":down_write", EnumSet.of(Feature.RWSEM_FAIR,
        Feature.RWSEM_UNFAIR, Feature.NESTED_READ, Feature.ASSERT, Feature.ADD), 400);
    assertFalse(r.agreed(), "no disagreement in " + r.compared() + " programs");
  }

  @Test
  void theWrapperAloneBreaksNothing() {
    Selftest.Report r = run("never", "never", EnumSet.of(Feature.RWSEM_FAIR,
        Feature.RWSEM_UNFAIR, Feature.NESTED_READ, Feature.ASSERT, Feature.ADD), 40);
    assertTrue(r.agreed(), () -> r.disagreements().get(0).toString());
  }
}

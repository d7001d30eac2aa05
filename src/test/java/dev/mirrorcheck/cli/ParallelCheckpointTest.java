package dev.mirrorcheck.cli;

import static dev.mirrorcheck.cli.CheckpointResumeTest.explore;
import static dev.mirrorcheck.cli.CheckpointResumeTest.options;
import static dev.mirrorcheck.cli.CheckpointResumeTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Checkpointing;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.spec.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of several workers: a search on two workers stopped after a checkpoint and resumed on
 * one, then on three (and a one-worker checkpoint resumed on two) ends with the result of an
 * uninterrupted run: verdict, completed executions, violations with their counterexamples, the
 * protocol steps covered and final states. (The executions in all vary with the timing on several
 * workers: sleep-set-blocked ones.)
 */
@Timeout(120)
class ParallelCheckpointTest {
  @TempDir Path tmp;

  @Test
  void twoWorkersResumedOnOneThenOnThreeEqualUninterrupted() {
    Spec spec = spec("specs/two_madvises_vs_fault.yaml");
    Result whole = explore(spec, "", options(spec).workers(1), null);
    assertEquals(Result.Verdict.PASS, whole.verdict());
    assertTrue(whole.statistics().completed() > 3000, whole::toString);
    assertSame(whole, sessions(spec, "", options(spec), new int[] {2, 1, 3}, 600, 1800));
  }

  @Test
  void aOneWorkerCheckpointGoesOnWithSeveral() {
    Spec spec = spec("specs/file_read.yaml");
    Result whole = explore(spec, "", options(spec).workers(1), null);
    assertTrue(whole.statistics().completed() > 1000, whole::toString);
    assertSame(whole, sessions(spec, "", options(spec), new int[] {1, 2}, 400));
  }

  @Test
  void violationsOnSeveralWorkersResumeToTheSameCounterexamples() {
    Spec spec = spec("specs/two_madvises_vs_fault.yaml");
    ExplorerOptions.Builder all = options(spec).stopAtFirst(false);
    Result whole = explore(spec, "M5", all.workers(1), null);
    assertTrue(whole.findings().size() > 1, whole::toString);
    long n = whole.statistics().executions();
    assertSame(whole, sessions(spec, "M5", all, new int[] {2, 3, 1}, n / 3, 2 * n / 3));
  }

  /**
   * Sessions on {@code workers[i]} workers that each stop after about {@code stops[i]} executions
   * in all, then one on the last number of workers to the end, and one more that finds it finished.
   */
  private Result sessions(Spec spec, String mutation, ExplorerOptions.Builder o, int[] workers,
      long... stops) {
    Path file = tmp.resolve(spec.name() + mutation + workers[0] + "-" + stops[0] + ".json");
    boolean resume = false;
    for (int i = 0; i < stops.length; i++) {
      Result part = explore(spec, mutation, o.workers(workers[i]),
          Checkpointing.of(file, "test", Duration.ofHours(1), resume).stopAfter(stops[i]));
      assertTrue(part.incompleteReason() != null
          && part.incompleteReason().startsWith("stopped after"), part::toString);
      resume = true;
    }
    int last = workers[workers.length - 1];
    Result end = explore(spec, mutation, o.workers(last),
        Checkpointing.of(file, "test", Duration.ofHours(1), true));
    Result again = explore(spec, mutation, o.workers(last),
        Checkpointing.of(file, "test", Duration.ofHours(1), true));
    assertSame(end, again);
    assertEquals(end.statistics().executions(), again.statistics().executions());
    return end;
  }

  private static void assertSame(Result want, Result got) {
    assertEquals(want.verdict(), got.verdict(), got::toString);
    assertEquals(want.incompleteReason(), got.incompleteReason());
    assertEquals(want.statistics().completed(), got.statistics().completed(), got::toString);
    assertEquals(want.statistics().boundHits(), got.statistics().boundHits());
    assertEquals(describe(want.findings()), describe(got.findings()));
    // how often a step ran counts sleep-set-blocked executions too; which steps ran does not vary
    assertEquals(want.coverage().keySet(), got.coverage().keySet());
    assertEquals(want.finalStates(), got.finalStates());
  }

  /** The violations with their counterexamples (several workers list them in preferred order). */
  private static List<String> describe(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(f.key() + " @ " + f.schedule() + " / " + f.steps());
    }
    out.sort(null);
    return out;
  }
}

package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Programs whose try-acquires can fail, explored many times on 1, 2 and 3 workers: every run
 * completes the same executions, with the same final states and violations. The order in which
 * races reach a node shared by workers varies from run to run; until a try-acquire conflicted alike
 * whatever its outcome, random program 901 (a {@code trywrite} and a nested {@code tryread} beside a
 * queued writer) completed 24 executions instead of 27 in one run of five to fifty on several workers.
 */
class TryAcquireOrderTest {
  /** Random programs ({@link ProgramGenerator#all}) that showed the defect. */
  private static final long[] SEEDS = {901};
  private static final int RUNS = 60;

  @Test
  @Timeout(60)
  void completedExecutionsDoNotDependOnTheOrderOfExploration() {
    List<String> problems = new ArrayList<>();
    for (long seed : SEEDS) {
      Program p = ProgramGenerator.all().generate(seed);
      for (boolean reduce : new boolean[] {false, true}) {
        Result one = explore(p, reduce, 1);
        assertTrue(one.statistics().completed() > 1, one::toString);
        assertEquals(one.statistics().completed(), explore(p, reduce, 1).statistics().completed());
        for (int workers : new int[] {2, 3}) {
          for (int run = 0; run < RUNS; run++) {
            Result many = explore(p, reduce, workers);
            String diff = ParallelEquivalenceTest.difference(one, many, false);
            if (diff != null) {
              problems.add("seed " + seed + " (reduce " + reduce + ", " + workers + " workers, run "
                  + run + "): " + diff);
              break;
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  private static Result explore(Program p, boolean reduce, int workers) {
    return new Explorer(ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true)
        .maxSteps(500).reduce(reduce).workers(workers).build()).explore(new FacadeProgram(p));
  }
}

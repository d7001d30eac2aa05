package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimal DPOR runs only while every executed step's accesses are fixed by its actor's own state;
 * the first context-dependent step makes the search start again from the root as source-DPOR,
 * which then explores exactly what a source-DPOR run explores.
 */
class OptimalGuardBehaviourTest {
  @TempDir Path tmp;

  /**
   * {@code b} reads {@code x} and, in the same step, writes {@code y} only when it read 0: in the
   * first execution ({@code a} first) it reads 1 and looks fixed; the reversal shows otherwise.
   * {@code c} reads {@code y}, so the extra write matters.
   */
  private static Harness branchesOnWhatItRead(boolean owned) {
    return w -> {
      IntCell x = w.sync().newInt("x", 0);
      IntCell y = w.sync().newInt("y", 0);
      w.actor("a", () -> x.set("a:write", 1));
      w.actor("b", () -> w.sync().atomic("b:step", () -> {
        if (x.get("b:read") == 0) {
          y.set("b:write", 1);
        }
      }));
      if (!owned) {
        w.actor("c", () -> w.sync().check(y.get("c:read") == 0 || x.get("c:x") == 0, "P",
            "c saw y=1 after x was written"));
      }
      w.finalState(() -> "x=" + x.peek() + " y=" + y.peek());
    };
  }

  /** An optimal run that gave way explored exactly what the source-DPOR run did. */
  private static void assertExploresAsSource(Result optimal, Result source) {
    assertEquals(source.statistics().executions(), optimal.statistics().executions());
    assertEquals(source.statistics().completed(), optimal.statistics().completed());
    assertEquals(source.finalStates(), optimal.finalStates());
    assertEquals(source.findingCounts(), optimal.findingCounts());
  }

  private static Result explore(Harness h, ExplorerOptions.Dpor dpor) {
    return new Explorer(ExplorerOptions.builder().dpor(dpor).stopAtFirst(false)
        .collectFinalStates(true).build()).explore(h);
  }

  @Test
  void aStepThatBranchesOnWhatItReadMakesOptimalStartAgainAsSource() {
    Result optimal = explore(branchesOnWhatItRead(false), ExplorerOptions.Dpor.OPTIMAL);
    Result source = explore(branchesOnWhatItRead(false), ExplorerOptions.Dpor.SOURCE);
    Statistics s = optimal.statistics();
    assertEquals("optimal->source", s.reduction());
    assertTrue(s.sourceBecause().startsWith("b at 'b:step' accesses y after reading shared state"),
        s.sourceBecause());
    assertTrue(s.optimalExecutions() >= 1, s::toString);
    assertExploresAsSource(optimal, source);
    assertEquals("source", source.statistics().reduction());
    assertNull(source.statistics().sourceBecause());
  }

  /**
   * {@code b} runs first and its step is context-dependent at once; {@code failedCas}: before it,
   * {@code a}'s compare-and-set fails (a write for optimal DPOR, a read for source-DPOR).
   */
  private static Harness contextDependentInTheFirstExecution(boolean failedCas) {
    return w -> {
      IntCell x = w.sync().newInt("x", failedCas ? 5 : 0);
      IntCell y = w.sync().newInt("y", 0);
      if (failedCas) {
        w.actor("a", () -> x.compareAndSet("a:cas", 0, 1));
      }
      w.actor("b", () -> w.sync().atomic("b:step", () -> {
        if (x.get("b:read") != 1) {
          y.set("b:write", 1);
        }
      }));
      w.actor("c", () -> x.set("c:write", 1));
      w.actor("d", () -> w.sync().check(y.get("d:read") == 0 || x.get("d:x") == 1, "P",
          "d saw y=1 before x was written"));
      w.finalState(() -> "x=" + x.peek() + " y=" + y.peek());
    };
  }

  /**
   * Met in the first execution, a context-dependent step lets the search go on from there as
   * source-DPOR (no optimal execution counted apart); after a failed cas in that execution (which
   * optimal DPOR took as a write) it starts again from the root, after that one execution.
   */
  @ParameterizedTest(name = "failed cas first: {0}")
  @CsvSource({"false, 0", "true, 1"})
  void aContextDependentStepInTheFirstExecution(boolean failedCas, long optimalExecutions) {
    Result optimal = explore(contextDependentInTheFirstExecution(failedCas),
        ExplorerOptions.Dpor.OPTIMAL);
    Result source = explore(contextDependentInTheFirstExecution(failedCas),
        ExplorerOptions.Dpor.SOURCE);
    Statistics s = optimal.statistics();
    assertEquals("optimal->source", s.reduction());
    // b's write of y looked like b's own until d read it, in the same (first) execution
    assertTrue(s.sourceBecause().startsWith("d at 'd:read' accesses y, which an earlier step took"),
        s.sourceBecause());
    assertEquals(optimalExecutions, s.optimalExecutions(), s::toString);
    assertExploresAsSource(optimal, source);
    assertEquals(1, source.findingCounts().size(), source.findingCounts()::toString);
  }

  @Test
  void anAccessAfterAReadStaysFixedWhenOnlyItsActorTouchesTheLocation() {
    // without c, y is b's own: its write cannot make b depend on another actor's step
    Result r = explore(branchesOnWhatItRead(true), ExplorerOptions.Dpor.OPTIMAL);
    assertEquals("optimal", r.statistics().reduction(), r.statistics()::sourceBecause);
    assertEquals(2, r.finalStates().size(), r.finalStates()::toString);
  }

  @Test
  void aSecondActorOnAnOwnedLocationContradictsIt() {
    // b writes g after a read (g looks b's own); d reads g in a later execution only
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      IntCell g = w.sync().newInt("g", 0);
      w.actor("a", () -> x.set("a:write", 1));
      w.actor("b", () -> w.sync().atomic("b:step", () -> g.set("b:g", x.get("b:read"))));
      w.actor("d", () -> {
        if (x.get("d:x") == 1) {
          g.get("d:g");
        }
      });
    };
    Result r = explore(h, ExplorerOptions.Dpor.OPTIMAL);
    assertEquals("optimal->source", r.statistics().reduction());
    assertTrue(r.statistics().sourceBecause().contains("g"), r.statistics().sourceBecause());
  }

  @Test
  void aViolationFoundBeforeTheRestartIsKeptAndCountedOnce() {
    Result optimal = explore(branchesOnWhatItRead(false), ExplorerOptions.Dpor.OPTIMAL);
    Result source = explore(branchesOnWhatItRead(false), ExplorerOptions.Dpor.SOURCE);
    assertEquals(Result.Verdict.VIOLATION, source.verdict());
    assertEquals(Result.Verdict.VIOLATION, optimal.verdict());
    assertEquals(source.findingCounts(), optimal.findingCounts());
  }

  @Test
  void aCompareAndSetIsAWriteWhateverItsOutcome() {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      w.actor("a", () -> x.compareAndSet("a:cas", 0, 1));
      w.actor("b", () -> x.compareAndSet("b:cas", 5, 2));
      w.actor("c", () -> x.get("c:read"));
      w.finalState(() -> "x=" + x.peek());
    };
    Result optimal = explore(h, ExplorerOptions.Dpor.OPTIMAL);
    assertEquals("optimal", optimal.statistics().reduction(), optimal.statistics()::sourceBecause);
    // three mutually dependent steps: every order is its own trace under optimal DPOR
    assertEquals(6, optimal.statistics().executions());
    assertEquals(0, optimal.statistics().sleepBlocked());
    assertEquals(explore(h, ExplorerOptions.Dpor.SOURCE).finalStates(), optimal.finalStates());
  }

  @Test
  void aCheckpointOfAnOptimalRunResumesInTheModeItWasIn() {
    Harness h = branchesOnWhatItRead(false);
    Result whole = explore(h, ExplorerOptions.Dpor.OPTIMAL);
    for (long stop = 1; stop < whole.statistics().executions() + whole.statistics()
        .optimalExecutions(); stop++) {
      Path file = tmp.resolve("c" + stop + ".json");
      ExplorerOptions.Builder o = ExplorerOptions.builder().dpor(ExplorerOptions.Dpor.OPTIMAL)
          .stopAtFirst(false).collectFinalStates(true);
      Result part = new Explorer(o.checkpointing(Checkpointing.of(file, "t", Duration.ofHours(1),
          false).stopAfter(stop)).build()).explore(h);
      Result rest = new Explorer(o.checkpointing(Checkpointing.of(file, "t", Duration.ofHours(1),
          true)).build()).explore(h);
      String what = "stopped after " + stop + " (" + part.statistics().reduction() + ")";
      assertEquals(whole.statistics().reduction(), rest.statistics().reduction(), what);
      assertEquals(whole.statistics().sourceBecause(), rest.statistics().sourceBecause(), what);
      assertEquals(whole.statistics().optimalExecutions(),
          rest.statistics().optimalExecutions(), what);
      assertEquals(whole.statistics().executions(), rest.statistics().executions(), what);
      assertEquals(whole.finalStates(), rest.finalStates(), what);
      assertEquals(whole.findingCounts(), rest.findingCounts(), what);
    }
  }
}

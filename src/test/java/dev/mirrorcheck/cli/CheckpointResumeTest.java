package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Checkpointing;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search stopped right after a checkpoint and resumed, possibly several times, ends with exactly the
 * result of an uninterrupted one: verdict, every count, findings with their schedules, coverage and
 * final states. Also: a checkpoint of another exploration, or a damaged one, is refused.
 */
class CheckpointResumeTest {
  @TempDir Path tmp;

  @Test
  void resumedPassEqualsUninterrupted() {
    Spec spec = spec("specs/two_madvises_vs_fault.yaml");
    ExplorerOptions.Builder o = options(spec);
    Result whole = explore(spec, "", o, null);
    assertEquals(Result.Verdict.PASS, whole.verdict());
    assertTrue(whole.statistics().completed() > 3000, whole::toString);
    assertSame(whole, resumedInSessions(spec, "", o, 1, 700, 2100));
  }

  @Test
  void resumedOptimalDporEqualsUninterrupted() {
    Spec spec = spec("specs/file_read.yaml"); // wakeup trees and guides in the checkpoint
    ExplorerOptions.Builder o = options(spec).dpor(ExplorerOptions.Dpor.OPTIMAL);
    Result whole = explore(spec, "", o, null);
    assertTrue(whole.statistics().completed() > 1000, whole::toString);
    assertSame(whole, resumedInSessions(spec, "", o, 333, 900));
    // and a run that gave way to source-DPOR goes on as source-DPOR
    Spec teardown = spec("specs/anon_teardown.yaml");
    ExplorerOptions.Builder t = options(teardown).dpor(ExplorerOptions.Dpor.OPTIMAL);
    Result gaveWay = explore(teardown, "", t, null);
    assertEquals("optimal->source", gaveWay.statistics().reduction(), gaveWay::toString);
    assertSame(gaveWay, resumedInSessions(teardown, "", t, 40, 200));
  }

  @Test
  void resumedViolationsEqualUninterrupted() {
    // every distinct violation of a mutant (--all), and the first one alone
    Spec two = spec("specs/two_madvises_vs_fault.yaml");
    ExplorerOptions.Builder all = options(two).stopAtFirst(false);
    Result whole = explore(two, "M5", all, null);
    assertEquals(Result.Verdict.VIOLATION, whole.verdict());
    assertTrue(whole.findings().size() > 1, whole::toString);
    long n = whole.statistics().executions();
    assertSame(whole, resumedInSessions(two, "M5", all, n / 3, 2 * n / 3));
    Spec spec = spec("specs/anon_teardown.yaml");
    ExplorerOptions.Builder first = options(spec);
    Result one = explore(spec, "M3", first, null);
    long m = one.statistics().executions();
    assertTrue(m > 2, one::toString);
    assertSame(one, resumedInSessions(spec, "M3", first, m / 2));
  }

  @Test
  void aCheckpointOfAnotherExplorationIsRefused() throws Exception {
    Spec spec = spec("specs/anon_teardown.yaml");
    Path file = tmp.resolve("c.json");
    explore(spec, "", options(spec), Checkpointing.of(file, "spec A", Duration.ofHours(1), false)
        .stopAfter(3));
    Checkpointing other = Checkpointing.of(file, "spec B", Duration.ofHours(1), true);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> other.verify(options(spec).build())).getMessage();
    assertTrue(msg.startsWith(file + ": the checkpoint belongs to another"), msg);
    Checkpointing same = Checkpointing.of(file, "spec A", Duration.ofHours(1), true);
    msg = assertThrows(IllegalArgumentException.class,
        () -> same.verify(options(spec).maxSteps(77).build())).getMessage();
    assertTrue(msg.contains("written with other options") && msg.contains("max-steps=77"), msg);
    same.verify(options(spec).timeLimit(Duration.ofSeconds(5)).build()); // a time limit may differ
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() / 2)); // as if cut short
    msg = assertThrows(IllegalArgumentException.class, () -> same.verify(options(spec).build()))
        .getMessage();
    assertTrue(msg.startsWith(file + ": not a readable mirrorcheck checkpoint"), msg);
    assertEquals(1, msg.lines().count(), msg);
    Files.writeString(file, text.replaceFirst("\"version\":\\d+", "\"version\":9"));
    msg = assertThrows(IllegalArgumentException.class, () -> same.verify(options(spec).build()))
        .getMessage();
    assertTrue(msg.contains("checkpoint format version 9"), msg);
  }

  static Spec spec(String file) {
    return SpecFiles.parse(List.of(Path.of(file))).get(0);
  }

  static ExplorerOptions.Builder options(Spec spec) {
    return ExplorerOptions.builder().maxSteps(spec.maxSteps()).collectFinalStates(true);
  }

  static Result explore(Spec spec, String mutation, ExplorerOptions.Builder o,
      Checkpointing ck) {
    Mutations muts = Mutations.copyOf(mutation.isEmpty() ? List.of()
        : Mutants.parseIds(List.of(mutation)));
    Harness h = SpecChecks.harness(spec, muts, SpecChecks.select(spec, List.of()),
        SpecChecks.checksData(spec, List.of()));
    return new Explorer(o.checkpointing(ck).build()).explore(h);
  }

  /** Runs sessions that each stop after the given numbers of executions, then one to the end. */
  private Result resumedInSessions(Spec spec, String mutation, ExplorerOptions.Builder o,
      long... stops) {
    Path file = tmp.resolve(spec.name() + mutation + stops[0] + ".json");
    boolean resume = false;
    for (long stop : stops) {
      Result part = explore(spec, mutation, o,
          Checkpointing.of(file, "test", Duration.ofHours(1), resume).stopAfter(stop));
      if (part.incompleteReason() == null || !part.incompleteReason().startsWith("stopped after")) {
        return part; // the first violation ended it before the stop
      }
      assertEquals(stop, part.statistics().executions(), part::toString);
      resume = true;
    }
    Result last = explore(spec, mutation, o, Checkpointing.of(file, "test", Duration.ofHours(1),
        true));
    // resuming a finished search gives its result again, running nothing
    Result again = explore(spec, mutation, o, Checkpointing.of(file, "test", Duration.ofHours(1),
        true));
    assertSame(last, again);
    return last;
  }

  private static void assertSame(Result want, Result got) {
    assertEquals(want.verdict(), got.verdict(), got::toString);
    assertEquals(want.incompleteReason(), got.incompleteReason());
    Statistics w = want.statistics();
    Statistics g = got.statistics();
    assertEquals(List.of(w.executions(), w.completed(), w.transitions(), w.newTransitions(),
        (long) w.maxDepth(), w.sleepBlocked(), w.sleepPruned(), w.fallbacks(), w.guideMisses(),
        w.guideWakes(), w.boundHits(), w.restarts()),
        List.of(g.executions(), g.completed(), g.transitions(), g.newTransitions(),
            (long) g.maxDepth(), g.sleepBlocked(), g.sleepPruned(), g.fallbacks(), g.guideMisses(),
            g.guideWakes(), g.boundHits(), g.restarts()));
    assertEquals(w.reductionDescription(), g.reductionDescription());
    assertEquals(w.optimalExecutions(), g.optimalExecutions());
    assertEquals(describe(want.findings()), describe(got.findings()));
    assertEquals(want.findingCounts(), got.findingCounts());
    assertEquals(want.coverage(), got.coverage());
    assertEquals(want.finalStates(), got.finalStates());
    if (g.executions() >= 16) { // the estimate samples every 16 executions at first
      assertNotNull(g.estimate());
      assertEquals(w.estimate().low(), g.estimate().low());
    }
  }

  private static List<String> describe(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(f.key() + " @ " + f.schedule() + " / " + f.steps());
    }
    return out;
  }
}

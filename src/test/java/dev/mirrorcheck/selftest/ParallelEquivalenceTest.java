package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parallel exploration against the sequential search, exactly: on the regression corpus and on
 * random programs over every facade primitive, with block reduction on and off, several workers give
 * the same verdict, the same violations with the same counterexamples, the same final states and the
 * same number of completed executions as one worker. Sleep-set-blocked executions may differ, and
 * where a program chooses, a step's footprint is known only as values are tried, so several workers
 * may complete more executions (never fewer, and never other states); where a {@code choose} sits
 * inside a step (an atomic block, or a critical section block reduction may merge), which redundant
 * executions source-DPOR runs depends on the order branches are explored in, so the count may move
 * either way there and only the states and violations are compared (program 4351: 813 completed on
 * one worker, 797 to 859 on two or three, the same 42 final states).
 */
@Timeout(300)
class ParallelEquivalenceTest {
  private static final int RANDOM_PROGRAMS = Integer.getInteger("parallel.programs", 80);

  @Test
  void theCorpusExploresAlikeOnOneAndOnSeveralWorkers() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path f : CorpusTest.corpus()) {
      compare(f.getFileName().toString(), CorpusTest.load(f), problems);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void randomProgramsExploreAlikeOnOneAndOnSeveralWorkers() {
    ProgramGenerator gen = ProgramGenerator.all();
    List<String> problems = new ArrayList<>();
    int parallelRuns = 0;
    for (long seed = 1; seed <= RANDOM_PROGRAMS; seed++) {
      parallelRuns += compare("seed " + seed, gen.generate(seed), problems);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    assertTrue(parallelRuns >= RANDOM_PROGRAMS, "parallel runs: " + parallelRuns);
  }

  /** Compares one program on 1, 2 and 3 workers, reduction on and off; returns the runs compared. */
  private static int compare(String name, Program p, List<String> problems) {
    int runs = 0;
    for (boolean reduce : new boolean[] {true, false}) {
      Result one = explore(p, reduce, 1);
      if (one.statistics().executions() > 20_000) {
        continue; // keeps the test short; the library runs cover the large ones
      }
      for (int workers : new int[] {2, 3}) {
        Result many = explore(p, reduce, workers);
        String where = name + " (reduce " + reduce + ", " + workers + " workers)";
        String diff = difference(one, many, p);
        if (diff != null) {
          problems.add(where + ": " + diff + "\n" + ProgramText.print(p));
        }
        runs++;
      }
    }
    return runs;
  }

  private static Result explore(Program p, boolean reduce, int workers) {
    ExplorerOptions o = ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true)
        .maxSteps(500).reduce(reduce).workers(workers).build();
    return new Explorer(o).explore(new FacadeProgram(p));
  }

  /** {@link #difference(Result, Result, boolean, boolean)} with the count rule {@code p} allows. */
  static String difference(Result one, Result many, Program p) {
    return difference(one, many, ProgramText.print(p).contains("choose"), choosesInsideAStep(p));
  }

  static String difference(Result one, Result many, boolean chooses) {
    return difference(one, many, chooses, false);
  }

  /**
   * What differs between one worker's result and several workers', or null: {@code chooses} allows
   * more completed executions, {@code insideAStep} any number.
   */
  static String difference(Result one, Result many, boolean chooses, boolean insideAStep) {
    if (one.verdict() != many.verdict()) {
      return "verdict " + one.verdict() + " vs " + many.verdict();
    }
    long c1 = one.statistics().completed();
    long cn = many.statistics().completed();
    if (!insideAStep && (chooses ? cn < c1 : cn != c1)) {
      return "completed executions " + one.statistics().completed() + " vs "
          + many.statistics().completed();
    }
    if (!one.finalStates().equals(many.finalStates())) {
      return "final states " + one.finalStates() + " vs " + many.finalStates();
    }
    if (!findings(one).equals(findings(many))) {
      return "violations " + findings(one) + " vs " + findings(many);
    }
    // the same traces, each as long whoever ran it: the steps add up alike when none was cut short
    boolean whole = one.findings().isEmpty() && one.statistics().sleepBlocked() == 0
        && many.statistics().sleepBlocked() == 0 && !chooses;
    if (whole && one.statistics().transitions() != many.statistics().transitions()) {
      return "steps " + one.statistics().transitions() + " vs " + many.statistics().transitions();
    }
    return null;
  }

  /** Whether a {@code choose} of {@code p} sits in an atomic block or a critical section. */
  static boolean choosesInsideAStep(Program p) {
    for (Program.ActorDef a : p.actors()) {
      if (choosesInside(a.body(), false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean choosesInside(List<Stmt> body, boolean inStep) {
    for (Stmt s : body) {
      boolean found = false;
      if (s instanceof Stmt.Choose) {
        found = inStep;
      } else if (s instanceof Stmt.Atomic a) {
        found = choosesInside(a.body(), true);
      } else if (s instanceof Stmt.Locked l) {
        found = choosesInside(l.body(), true);
      } else if (s instanceof Stmt.TryLocked t) {
        found = choosesInside(t.body(), true) || choosesInside(t.otherwise(), inStep);
      } else if (s instanceof Stmt.RwLocked r) {
        found = choosesInside(r.body(), true);
      } else if (s instanceof Stmt.TryRwLocked t) {
        found = choosesInside(t.body(), true) || choosesInside(t.otherwise(), inStep);
      } else if (s instanceof Stmt.If i) {
        found = choosesInside(i.then(), inStep) || choosesInside(i.otherwise(), inStep);
      } else if (s instanceof Stmt.Retry r) {
        found = choosesInside(r.body(), inStep);
      }
      if (found) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> findings(Result r) {
    Map<String, String> out = new TreeMap<>();
    for (Finding f : r.findings()) {
      out.put(f.kind() + "|" + f.property() + "|" + f.message(), f.steps() + " steps");
    }
    return out;
  }

  @Test
  void program4351ReachesTheSameStatesWhateverTheCount() {
    Program p = ProgramGenerator.all().generate(4351);
    assertTrue(choosesInsideAStep(p), ProgramText.print(p));
    Result one = explore(p, true, 1);
    for (int i = 0; i < 4; i++) {
      Result many = explore(p, true, 2);
      assertEquals(null, difference(one, many, p));
      assertEquals(one.finalStates(), many.finalStates());
    }
  }

  @Test
  void preemptionBoundsRunOnOneWorkerAndOptimalDporOnSeveralRunsSource() {
    ExplorerOptions optimal = ExplorerOptions.builder().dpor(ExplorerOptions.Dpor.OPTIMAL)
        .workers(2).build();
    assertEquals(2, optimal.workers());
    Statistics s = new Explorer(optimal).explore(w -> {
      dev.mirrorcheck.sync.IntCell x = w.sync().newInt("x", 0);
      w.actor("a", () -> x.set("a", 1));
      w.actor("b", () -> x.get("b"));
    }).statistics();
    assertEquals("source", s.reduction());
    assertEquals(ExplorerOptions.PARALLEL_RUNS_SOURCE, s.sourceBecause());
    assertEquals(1, ExplorerOptions.builder().preemptionBound(2).workers(4).build().workers());
    assertEquals(4, ExplorerOptions.builder().workers(4).build().workers());
  }
}

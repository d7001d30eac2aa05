package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.sync.Harness;
import java.util.Set;
import java.util.TreeSet;

/** Runs a harness under the naive enumerator and under the explorer and compares what they reach. */
final class Oracle {
  private Oracle() {}

  static ExplorerOptions.Builder collectAll() {
    return ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true).maxSteps(500);
  }

  static Result naive(Harness h) {
    return new Explorer(collectAll().strategy(NaiveSearch::new).reduce(false).build()).explore(h);
  }

  static Result dpor(Harness h, boolean reduce) {
    return new Explorer(collectAll().reduce(reduce).build()).explore(h);
  }

  static Result dpor(Harness h, boolean reduce, ExplorerOptions.Dpor dpor) {
    return new Explorer(collectAll().reduce(reduce).dpor(dpor).build()).explore(h);
  }

  static Set<String> violations(Result r) {
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      out.add(f.key());
    }
    return out;
  }

  /**
   * Asserts that source- and optimal DPOR, each with block reduction off and on, reach exactly the
   * naive enumerator's final states and violations.
   */
  static void assertSameAsNaive(String what, Harness h) {
    Result naive = naive(h);
    for (ExplorerOptions.Dpor d : ExplorerOptions.Dpor.values()) {
      for (boolean reduce : new boolean[] {false, true}) {
        Result r = dpor(h, reduce, d);
        String label = what + " (" + d.key() + (reduce ? " DPOR + blocks)" : " DPOR)");
        assertEquals(naive.finalStates(), r.finalStates(), label + ": final states");
        assertEquals(violations(naive), violations(r), label + ": violations");
        assertEquals(naive.verdict(), r.verdict(), label + ": verdict");
      }
    }
  }
}

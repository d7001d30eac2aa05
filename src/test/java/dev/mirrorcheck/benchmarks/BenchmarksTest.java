package dev.mirrorcheck.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published benchmarks at small sizes: optimal DPOR explores exactly one execution per
 * Mazurkiewicz trace (none sleep-set blocked), with block reduction on and off; source-DPOR completes
 * the same number of executions; and the planted check, which fails in exactly one trace, is found by
 * every reduction.
 */
class BenchmarksTest {

  private static Result explore(Benchmark b, ExplorerOptions.Dpor dpor, boolean blocks) {
    return new Explorer(ExplorerOptions.builder().stopAtFirst(false).dpor(dpor).reduce(blocks).maxActors(32)
        .build()).explore(b.harness());
  }

  @ParameterizedTest(name = "{0}({1})")
  @CsvSource({
    "lastzero, 2", "lastzero, 4", "lastzero, 6",
    "readers, 2", "readers, 5",
    "indexer, 11", "indexer, 12", "indexer, 13",
    "filesystem, 13", "filesystem, 15", "filesystem, 17",
    "philosophers, 2", "philosophers, 4", "philosophers, 6"
  })
  void optimalExploresOneExecutionPerTrace(String name, int size) {
    Benchmark b = Benchmark.of(name, size, false);
    for (boolean blocks : new boolean[] {false, true}) {
      Result optimal = explore(b, ExplorerOptions.Dpor.OPTIMAL, blocks);
      Result source = explore(b, ExplorerOptions.Dpor.SOURCE, blocks);
      String what = name + "(" + size + ")" + (blocks ? " with blocks" : "");
      assertEquals(Result.Verdict.PASS, optimal.verdict(), what);
      assertEquals(b.traces(), optimal.statistics().completed(), what + ": traces");
      assertEquals(b.traces(), source.statistics().completed(), what + ": source-DPOR traces");
      if (blocks && GIVE_WAY_WITH_BLOCKS.contains(name)) {
        // a merged critical section releases a lock after reading what it protects: the
        // release's place depends on the value read; met in the first execution, the search goes
        // on from there as source-DPOR and explores exactly what source-DPOR does
        assertEquals("optimal->source", optimal.statistics().reduction(), what);
        assertEquals(source.statistics().executions(), optimal.statistics().executions(), what);
        assertEquals(0, optimal.statistics().optimalExecutions(), what);
        assertTrue(optimal.statistics().sourceBecause() != null, what);
        continue;
      }
      assertEquals("optimal", optimal.statistics().reduction(),
          () -> what + ": gave way to source-DPOR: " + optimal.statistics().sourceBecause());
      assertEquals(b.traces(), optimal.statistics().executions(), what + ": executions");
      assertEquals(0, optimal.statistics().sleepBlocked(), what);
    }
  }

  /** The benchmarks whose critical sections block reduction merges into context-dependent steps. */
  private static final Set<String> GIVE_WAY_WITH_BLOCKS = Set.of("filesystem", "philosophers");

  @ParameterizedTest(name = "{0}({1})")
  @CsvSource({"lastzero, 4", "readers, 4", "indexer, 12", "filesystem, 16", "philosophers, 4"})
  void everyReductionFindsThePlantedOneTraceViolation(String name, int size) {
    Benchmark b = Benchmark.of(name, size, true);
    for (ExplorerOptions.Dpor dpor : ExplorerOptions.Dpor.values()) {
      for (boolean blocks : new boolean[] {false, true}) {
        Result r = explore(b, dpor, blocks);
        String what = name + "(" + size + ") " + dpor.key() + (blocks ? " with blocks" : "");
        List<Finding> found = r.findings();
        assertEquals(1, found.size(), what);
        assertEquals(Benchmark.PLANTED, found.get(0).property(), what);
        assertEquals(1L, r.findingCounts().values().iterator().next(), what + ": traces violating");
      }
    }
  }
}

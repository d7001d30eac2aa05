package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property-based soundness: for random small programs, the explorer (plain DPOR, and DPOR with block
 * reduction) reaches exactly the naive enumerator's final states and violations. Seeds make every
 * failure reproducible; {@code -Doracle.programs=N} runs more of them.
 */
class RandomProgramsTest {
  private static final int PROGRAMS = Integer.getInteger("oracle.programs", 120);
  private static final long FIRST_SEED = Long.getLong("oracle.seed", 1);

  @TestFactory
  Stream<DynamicTest> randomProgramsAgreeWithNaiveEnumeration() {
    return LongStream.range(FIRST_SEED, FIRST_SEED + PROGRAMS).mapToObj(seed -> {
      RandomProgram p = seed % 2 == 0 ? new RandomProgram(seed, 2, 6) : new RandomProgram(seed, 3, 3);
      return DynamicTest.dynamicTest("seed " + seed, () -> check(p));
    });
  }

  private static void check(RandomProgram p) {
    Result naive = new Explorer(Oracle.collectAll().strategy(NaiveSearch::new).reduce(false)
        .timeLimit(java.time.Duration.ofSeconds(20)).build()).explore(p);
    assumeTrue(naive.incompleteReason() == null, "naive enumeration too large");
    for (boolean reduce : new boolean[] {false, true}) {
      Result r = Oracle.dpor(p, reduce);
      String what = p + "\n" + (reduce ? "DPOR + blocks" : "DPOR");
      assertEquals(naive.finalStates(), r.finalStates(), what + ": final states");
      assertEquals(Oracle.violations(naive), Oracle.violations(r), what + ": violations");
    }
  }
}

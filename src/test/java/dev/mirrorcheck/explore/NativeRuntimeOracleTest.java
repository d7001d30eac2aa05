package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.NativeRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The native runtime — what Java PathFinder runs — against the naive enumerator, on the random
 * programs that exercise every facade primitive: enumerating every choice the native runtime asks
 * for (the next actor at each scheduling point of its reduced blocks, and each {@code choose}), as
 * JPF does, reaches exactly the naive enumerator's violations, and its final states. (A native run
 * stops at its first violation, as a JPF path does, while the enumerator goes on and records the
 * states after it: with violations, the native runs' final states are only among the enumerator's.)
 */
class NativeRuntimeOracleTest {
  private static final int PROGRAMS = Integer.getInteger("oracle.native.programs", 40);
  private static final int MAX_RUNS = 4_000;

  @TestFactory
  Stream<DynamicTest> everyNativeScheduleTogetherReachesWhatNaiveEnumerationReaches() {
    return LongStream.rangeClosed(1, PROGRAMS).mapToObj(seed -> {
      RandomProgram p = seed % 2 == 0 ? new RandomProgram(seed, 2, 6) : new RandomProgram(seed, 3, 3);
      return DynamicTest.dynamicTest("seed " + seed, () -> check(p));
    });
  }

  private static void check(RandomProgram p) throws InterruptedException {
    Result naive = new Explorer(Oracle.collectAll().strategy(NaiveSearch::new).reduce(false)
        .timeLimit(java.time.Duration.ofSeconds(20)).build()).explore(p);
    assumeTrue(naive.incompleteReason() == null, "naive enumeration too large");
    Set<String> violations = new TreeSet<>();
    for (Finding f : naive.findings()) {
      violations.add(f.kind() == Finding.Kind.DEADLOCK ? f.property()
          : f.property() + ": " + f.message());
    }
    Set<String> finals = new TreeSet<>();
    Set<String> problems = new TreeSet<>();
    assumeTrue(enumerate(p, finals, problems), "more than " + MAX_RUNS + " native schedules");
    assertEquals(violations, problems, p + "\nviolations");
    if (violations.isEmpty()) {
      assertEquals(new TreeSet<>(naive.finalStates()), finals, p + "\nfinal states");
    } else {
      Set<String> extra = new TreeSet<>(finals);
      extra.removeAll(naive.finalStates());
      assertEquals(Set.of(), extra, p + "\nfinal states the enumerator does not reach");
    }
  }

  /** Every native run, choice by choice, depth first; false when there are too many. */
  static boolean enumerate(Harness h, Set<String> finals, Set<String> problems)
      throws InterruptedException {
    List<Integer> prefix = new ArrayList<>();
    for (int runs = 0; runs < MAX_RUNS; runs++) {
      List<int[]> trail = new ArrayList<>();
      List<Integer> given = prefix;
      NativeRunner.Run r = NativeRunner.run(h, n -> {
        int k = trail.size();
        int c = k < given.size() ? given.get(k) : 0;
        trail.add(new int[] {c, n});
        return c;
      });
      if (r.problems().isEmpty()) {
        finals.add(r.finalState());
      }
      for (String problem : r.problems()) {
        problems.add(problem.matches("L\\d: no actor can run.*") ? problem.substring(0, 2) : problem);
      }
      int i = trail.size() - 1;
      while (i >= 0 && trail.get(i)[0] + 1 >= trail.get(i)[1]) {
        i--;
      }
      if (i < 0) {
        return true;
      }
      prefix = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        prefix.add(trail.get(j)[0]);
      }
      prefix.add(trail.get(i)[0] + 1);
    }
    return false;
  }
}

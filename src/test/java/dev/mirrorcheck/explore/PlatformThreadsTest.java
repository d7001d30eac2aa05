package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Actors on platform threads (what Java 17 users get) explore exactly what they explore on virtual
 * threads. The suite runs on Java 21+ when one is installed (see the pom), so without this the
 * Java 17 engine would go untested there; on Java 17 both runs use platform threads.
 */
class PlatformThreadsTest {
  @TestFactory
  Stream<DynamicTest> platformThreadsExploreWhatVirtualThreadsExplore() {
    return LongStream.rangeClosed(1, 12).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
        () -> {
          RandomProgram p = seed % 2 == 0 ? new RandomProgram(seed, 2, 5)
              : new RandomProgram(seed, 3, 3);
          for (boolean workers2 : new boolean[] {false, true}) {
            Result platform = run(p, ExplorerOptions.Threads.PLATFORM, workers2);
            Result auto = run(p, ExplorerOptions.Threads.AUTO, workers2);
            assertTrue(platform.engine().startsWith("platform threads"), platform.engine());
            String what = p + (workers2 ? " (2 workers)" : "");
            assertEquals(Oracle.violations(auto), Oracle.violations(platform), what);
            assertEquals(auto.finalStates(), platform.finalStates(), what);
            assertEquals(auto.statistics().completed(), platform.statistics().completed(), what);
            if (!workers2) {
              assertEquals(auto.statistics().executions(), platform.statistics().executions(), what);
            }
          }
        }));
  }

  private static Result run(RandomProgram p, ExplorerOptions.Threads threads, boolean workers2) {
    return new Explorer(Oracle.collectAll().threads(threads).workers(workers2 ? 2 : 1).build())
        .explore(p);
  }
}

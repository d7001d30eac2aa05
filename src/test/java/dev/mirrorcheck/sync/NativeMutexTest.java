package dev.mirrorcheck.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task that takes a mutex it already holds waits for itself (mutation M14's fault under the driver
 * lock meets its own invalidation): the native runtime, and so Java PathFinder, calls it a deadlock
 * (L1), as the explorer does, not an exception of the program.
 */
@Timeout(60)
class NativeMutexTest {
  /** One actor takes {@code m} twice; another one takes and drops it and may finish first. */
  private static final Harness RECURSIVE = world -> {
    Mutex m = world.sync().newMutex("driver_lock");
    world.actor("fault", () -> {
      m.lock("fault:lock");
      m.lock("inval:lock");
      m.unlock("inval:unlock");
      m.unlock("fault:unlock");
    });
    world.actor("other", () -> {
      m.lock("other:lock");
      m.unlock("other:unlock");
    });
  };

  @Test
  void anActorRelockingItsMutexDeadlocksOnBothEngines() throws InterruptedException {
    for (long seed = 0; seed < 10; seed++) {
      List<String> problems = NativeRunner.runOnce(RECURSIVE, seed);
      assertEquals(1, problems.size(), problems::toString);
      String p = problems.get(0);
      assertEquals(true, p.startsWith("L1: no actor can run; fault waits for driver_lock held by "
          + "fault"), p);
    }
    Result r = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build()).explore(RECURSIVE);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r::toString);
    for (Finding f : r.findings()) {
      assertEquals("L1", f.property(), f::toString);
    }
  }

  @Test
  void setUpCodeRelockingAMutexIsAnError() {
    Harness h = world -> {
      Mutex m = world.sync().newMutex("m");
      m.lock("setup");
      m.lock("setup again");
    };
    assertThrows(IllegalStateException.class, () -> NativeRunner.runOnce(h, 0));
  }
}

package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every execution here ends with an actor parked for good (a sleeper nobody wakes), which the
 * explorer aborts; once the exploration returned, no actor thread it started may still be alive.
 * A worker's carrier shut down under aborted actors stranded them, each holding its execution: a
 * cluster member, which explores each lease on threads of its own, grew by an exploration per
 * lease (gigabytes on {@code teardown_five_actors}); platform threads were never ended at all.
 */
class ActorThreadsCloseTest {

  @ParameterizedTest
  @CsvSource({"VIRTUAL, 1", "VIRTUAL, 2", "PLATFORM, 1", "PLATFORM, 2"})
  void noActorThreadOutlivesItsExploration(ExplorerOptions.Threads kind, int workers)
      throws InterruptedException {
    List<Thread> seen = new CopyOnWriteArrayList<>();
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      WaitQueue q = w.sync().newWaitQueue("never");
      for (int a = 0; a < 3; a++) {
        w.actor("writer" + a, () -> {
          seen.add(Thread.currentThread());
          x.set("set", x.get("get") + 1);
        });
      }
      w.actor("sleeper", () -> {
        seen.add(Thread.currentThread());
        q.waitUntil("wait", () -> false);
      });
    };
    Result r = new Explorer(ExplorerOptions.builder().stopAtFirst(false).threads(kind)
        .workers(workers).build()).explore(h);
    assertFalse(r.findings().isEmpty(), "the sleeper is a deadlock in every execution");
    assertTrue(r.statistics().executions() > 1);
    for (Thread t : java.util.Set.copyOf(seen)) {
      t.join(5_000);
      assertFalse(t.isAlive(), t + " still alive after " + r.statistics().executions()
          + " executions on " + kind + " with " + workers + " worker(s)");
    }
  }
}

package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The soundness oracle on a corpus of small classic programs: the explorer (with and without block
 * reduction) must reach exactly the final states and violations of the naive enumerator of all
 * interleavings, and explore the hand-computed number of traces where one is stated.
 */
class SoundnessCorpusTest {

  @Test
  void twoIndependentWritersAreOneTrace() {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      IntCell y = w.sync().newInt("y", 0);
      w.actor("a", () -> x.set("a:write", 1));
      w.actor("b", () -> y.set("b:write", 1));
    };
    Oracle.assertSameAsNaive("independent writers", h);
    assertEquals(2, Oracle.naive(h).statistics().completed());
    assertEquals(1, Oracle.dpor(h, false).statistics().executions());
    assertEquals(Set.of("x=1, y=1"), Oracle.dpor(h, true).finalStates());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void nWritersOfOneCellAreNFactorialTraces(int n) {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      for (int i = 0; i < n; i++) {
        int v = i + 1;
        w.actor("w" + i, () -> x.set("write", v));
      }
    };
    Oracle.assertSameAsNaive(n + " writers", h);
    long factorial = 1;
    for (int i = 2; i <= n; i++) {
      factorial *= i;
    }
    assertEquals(factorial, Oracle.dpor(h, false).statistics().completed());
    assertEquals(factorial, Oracle.dpor(h, true).statistics().completed());
  }

  @Test
  void racyCounterLosesUpdatesInFourTraces() {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      for (int i = 0; i < 2; i++) {
        w.actor("inc" + i, () -> {
          int v = x.get("load");
          x.set("store", v + 1);
        });
      }
      w.atEnd("count", () -> x.peek() == 2 ? null : "lost update: x=" + x.peek());
    };
    Oracle.assertSameAsNaive("racy counter", h);
    Result r = Oracle.dpor(h, true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    // R1 W1 R2 W2, R2 W2 R1 W1, and the two orders of the writes after both reads.
    assertEquals(4, r.statistics().completed());
  }

  private static Harness lockedCounter(int actors, boolean emptySections) {
    return w -> {
      IntCell x = w.sync().newInt("x", 0);
      Mutex m = w.sync().newMutex("m");
      for (int i = 0; i < actors; i++) {
        w.actor("inc" + i, () -> {
          m.lock("lock");
          if (!emptySections) {
            int v = x.get("load");
            x.set("store", v + 1);
          }
          m.unlock("unlock");
        });
      }
      w.atEnd("count", () -> x.peek() == (emptySections ? 0 : actors) ? null : "lost update");
    };
  }

  @Test
  void lockProtectedCounterNeverLosesUpdates() {
    Harness h = lockedCounter(3, false);
    Oracle.assertSameAsNaive("locked counter", h);
    Result r = Oracle.dpor(h, true);
    assertEquals(Result.Verdict.PASS, r.verdict());
    assertEquals(6, r.statistics().completed()); // 3! orders of conflicting critical sections
  }

  @Test
  void emptyCriticalSectionsCommuteUnderBlockReduction() {
    Harness h = lockedCounter(3, true);
    Oracle.assertSameAsNaive("empty sections", h);
    assertEquals(6, Oracle.dpor(h, false).statistics().completed()); // every acquisition order
    assertEquals(1, Oracle.dpor(h, true).statistics().completed()); // sections touch nothing shared
  }

  private static Harness peterson(boolean broken) {
    return w -> {
      Sync s = w.sync();
      IntArray flag = s.newIntArray("flag", 2, 0);
      IntCell turn = s.newInt("turn", 0);
      IntCell inCritical = s.newInt("in_cs", 0);
      WaitQueue spin = s.newWaitQueue("spin");
      for (int i = 0; i < 2; i++) {
        int me = i;
        int other = 1 - i;
        w.actor("p" + i, () -> {
          if (broken) {
            turn.set("turn", other);
            flag.set("flag_up", me, 1);
          } else {
            flag.set("flag_up", me, 1);
            turn.set("turn", other);
          }
          spin.wakeAll("notify");
          spin.waitUntil("await", () -> flag.get("read_flag", other) == 0 || turn.get("read_turn") == me);
          int n = inCritical.getAndAdd("enter", 1);
          s.check(n == 0, "mutex", "both actors in the critical section");
          inCritical.getAndAdd("leave", -1);
          flag.set("flag_down", me, 0);
          spin.wakeAll("notify_down");
        });
      }
    };
  }

  @Test
  void petersonIsMutuallyExclusive() {
    Oracle.assertSameAsNaive("peterson", peterson(false));
    assertEquals(Result.Verdict.PASS, Oracle.dpor(peterson(false), true).verdict());
  }

  @Test
  void brokenPetersonLetsBothIn() {
    Oracle.assertSameAsNaive("broken peterson", peterson(true));
    Result r = Oracle.dpor(peterson(true), true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertEquals("mutex", r.findings().get(0).property());
  }

  private static Harness philosophers(int n) {
    return w -> {
      Mutex[] fork = new Mutex[n];
      for (int i = 0; i < n; i++) {
        fork[i] = w.sync().newMutex("fork" + i);
      }
      for (int i = 0; i < n; i++) {
        int k = i;
        w.actor("phil" + i, () -> {
          fork[k].lock("take_left");
          fork[(k + 1) % n].lock("take_right");
          fork[(k + 1) % n].unlock("put_right");
          fork[k].unlock("put_left");
        });
      }
    };
  }

  @Test
  void diningPhilosophersDeadlockWithTheirCycle() {
    Oracle.assertSameAsNaive("philosophers", philosophers(3));
    Result r = Oracle.dpor(philosophers(3), true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.DEADLOCK, f.kind());
    assertEquals("L1", f.property());
    assertTrue(f.message().contains("wait-for cycle: phil0 waits for fork1 held by phil1;"
        + " phil1 waits for fork2 held by phil2; phil2 waits for fork0 held by phil0"), f.message());
  }

  private static Harness wakeup(boolean lossy) {
    return w -> {
      BoolCell flag = w.sync().newBool("flag", false);
      WaitQueue q = w.sync().newWaitQueue("wq");
      w.actor("waiter", () -> {
        if (lossy) {
          if (!flag.get("test_flag")) {
            q.sleep("schedule");
          }
        } else {
          q.waitUntil("wait_event", () -> flag.get("test_flag"));
        }
      });
      w.actor("waker", () -> {
        flag.set("set_flag", true);
        q.wakeAll("wake_up");
      });
    };
  }

  @Test
  void lostWakeUpIsADeadlockNamingTheSleeper() {
    Oracle.assertSameAsNaive("lost wake-up", wakeup(true));
    Result r = Oracle.dpor(wakeup(true), true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertTrue(r.findings().get(0).message().contains("waiter sleeps on wq"), r.findings().get(0).message());
    assertEquals("L4", r.findings().get(0).property());
  }

  @Test
  void waitEventDoesNotLoseWakeUps() {
    Oracle.assertSameAsNaive("wait_event", wakeup(false));
    assertEquals(Result.Verdict.PASS, Oracle.dpor(wakeup(false), true).verdict());
  }

  private static Harness nestedReadBehindQueuedWriter(boolean writerBlocksReaders) {
    return w -> {
      RwSem sem = w.sync().newRwSem("umem_rwsem", writerBlocksReaders);
      w.actor("reader", () -> {
        sem.downRead("range_start");
        sem.downRead("nested_range_start");
        sem.upRead("nested_range_end");
        sem.upRead("range_end");
      });
      w.actor("writer", () -> {
        sem.downWrite("register");
        sem.upWrite("register_done");
      });
    };
  }

  @Test
  void queuedWriterBlocksNestedReader() {
    Oracle.assertSameAsNaive("queued writer", nestedReadBehindQueuedWriter(true));
    Result r = Oracle.dpor(nestedReadBehindQueuedWriter(true), true);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertTrue(r.findings().get(0).message().contains("waits to read umem_rwsem"),
        r.findings().get(0).message());
  }

  @Test
  void readersMayOvertakeWithoutWriterPreference() {
    Oracle.assertSameAsNaive("no writer preference", nestedReadBehindQueuedWriter(false));
    assertEquals(Result.Verdict.PASS, Oracle.dpor(nestedReadBehindQueuedWriter(false), true).verdict());
  }

  @Test
  void trylockAndAtomicAndChoiceAgreeWithNaive() {
    Harness h = w -> {
      Sync s = w.sync();
      IntCell x = s.newInt("x", 0);
      IntCell y = s.newInt("y", 0);
      Mutex m = s.newMutex("m");
      w.actor("t", () -> {
        if (m.tryLock("try")) {
          x.set("x", s.choose("pick", 3));
          m.unlock("unlock");
        } else {
          y.set("busy", 1);
        }
      });
      w.actor("u", () -> {
        m.lock("lock");
        x.set("x2", 7);
        m.unlock("unlock");
        s.atomic("both", () -> {
          y.set("y", y.get("y_read") + 10);
          x.set("x3", x.get("x_read") + 1);
        });
      });
      w.invariant("small", () -> y.peek() < 11 ? null : "y=" + y.peek());
    };
    Oracle.assertSameAsNaive("trylock/atomic/choose", h);
  }

  @Test
  void spawnAndJoinAgreeWithNaive() {
    Harness h = w -> {
      Sync s = w.sync();
      IntCell x = s.newInt("x", 0);
      w.actor("parent", () -> {
        var child = s.spawn("child", () -> x.set("child_write", 1));
        x.set("parent_write", 2);
        child.join("join");
        s.check(x.get("after_join") != 0, "join", "join returned before the child ran");
      });
      w.actor("other", () -> x.set("other_write", 3));
    };
    Oracle.assertSameAsNaive("spawn/join", h);
  }

  @Test
  void ghostPokesInsideStepsAreTrackedForSleepSets() {
    // The poke makes a step bigger than its announced operation; sleep sets must use the footprint.
    Harness h = w -> {
      Sync s = w.sync();
      IntCell a = s.newInt("a", 0);
      IntCell b = s.newInt("b", 0);
      IntCell ghost = s.newInt("ghost", 0);
      w.actor("p", () -> {
        a.set("a", 1);
        ghost.poke(1);
      });
      w.actor("q", () -> {
        b.set("b", 1);
        int g = ghost.peek();
        s.check(g == 0, "ghost", "saw the ghost write");
      });
    };
    Oracle.assertSameAsNaive("ghost footprints", h);
    assertEquals(Result.Verdict.VIOLATION, Oracle.dpor(h, true).verdict());
  }

  @Test
  void invariantReadingProtectedStateSeesEveryOrder() {
    // Two critical sections on disjoint data under one lock commute; an invariant over both cells
    // must still see the state after each of them.
    Harness h = w -> {
      Sync s = w.sync();
      IntCell x = s.newInt("x", 0);
      IntCell y = s.newInt("y", 0);
      Mutex m = s.newMutex("m");
      w.actor("a", () -> {
        m.lock("lock");
        x.set("x", 1);
        m.unlock("unlock");
      });
      w.actor("b", () -> {
        m.lock("lock");
        y.set("y", 1);
        m.unlock("unlock");
      });
      w.invariant("not_only_x", () -> x.peek() == 1 && y.peek() == 0 ? "x before y" : null);
    };
    Oracle.assertSameAsNaive("invariant over protected state", h);
    assertEquals(Result.Verdict.VIOLATION, Oracle.dpor(h, true).verdict());
  }
}

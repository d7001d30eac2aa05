package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Behaviours the explorer once missed, with reduction on and off, written as a driver engineer would
 * against the facade. Each expected outcome is the brute-force one (worked out by hand, and the naive
 * enumerator's).
 */
class IssueProgramsTest {

  private static void assertFindsEverything(Harness h, Set<String> violations, String finalState) {
    Result naive = Oracle.naive(h);
    assertEquals(violations, kinds(naive), "naive enumeration");
    assertTrue(naive.finalStates().contains(finalState), naive.finalStates().toString());
    for (ExplorerOptions.Dpor d : ExplorerOptions.Dpor.values()) {
      for (boolean reduce : new boolean[] {false, true}) {
        Result r = Oracle.dpor(h, reduce, d);
        String what = d.key() + (reduce ? " with block reduction" : " without block reduction");
        assertEquals(violations, kinds(r), what);
        assertEquals(naive.finalStates(), r.finalStates(), what);
      }
    }
  }

  private static Set<String> kinds(Result r) {
    Set<String> out = new java.util.TreeSet<>();
    for (Finding f : r.findings()) {
      out.add(f.kind() + "|" + f.property());
    }
    return out;
  }

  /** a1 wakes, sleeps (registers), a0's wake-up wakes it and it writes: INV is violated. */
  @Test
  void aSleepRacesWithEveryWakeUpNotJustTheLatest() {
    Harness h = w -> {
      Sync s = w.sync();
      WaitQueue q = s.newWaitQueue("q");
      IntCell x = s.newInt("x", 0);
      w.actor("a0", () -> q.wakeAll("a0:wake"));
      w.actor("a1", () -> {
        q.wakeAll("a1:wake");
        q.sleep("a1:sleep");
        x.set("a1:write", 1);
      });
      w.invariant("INV", () -> x.peek() == 1 ? "x = 1" : null);
    };
    assertFindsEverything(h, Set.of("DEADLOCK|L4", "INVARIANT|INV"), "x=1");
  }

  /** a1 takes the write side first, so a0's down_read_trylock fails. */
  @Test
  void aFailedReadTrylockIsNotHiddenByANestedRead() {
    Harness h = w -> {
      Sync s = w.sync();
      RwSem rw = s.newRwSem("rw", false);
      w.actor("a0", () -> {
        if (rw.tryDownRead("a0:down_read_trylock")) {
          rw.downRead("a0:down_read");
          rw.upRead("a0:up_read");
          rw.upRead("a0:up_read");
        } else {
          s.check(false, "P", "down_read_trylock failed");
        }
      });
      w.actor("a1", () -> {
        rw.downWrite("a1:down_write");
        rw.upWrite("a1:up_write");
      });
    };
    assertFindsEverything(h, Set.of("ASSERTION|P"), " [a0 failed]");
  }

  /**
   * a1 holds the read side and has written x; a0's down_write_trylock fails, a0 swaps y; a1's peek
   * sees it. The write of x is protected (a1 holds m) and merges into the read acquisition's step,
   * so the peek of y shares that step: the merge relies on y being protected too, and a0's unlocked
   * swap must undo it (selftest seed 41203614).
   */
  @Test
  void aPeekInAMergedStepReliesOnItsLocationBeingProtected() {
    Harness h = w -> {
      Sync s = w.sync();
      RwSem rw = s.newRwSem("rw", true);
      Mutex m = s.newMutex("m");
      IntCell x = s.newInt("x", 0);
      IntCell y = s.newInt("y", 0);
      w.actor("a0", () -> {
        if (rw.tryDownWrite("a0:down_write_trylock")) {
          rw.upWrite("a0:up_write");
        } else {
          y.getAndAdd("a0:xchg", 1);
        }
      });
      w.actor("a1", () -> {
        if (m.tryLock("a1:trylock")) {
          rw.downRead("a1:down_read");
          x.set("a1:x", 1);
          s.check(y.peek() == 0, "P", "a1 saw a0's swap inside its read section");
          rw.upRead("a1:up_read");
          m.unlock("a1:unlock");
        }
      });
    };
    assertFindsEverything(h, Set.of("ASSERTION|P"), "x=1, y=1 [a1 failed]");
  }

  /** c1 = 3; a0's block: the CAS fails, c1 = 2; a1 locks, chooses 0, c0 = 1. */
  @Test
  void aChoiceInsideAMergedLockBlockIsABranchPoint() {
    Harness h = w -> {
      Sync s = w.sync();
      IntCell c0 = s.newInt("c0", 0);
      IntCell c1 = s.newInt("c1", 0);
      IntCell c2 = s.newInt("c2", 0);
      Mutex m = s.newMutex("m");
      w.actor("a0", () -> s.atomic("a0:block", () -> {
        c2.set("a0:c2", c0.compareAndSet("a0:cas", 1, 1) ? 1 : 0);
        c1.set("a0:c1", 2);
      }));
      w.actor("a1", () -> {
        c1.set("a1:c1", 3);
        m.lock("a1:lock");
        if (s.choose("a1:pick", 2) == 0) {
          c0.set("a1:c0", 1);
        }
        m.unlock("a1:unlock");
      });
      w.atEnd("E", () -> c0.peek() == 1 && c1.peek() == 2 && c2.peek() == 0 ? "E" : null);
    };
    assertFindsEverything(h, Set.of("END_CHECK|E"), "c0=1, c1=2, c2=0");
  }

  /** The second value of a choice inside an atomic step writes y: the invariant must be checked. */
  @Test
  void aStepReplayedUpToANewChoiceIsCheckedAsNew() {
    Harness h = w -> {
      Sync s = w.sync();
      IntCell y = s.newInt("y", 0);
      w.actor("a0", () -> s.atomic("a0:block", () -> {
        if (s.choose("a0:pick", 2) == 1) {
          y.set("a0:y", 1);
        }
      }));
      w.invariant("INV", () -> y.peek() == 1 ? "y = 1" : null);
    };
    assertFindsEverything(h, Set.of("INVARIANT|INV"), "y=1");
  }
}

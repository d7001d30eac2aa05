package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import org.junit.jupiter.api.Test;

/**
 * Symmetry reduction on harnesses whose answers are known: the same final states and violations as
 * without it, fewer executions, and counterexamples that replay. The symmetry oracle
 * ({@code SymmetryOracleTest}) checks the same on random programs.
 */
class SymmetryTest {

  private static Result explore(Harness h, ExplorerOptions.SymmetryMode mode, boolean stopAtFirst) {
    return new Explorer(Oracle.collectAll().maxSteps(10_000).stopAtFirst(stopAtFirst)
        .symmetry(mode).build()).explore(h);
  }

  /** Three identical incrementers under a lock: one interleaving per orbit. */
  private static final Harness COUNTERS = world -> {
    IntCell x = world.sync().newInt("x", 0);
    Mutex m = world.sync().newMutex("m");
    Actor[] as = new Actor[3];
    for (int i = 0; i < as.length; i++) {
      as[i] = world.actor("inc" + i, () -> {
        m.lock("lock");
        int v = x.get("read");
        x.set("write", v + 1);
        m.unlock("unlock");
      });
    }
    world.symmetric(as);
    world.atEnd("SUM", () -> x.peek() == 3 ? null : "lost an increment: " + x.peek());
  };

  @Test
  void identicalCriticalSectionsRunInOneOrderOnly() {
    Result off = explore(COUNTERS, ExplorerOptions.SymmetryMode.OFF, false);
    Result states = explore(COUNTERS, ExplorerOptions.SymmetryMode.STATES, false);
    assertEquals(6, off.statistics().completed(), "3! lock orders");
    assertEquals(1, states.statistics().completed(), "one orbit");
    assertEquals(off.finalStates(), states.finalStates());
    assertEquals(Result.Verdict.PASS, states.verdict());
  }

  @Test
  void calibrationKeepsItsStatesWithFewerExecutions() {
    Harness h = new MirrorCalibration(3, 2, false);
    Result off = explore(h, ExplorerOptions.SymmetryMode.OFF, false);
    Result start = explore(h, ExplorerOptions.SymmetryMode.START, false);
    Result states = explore(h, ExplorerOptions.SymmetryMode.STATES, false);
    for (Result r : new Result[] {off, start, states}) {
      assertEquals(Result.Verdict.PASS, r.verdict());
    }
    // No final-state cell belongs to one faulter, so the sets agree as they are.
    assertEquals(off.finalStates(), start.finalStates(), "start");
    assertEquals(off.finalStates(), states.finalStates(), "states");
    assertTrue(start.statistics().executions() < off.statistics().executions());
    assertTrue(states.statistics().executions() * 3 < off.statistics().executions(),
        states.statistics().executions() + " vs " + off.statistics().executions());
  }

  @Test
  void aViolationFoundWithSymmetryReplaysWithout() {
    Harness h = new MirrorCalibration(2, 2, true);
    Result off = explore(h, ExplorerOptions.SymmetryMode.OFF, false);
    Result states = explore(h, ExplorerOptions.SymmetryMode.STATES, false);
    assertEquals(Oracle.violations(off).isEmpty(), Oracle.violations(states).isEmpty());
    assertFalse(states.findings().isEmpty());
    for (Finding f : states.findings()) {
      Replay replay = new Explorer(ExplorerOptions.defaults()).replay(h, f.schedule());
      assertTrue(replay.reproduces(f), f.toString());
    }
    // Every violation the full search finds is found up to a renaming of the faulters.
    assertEquals(renamed(off), renamed(states));
  }

  private static java.util.Set<String> renamed(Result r) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Finding f : r.findings()) {
      out.add(f.kind() + "|" + f.property() + "|" + f.message().replaceAll("fault\\d", "fault?"));
    }
    return out;
  }
}

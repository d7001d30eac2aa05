package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the explorer reports, beyond soundness: verdicts, bounds, replays, statistics. */
class ExplorerBehaviourTest {

  private static Explorer explorer() {
    return new Explorer(ExplorerOptions.defaults());
  }

  /** Two actors each increment a counter {@code rounds} times, each round a separate step. */
  private static Harness counters(int rounds) {
    return w -> {
      IntCell x = w.sync().newInt("x", 0);
      for (int a = 0; a < 2; a++) {
        w.actor("inc" + a, () -> {
          for (int i = 0; i < rounds; i++) {
            x.getAndAdd("inc", 1);
          }
        });
      }
    };
  }

  @Test
  void anExecutionLongerThanTheStepBoundIsABoundHitNotAPass() {
    Result r = new Explorer(ExplorerOptions.builder().maxSteps(5).build()).explore(counters(3));
    assertEquals(Result.Verdict.BOUND_HIT, r.verdict());
    assertFalse(r.passed());
    assertTrue(r.statistics().boundHits() > 0);
  }

  @Test
  void timeLimitMakesTheVerdictIncomplete() {
    Result r = new Explorer(ExplorerOptions.builder().timeLimit(Duration.ofMillis(1)).build())
        .explore(counters(6));
    assertEquals(Result.Verdict.INCOMPLETE, r.verdict());
    assertTrue(r.incompleteReason().contains("time limit"), r.incompleteReason());
  }

  @Test
  void preemptionBoundIsMarkedNonExhaustive() {
    Result full = explorer().explore(counters(3));
    Result bounded = new Explorer(ExplorerOptions.builder().preemptionBound(0).build())
        .explore(counters(3));
    assertEquals(Result.Verdict.PASS, full.verdict());
    assertEquals(Result.Verdict.INCOMPLETE, bounded.verdict());
    assertTrue(bounded.incompleteReason().contains("preemption bound"));
    assertTrue(bounded.statistics().executions() < full.statistics().executions());
  }

  @Test
  void buggyCalibrationCounterexampleReplaysToTheSameViolation() {
    Explorer explorer = explorer();
    MirrorCalibration buggy = new MirrorCalibration(3, 2, true);
    Result r = explorer.explore(buggy);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    Finding f = r.findings().get(0);
    assertEquals("S3", f.property());
    assertEquals(Finding.Kind.ASSERTION, f.kind());
    assertEquals("device", f.actor());
    Replay replay = explorer.replay(buggy, f.schedule());
    assertTrue(replay.reproduces(f), () -> "replay found " + replay.findings());
    assertEquals(f.steps(), replay.steps().size());
    assertTrue(replay.steps().stream().anyMatch(s -> s.label().equals("fault:install")));
    StepLog.Step last = replay.steps().get(replay.steps().size() - 1);
    assertEquals("device", last.actor());
  }

  @Test
  void correctCalibrationPassesAndCoversTheProtocol() {
    Result r = explorer().explore(new MirrorCalibration(2, 2, false));
    assertEquals(Result.Verdict.PASS, r.verdict());
    for (String label : List.of("fault:read_begin", "fault:read_retry", "fault:unlock_retry",
        "fault:install", "inval:zap_dev_pte", "device:read_dev_pte")) {
      assertTrue(r.coverage().containsKey(label), label + " not covered: " + r.coverage().keySet());
    }
    // With the retry check no device PTE survives the invalidation, so the device never has a
    // mapped frame to check; the buggy variant does get there.
    assertFalse(r.coverage().containsKey("device:read_freed"));
    Result buggy = explorer().explore(new MirrorCalibration(2, 2, true));
    assertTrue(buggy.coverage().containsKey("device:read_freed"));
    Statistics s = r.statistics();
    assertTrue(s.executions() >= s.completed() && s.completed() > 0);
    assertTrue(s.transitions() >= s.newTransitions() && s.newTransitions() > 0);
    assertTrue(s.maxDepth() > 0 && s.wallMillis() >= 0);
  }

  @Test
  void shortestSearchReportsTheShortestOverAllTraces() {
    // The assertion needs both writes by w1 before w2 reads; trimming cannot shorten a long first
    // counterexample below that, but another trace reaches it with fewer of w1's steps.
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      w.actor("w1", () -> {
        for (int i = 0; i < 4; i++) {
          x.getAndAdd("inc", 1);
        }
      });
      w.actor("w2", () -> w.sync().check(x.get("read") < 2, "small", "read " + x.peek()));
    };
    Result plain = explorer().explore(h);
    Result shortest = new Explorer(ExplorerOptions.builder().shortest(true).build()).explore(h);
    assertEquals(5, plain.findings().get(0).steps()); // four increments, then the read
    assertEquals(3, shortest.findings().get(0).steps()); // two increments, then the read
    Replay replay = explorer().replay(h, shortest.findings().get(0).schedule());
    assertTrue(replay.reproduces(shortest.findings().get(0)));
  }

  @Test
  void counterexamplesAreTrimmedToTheCausalPast() {
    // The violation needs only the writer's step; the noise actor makes long schedules possible.
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      IntCell y = w.sync().newInt("y", 0);
      w.actor("noise", () -> {
        for (int i = 0; i < 4; i++) {
          y.getAndAdd("noise", 1);
        }
      });
      w.actor("writer", () -> x.set("write", 1));
      w.invariant("x-zero", () -> x.peek() == 0 ? null : "x was written");
    };
    Result plain = explorer().explore(h);
    Result shortest = new Explorer(ExplorerOptions.builder().shortest(true).build()).explore(h);
    assertEquals(Result.Verdict.VIOLATION, shortest.verdict());
    // Trimming to the causal past already drops the noise; both report the single write.
    assertEquals(1, plain.findings().get(0).steps());
    assertEquals(1, shortest.findings().get(0).steps());
  }

  @Test
  void exceptionsInActorsAreReportedWithTheActor() {
    Result r = explorer().explore(w -> {
      IntCell x = w.sync().newInt("x", 0);
      w.actor("crasher", () -> {
        if (x.get("read") == 0) {
          throw new IllegalStateException("boom");
        }
      });
    });
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.EXCEPTION, f.kind());
    assertEquals("crasher", f.actor());
    assertTrue(f.message().contains("boom"));
  }

  @Test
  void invariantViolationsNameTheProperty() {
    Result r = explorer().explore(w -> {
      IntCell x = w.sync().newInt("x", 0);
      w.actor("a", () -> x.set("write", 5));
      w.invariant("small", () -> x.peek() < 5 ? null : "x=" + x.peek());
    });
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.INVARIANT, f.kind());
    assertEquals("small", f.property());
    assertEquals("x=5", f.message());
  }

  @Test
  void invariantsAreCheckedOnTheInitialState() {
    Result r = explorer().explore(w -> {
      IntCell x = w.sync().newInt("x", 7);
      w.actor("a", () -> x.set("write", 0));
      w.invariant("small", () -> x.peek() < 5 ? null : "x=" + x.peek());
    });
    assertEquals(0, r.findings().get(0).steps());
  }

  @Test
  void collectAllFindsEveryDistinctViolation() {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      for (int i = 1; i <= 3; i++) {
        int v = i;
        w.actor("w" + i, () -> {
          int seen = x.get("read");
          x.set("write", v);
          w.sync().check(seen == 0, "first", "w" + v + " saw " + seen);
        });
      }
    };
    Result first = explorer().explore(h);
    Result all = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build()).explore(h);
    assertEquals(1, first.findings().size());
    assertEquals(6, all.findings().size()); // each of three actors can see each other's value
  }

  @Test
  void nondeterministicHarnessIsDetected() {
    AtomicInteger builds = new AtomicInteger();
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      boolean odd = builds.incrementAndGet() % 2 == 1; // state outside the facade
      w.actor("a", () -> x.set("write", 1));
      w.actor("b", () -> {
        if (odd) {
          x.set("write", 2);
        }
        x.get("read");
      });
    };
    assertThrows(HarnessException.class, () -> explorer().explore(h));
  }

  @Test
  void deadlockReportsEveryBlockedActor() {
    Result r = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build()).explore(w -> {
      Sync s = w.sync();
      Mutex a = s.newMutex("a");
      Mutex b = s.newMutex("b");
      WaitQueue q = s.newWaitQueue("never");
      w.actor("t1", () -> {
        a.lock("lock_a");
        b.lock("lock_b");
        b.unlock("unlock_b");
        a.unlock("unlock_a");
      });
      w.actor("t2", () -> {
        b.lock("lock_b");
        a.lock("lock_a");
        a.unlock("unlock_a");
        b.unlock("unlock_b");
      });
      w.actor("sleeper", () -> q.waitUntil("wait", () -> false));
    });
    List<String> messages = new ArrayList<>();
    r.findings().forEach(f -> messages.add(f.message()));
    assertTrue(messages.stream().anyMatch(m ->
        m.contains("wait-for cycle: t1 waits for b held by t2; t2 waits for a held by t1;")
            && m.contains("sleeper sleeps on never")), messages.toString());
  }

  @Test
  void progressIsReportedOnLongRuns() {
    List<Progress> seen = new ArrayList<>();
    Result r = new Explorer(ExplorerOptions.builder().progress(seen::add).build())
        .explore(counters(7));
    assertNotNull(r);
    if (r.statistics().wallMillis() > 1500) {
      assertFalse(seen.isEmpty());
      assertTrue(seen.get(0).toString().contains("executions"));
    }
  }

  /** A waiter whose condition only it could make true: a deadlock through that condition. */
  @Test
  void sleepingOnAConditionNobodyCanMakeTrueIsL1NotALostWakeUp() {
    Harness h = w -> {
      IntCell faults = w.sync().newInt("ndevice_faults", 0);
      WaitQueue q = w.sync().newWaitQueue("wq");
      w.actor("fault", () -> {
        faults.set("register", 1);
        // its own reclaim waits for registered faults to leave (M27's shape)
        q.waitUntil("wait_device_fault", () -> faults.get("read") == 0);
        faults.set("unregister", 0);
      });
    };
    Result r = explorer().explore(h);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertEquals("L1", r.findings().get(0).property(), r.findings().toString());
  }

  @Test
  void aSleeperWhoseConditionHoldsButWasNeverWokenIsL4() {
    Harness h = w -> {
      IntCell flag = w.sync().newInt("flag", 0);
      WaitQueue q = w.sync().newWaitQueue("wq");
      w.actor("waiter", () -> q.waitUntil("wait_event", () -> flag.get("test") == 1));
      w.actor("waker", () -> flag.set("set_without_wake_up", 1));
    };
    Result r = explorer().explore(h);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertEquals("L4", r.findings().get(0).property(), r.findings().toString());
  }

  @Test
  void stopOnEndsACollectAllSearchAtTheFirstNamedViolation() {
    Harness h = w -> {
      IntCell x = w.sync().newInt("x", 0);
      for (String a : List.of("a", "b", "c")) {
        w.actor(a, () -> {
          int v = x.get("read");
          x.set("write", v + 1);
          w.sync().check(!a.equals("c") || x.get("check") != 3, "P", "c saw 3");
        });
      }
      w.atEnd("Q", () -> x.peek() == 3 ? null : "lost update");
    };
    Result all = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build()).explore(h);
    Result stopped = new Explorer(ExplorerOptions.builder().stopAtFirst(false)
        .stopOn(List.of("P")).build()).explore(h);
    assertTrue(all.findings().stream().anyMatch(f -> "P".equals(f.property())), all.toString());
    assertTrue(stopped.findings().stream().anyMatch(f -> "P".equals(f.property())));
    assertTrue(stopped.statistics().executions() < all.statistics().executions(),
        stopped.statistics().executions() + " vs " + all.statistics().executions());
  }

  @Test
  void endChecksAreSkippedOnceAnActorFailed() {
    Harness h = w -> {
      IntCell open = w.sync().newInt("open", 0);
      w.actor("inval", () -> {
        open.set("start", 1);
        w.sync().check(false, "S3", "freed page still mapped");
        open.set("end", 0);
      });
      w.atEnd("L2", () -> open.peek() == 0 ? null : "epoch left open");
    };
    Result r = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build()).explore(h);
    assertEquals(List.of("S3"), r.findings().stream().map(Finding::property)
        .collect(java.util.stream.Collectors.toList()));
  }
}

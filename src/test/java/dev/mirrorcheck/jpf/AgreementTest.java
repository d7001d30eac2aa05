package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading Java PathFinder's console report ({@link JpfLog}, on excerpts of real runs of this
 * repository's configurations) and deciding agreement for the right reason ({@link Agreement}).
 */
class AgreementTest {
  private static final String RULE = "====================================================== ";
  private static Result pass;
  private static Result s3;
  private static Result deadlock;

  @BeforeAll
  static void explore() {
    Explorer e = new Explorer(ExplorerOptions.builder().stopAtFirst(false).build());
    pass = e.explore(LockOrderMain.harness(new String[] {"correct"}));
    s3 = e.explore(CalibrationMain.harness(new String[] {"2", "1", "buggy"}));
    deadlock = e.explore(LockOrderMain.harness(new String[] {"buggy"}));
  }

  static JpfLog log(String text) {
    JpfLog log = new JpfLog();
    text.lines().forEach(log::accept);
    return log;
  }

  private static RealJpf.Run run(String text) {
    return new RealJpf.Run(log(text), 0, 0);
  }

  static final String INVARIANT = RULE + "error 1\n"
      + "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty\n"
      + "dev.mirrorcheck.sync.Violation: S3: device PTE of page 0 maps freed frame 0\n"
      + "\tat dev.mirrorcheck.sync.NativeScheduler.evaluateInvariants(NativeScheduler.java:361)\n\n"
      + RULE + "trace #1\n" + "------ transition #0 thread: 0\n\n"
      + RULE + "results\n"
      + "error #1: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty \"dev.mirrorcheck.sync.Violation: "
      + "S3: device PTE of ...\"\n\n"
      + RULE + "statistics\n" + "elapsed time:       00:01:06\n"
      + "states:             new=4142,visited=1959,backtracked=6051,end=34\n"
      + "instructions:       6827519\n\n" + RULE + "search finished: 12/6/26, 6:11 PM\n";

  static final String DEADLOCK = RULE + "error 1\n" + "gov.nasa.jpf.vm.NotDeadlockedProperty\n"
      + "deadlock encountered:\n"
      + "  thread java.lang.Thread:{id:0,name:main,status:WAITING,priority:5,isDaemon:false}\n"
      + "  thread dev.mirrorcheck.sync.NativeActor$ActorThread:{id:1,name:munmap (L1: waits for "
      + "driver_lock held by fault),status:WAITING,priority:5,isDaemon:false,lockCount:1}\n"
      + "  thread dev.mirrorcheck.sync.NativeActor$ActorThread:{id:2,name:fault (L1: waits to read "
      + "mmap_lock, held for write by munmap),status:WAITING,priority:5,isDaemon:false}\n\n"
      + RULE + "results\n"
      + "error #1: gov.nasa.jpf.vm.NotDeadlockedProperty \"deadlock encountered:   thread ...\"\n";

  static final String NO_ERRORS = RULE + "results\nno errors detected\n\n" + RULE + "statistics\n"
      + "states:             new=761,visited=332,backtracked=1093,end=8\n";

  static final String BUDGET = RULE + "search constraint\n"
      + "max time exceeded: 00:05:00 >= 00:05:00\n\n" + RULE + "results\nno errors detected\n";

  static final String MISSING_MODEL = RULE + "error 1\n"
      + "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty\n"
      + "java.lang.NoSuchMethodError: java.util.concurrent.atomic.AtomicLong.getAndAdd(J)J\n\n"
      + RULE + "results\n"
      + "error #1: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty \"java.lang.NoSuchMethodError: "
      + "java.util.concurrent....\"\n";

  @Test
  void readsTheVerdictThePropertyAndTheStatistics() {
    JpfLog l = log(INVARIANT);
    assertEquals(JpfLog.Outcome.ERRORS, l.outcome());
    assertEquals(JpfLog.NO_EXCEPTIONS, l.propertyClass());
    assertEquals("S3", l.propertyId());
    assertEquals(4142, l.newStates());
    assertEquals(6_827_519, l.instructions());
    assertEquals(66, l.elapsedSeconds());
    JpfLog d = log(DEADLOCK);
    assertEquals("L1", d.propertyId());
    assertEquals(JpfLog.NOT_DEADLOCKED, d.propertyClass());
    assertEquals(JpfLog.Outcome.NO_ERRORS, log(NO_ERRORS).outcome());
    assertEquals(761, log(NO_ERRORS).newStates());
    assertEquals(JpfLog.Outcome.CONSTRAINT, log(BUDGET).outcome());
    JpfLog m = log(MISSING_MODEL);
    assertNull(m.propertyId());
    assertEquals("java.lang.NoSuchMethodError", m.exception());
    assertEquals(JpfLog.Outcome.NO_RESULTS, log("[SEVERE] JPF exception, terminating\n").outcome());
  }

  @Test
  void agreementIsOnTheViolatedPropertyNeverOnExitCodes() {
    assertEquals("agree: both complete without errors", Agreement.of(pass, run(NO_ERRORS)).toString());
    assertEquals("agree: both find S3 (NoUncaughtExceptionsProperty)",
        Agreement.of(s3, run(INVARIANT)).toString());
    assertEquals("agree: both find L1 (NotDeadlockedProperty)",
        Agreement.of(deadlock, run(DEADLOCK)).toString());
    // Both report errors, but not about the same property.
    assertEquals("DISAGREE: Java PathFinder finds S3 (NoUncaughtExceptionsProperty); our explorer "
        + "finds L1", Agreement.of(deadlock, run(INVARIANT)).toString());
    assertEquals("DISAGREE: Java PathFinder finds L1 (NotDeadlockedProperty); our explorer finds S3",
        Agreement.of(s3, run(DEADLOCK)).toString());
    assertEquals("DISAGREE: Java PathFinder completes without errors; our explorer finds S3",
        Agreement.of(s3, run(NO_ERRORS)).toString());
    assertEquals("DISAGREE: Java PathFinder finds S3 (NoUncaughtExceptionsProperty); our explorer "
        + "finds no violation", Agreement.of(pass, run(INVARIANT)).toString());
    // An error that names no property is JPF failing, not a finding.
    assertEquals("JPF could not run it: Java PathFinder failed: java.lang.NoSuchMethodError: "
        + "java.util.concurrent.atomic.AtomicLong.getAndAdd(J)J",
        Agreement.of(s3, run(MISSING_MODEL)).toString());
    assertEquals(Agreement.Status.JPF_INCOMPLETE, Agreement.of(pass, run(BUDGET)).status());
    assertEquals(Agreement.Status.JPF_INCOMPLETE,
        Agreement.of(pass, new RealJpf.Run(new JpfLog(), 137, 60)).status());
    assertEquals(Agreement.Status.JPF_COULD_NOT_RUN,
        Agreement.of(pass, new RealJpf.Run(new JpfLog(), 1, 0)).status());
  }

  /**
   * Our search for every violation within the budget stopped after its first execution, which
   * violates L1 only: JPF's S3 is then not a disagreement, since ours may not have met it yet.
   */
  @Test
  void aPropertyOurUnfinishedSearchHasNotMetIsOursIncomplete() {
    dev.mirrorcheck.sync.Harness slow = world -> {
      try {
        Thread.sleep(5); // every execution builds the world: the time limit ends the search
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      dev.mirrorcheck.sync.IntCell x = world.sync().newInt("x", 0);
      for (String name : new String[] {"a", "b", "c"}) {
        world.actor(name, () -> {
          for (int i = 0; i < 3; i++) {
            x.set(name + ":set", i); // 1,680 orders of nine conflicting writes
          }
          world.sync().check(!name.equals("a"), "L1", "stands in for a deadlock");
        });
      }
    };
    Result partial = new Explorer(ExplorerOptions.builder().stopAtFirst(false)
        .timeLimit(java.time.Duration.ofMillis(10)).build()).explore(slow);
    assertEquals(Result.Verdict.VIOLATION, partial.verdict(), partial::toString);
    assertEquals(true, partial.incompleteReason() != null, partial::toString);
    Agreement a = Agreement.of(partial, run(INVARIANT));
    assertEquals(Agreement.Status.OURS_INCOMPLETE, a.status(), a::toString);
    assertEquals(true, a.reason().startsWith("Java PathFinder finds S3 "
        + "(NoUncaughtExceptionsProperty); our explorer finds L1 before its search stopped"), a::toString);
  }

  @Test
  void headersStateTheirExpectation() {
    assertEquals("no errors", Expectation.of("# x\n# expect: no errors\n").toString());
    Expectation e = Expectation.of("# expect: error gov.nasa.jpf.vm.NotDeadlockedProperty\n");
    assertEquals(JpfLog.NOT_DEADLOCKED, e.propertyClass());
    assertEquals("error NotDeadlockedProperty", e.toString());
    assertNull(Expectation.of("# expects nothing\n"));
  }
}

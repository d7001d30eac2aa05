package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference's semantics, checked on programs whose outcomes are worked out by hand (so that the
 * reference is not merely agreeing with the explorer).
 */
class ReferenceTest {

  private static Outcome run(String text) {
    Outcome o = Reference.explore(ProgramText.parse(text), 100_000);
    assertEquals(true, o.complete());
    return o;
  }

  @Test
  void theIssueProgramsHaveTheirBruteForceOutcomes() {
    Outcome wake = run("int x = 0; queue q; actor a0 { wake q; } actor a1 { wake q; sleep q; x.set(1); }"
        + " invariant INV: x != 1;");
    assertEquals(Set.of("DEADLOCK|L4", "INVARIANT|INV"), wake.violations());
    assertEquals(Set.of("x=1 | a0:0,0,0 a1:0,0,0"), wake.finalStates());

    Outcome rw = run("rwsem rw unfair; actor a0 { tryread rw { read rw { } } else { assert P: r0 == 1; } }"
        + " actor a1 { write rw { } }");
    assertEquals(Set.of("ASSERTION|P"), rw.violations());
    assertEquals(Set.of("| a0:0,0,0 a1:0,0,0", "| a0!:0,0,0 a1:0,0,0"), rw.finalStates());

    Outcome block = run("int c0 = 0; int c1 = 0; int c2 = 0; mutex m;"
        + " actor a0 { atomic { r0 = c0.cas(1, 1); c2.set(r0); c1.set(2); } }"
        + " actor a1 { c1.set(3); lock m { r0 = choose 2; if r0 == 0 { c0.set(1); } } }"
        + " at end E: c0 != 1 || c1 != 2 || c2 != 0;");
    assertEquals(Set.of("END_CHECK|E"), block.violations());
  }

  @Test
  void testThenSleepLosesTheWakeUpButWaitUntilDoesNot() {
    Outcome lossy = run("int f = 0; queue q; actor w { r0 = f.get; if r0 == 0 { sleep q; } }"
        + " actor k { f.set(1); wake q; }");
    assertEquals(Set.of("DEADLOCK|L4"), lossy.violations());
    assertEquals(Set.of("f=1 | w:0,0,0 k:0,0,0", "f=1 | w:1,0,0 k:0,0,0"), lossy.finalStates());

    Outcome safe = run("int f = 0; queue q; actor w { wait q until f == 1; } actor k { f.set(1); wake q; }");
    assertEquals(Set.of(), safe.violations());
    assertEquals(Set.of("f=1 | w:0,0,0 k:0,0,0"), safe.finalStates());
  }

  @Test
  void aSleeperWhoseConditionHoldsMissedItsWakeUpOtherwiseItIsADeadlock() {
    assertEquals(Set.of("DEADLOCK|L4"),
        run("int f = 0; queue q; actor w { wait q until f == 1; } actor k { f.set(1); }").violations());
    assertEquals(Set.of("DEADLOCK|L1"),
        run("int f = 0; queue q; actor w { wait q until f == 2; } actor k { f.set(1); wake q; }")
            .violations());
  }

  @Test
  void aQueuedWriterBlocksANestedReadOnlyWhenWritersArePreferred() {
    String program = "rwsem rw %s; actor r { read rw { read rw { } } } actor w { write rw { } }";
    assertEquals(Set.of("DEADLOCK|L1"), run(String.format(program, "fair")).violations());
    assertEquals(Set.of(), run(String.format(program, "unfair")).violations());
  }

  @Test
  void aDeadlockBehindAFailedHolderIsItsConsequenceNotAFinding() {
    Outcome o = run("mutex m; actor a { lock m { assert A: r0 != 0; } } actor b { lock m { } }");
    assertEquals(Set.of("ASSERTION|A"), o.violations());
    assertEquals(Set.of("| a!:0,0,0 b:0,0,0"), o.finalStates()); // b got the lock first
  }

  @Test
  void endChecksAreSkippedWhenAnActorFailedInvariantsCoverTheInitialState() {
    assertEquals(Set.of("ASSERTION|A"),
        run("int x = 0; actor a { assert A: r0 != 0; } at end E: x == 5;").violations());
    assertEquals(Set.of("INVARIANT|I"),
        run("int x = 1; actor a { x.set(0); } invariant I: x != 1;").violations());
  }

  @Test
  void peekPokeAndAtomicBlocksStayInsideOneStep() {
    assertEquals(Set.of("x=0 | a:0,0,0 b:0,0,0"),
        run("int x = 0; actor a { x.set(1); x.poke(0); } actor b { r0 = x.get; }").finalStates());
    assertEquals(Set.of("x=0 | a:0,0,0 b:0,0,0"),
        run("int x = 0; actor a { atomic { x.set(1); x.set(0); } } actor b { r0 = x.get; }")
            .finalStates());
  }

  @Test
  void choicesLoopsSpawnAndJoin() {
    assertEquals(3, run("actor a { r0 = choose 3; }").finalStates().size());
    assertEquals(Set.of("x=2 | a:1,0,0"),
        run("int x = 0; actor a { retry 3 { r0 = x.add(1); } until r0 == 1; }").finalStates());
    assertEquals(Set.of("x=1 | a:1,0,0 c:0,0,0"),
        run("int x = 0; actor a { spawn c; join c; r0 = x.get; } child c { x.set(1); }")
            .finalStates());
    // A spawn before the parent's first operation is start-up: the child's code before its first
    // operation runs after every top-level actor's.
    assertEquals(Set.of("x=1 | a:0,0,0 c:0,0,0"),
        run("int x = 0; actor a { spawn c; r0 = x.peek; } child c { x.poke(1); }").finalStates());
    assertEquals(Set.of("x=0 | a:0,0,0 c-:0,0,0"),
        run("int x = 0; actor a { r0 = x.get; if r0 == 1 { spawn c; } } child c { x.set(1); }")
            .finalStates());
  }
}

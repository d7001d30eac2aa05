package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One small program per row of the dependency relation in docs/explorer.md: each needs the explorer
 * to try both orders of that pair of operations, with block reduction off and on. Each row names an
 * outcome only the reversed order reaches, so agreement with the reference is not vacuous.
 */
class DependencyRelationTest {
  private static final Differential DIFF = new Differential(100_000, Duration.ofSeconds(60));

  static Stream<Arguments> rows() {
    return Stream.of(
        // memory locations
        row("read vs write", "int x = 0; actor a { r0 = x.get; } actor b { x.set(1); }",
            "a:1,0,0"),
        row("write vs write", "int x = 0; actor a { x.set(1); } actor b { x.set(2); }", "x=1 "),
        row("failed compareAndSet is a read",
            "int x = 0; actor a { r0 = x.cas(1, 2); } actor b { x.set(1); }", "x=2 "),
        row("poke inside a step", "int x = 0; int y = 0; actor a { x.set(1); y.poke(1); }"
            + " actor b { r0 = y.get; }", "b:1,0,0"),
        // mutex
        row("lock vs lock", "int x = 0; mutex m; actor a { lock m { x.set(1); } }"
            + " actor b { lock m { r0 = x.get; } }", "b:1,0,0"),
        row("failed trylock vs acquisition and release", "int x = 0; mutex m;"
            + " actor a { lock m { x.set(1); } } actor b { trylock m { } else { x.set(5); } }", "x=5 "),
        row("held-across section vs in-step section", "int x = 0; mutex m;"
            + " actor a { atomic { trylock m { r1 = x.add(1); } else { x.set(9); } } }"
            + " actor b { lock m { r0 = x.get; r1 = x.get; } }", "x=9 "),
        // read-write semaphore
        row("read acquisition vs write acquisition", "int x = 0; rwsem rw unfair;"
            + " actor a { read rw { r0 = x.get; } } actor b { write rw { x.set(1); } }", "a:1,0,0"),
        row("write acquisition vs the trylock that opened a nested hold",
            "rwsem rw unfair; actor a0 { tryread rw { read rw { } } else { assert P: r0 == 1; } }"
            + " actor a1 { write rw { } }", "ASSERTION|P"),
        row("write acquisition vs a nested hold's first acquisition", "int y = 0; rwsem rw unfair;"
            + " actor a { read rw { read rw { r0 = y.add(1); } } } actor b { write rw { r0 = y.add(1); } }",
            "a:1,0,0"),
        row("queueing writer vs nested read (writers preferred)",
            "rwsem rw fair; actor r { read rw { read rw { } } } actor w { write rw { } }",
            "DEADLOCK|L1"),
        row("failed tryDownRead vs writer", "int y = 0; rwsem rw unfair;"
            + " actor a { write rw { } } actor b { tryread rw { } else { y.set(1); } }", "y=1 "),
        row("failed tryDownRead vs queued writer", "int y = 0; int x = 0; rwsem rw fair;"
            + " actor a { read rw { r0 = x.get; } } actor w { write rw { } }"
            + " actor b { tryread rw { } else { y.set(1); } }", "y=1 "),
        row("failed tryDownWrite vs read hold", "int y = 0; rwsem rw unfair;"
            + " actor a { read rw { } } actor b { trywrite rw { } else { y.set(1); } }", "y=1 "),
        // wait queue
        row("registration vs every wake-up",
            "int x = 0; queue q; actor a0 { wake q; } actor a1 { wake q; sleep q; x.set(1); }",
            "x=1 "),
        row("wake-up vs registration (lost wake-up)", "int f = 0; queue q;"
            + " actor w { r0 = f.get; if r0 == 0 { sleep q; } } actor k { f.set(1); wake q; }",
            "DEADLOCK|L4"),
        row("waitUntil over two cells", "int x = 0; int y = 0; queue q;"
            + " actor w { wait q until x == 1 && y == 1; } actor k { x.set(1); wake q; y.set(1); }",
            "DEADLOCK|L4"),
        // choices and actors
        row("choice inside a merged critical section", "int c0 = 0; int c1 = 0; int c2 = 0; mutex m;"
            + " actor a0 { atomic { r0 = c0.cas(1, 1); c2.set(r0); c1.set(2); } }"
            + " actor a1 { c1.set(3); lock m { r0 = choose 2; if r0 == 0 { c0.set(1); } } }"
            + " at end E: c0 != 1 || c1 != 2 || c2 != 0;", "END_CHECK|E"),
        row("choice inside an atomic block", "int y = 0;"
            + " actor a { atomic { r0 = choose 2; if r0 == 1 { y.set(1); } } } invariant I: y != 1;",
            "INVARIANT|I"),
        row("spawn and join", "int x = 0; actor a { spawn c; r0 = x.get; join c; r1 = x.get; }"
            + " child c { x.set(1); }", "a:1,1,0"));
  }

  private static Arguments row(String name, String program, String witness) {
    return Arguments.of(name, program, witness);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void bothOrdersAreExplored(String name, String text, String witness) {
    Program p = ProgramText.parse(text);
    Differential.Comparison c = DIFF.compare(p);
    assertTrue(c.complete(), "too large");
    assertTrue(c.agrees(), () -> c.engine().description() + ":\n" + c.disagreement());
    boolean reached = c.reference().violations().contains(witness);
    for (String s : c.reference().finalStates()) {
      reached |= s.contains(witness);
    }
    assertTrue(reached, "witness '" + witness + "' not reached: " + c.reference());
  }
}

package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MinimiserTest {

  /** A stand-in for a disagreement: some actor sleeps on the queue that some other actor wakes. */
  private static boolean sleepsAndWakes(Program p) {
    String text = ProgramText.print(p);
    return text.contains("sleep q;") && text.contains("wake q;");
  }

  @Test
  void shrinksToTheStatementsThePropertyNeeds() {
    Program big = ProgramText.parse("int x = 0; int y = 0; mutex m; queue q;"
        + " actor a0 { r0 = x.get; lock m { y.set(1); if r0 == 1 { sleep q; } } x.set(2); }"
        + " actor a1 { atomic { r1 = choose 2; wake q; } r2 = y.get; }"
        + " actor a2 { y.set(3); }"
        + " invariant I: x != 5;");
    Program small = new Minimiser(MinimiserTest::sleepsAndWakes).minimise(big);
    assertEquals(ProgramText.parse("queue q;"
        + " actor a0 { sleep q; } actor a1 { wake q; }"), small);
  }
}

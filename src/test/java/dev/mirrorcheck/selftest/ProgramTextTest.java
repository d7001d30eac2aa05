package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgramTextTest {

  @Test
  void generatedProgramsSurviveAPrintParseRoundTrip() {
    ProgramGenerator gen = ProgramGenerator.all();
    for (long seed = 1; seed <= 300; seed++) {
      Program p = gen.generate(seed);
      String text = ProgramText.print(p);
      assertEquals(p, ProgramText.parse(text), text);
    }
  }

  @Test
  void errorsNameTheLine() {
    assertProblem("int x = 0;\nactor a {\n  r0 = y.get;\n}", "line 3: unknown cell 'y'");
    assertProblem("bool b = 0;\nactor a {\n  r0 = b.add(1);\n}", "line 3: bool cells have no add");
    assertProblem("int x = 0;\nactor a {\n  r5 = x.get;\n}", "line 3: no register r5");
    assertProblem("mutex m;\nactor a { lock n { } }", "line 2: unknown mutex 'n'");
    assertProblem("int x = 0;\nactor a { }\ninvariant I: r0 == 1;",
        "line 3: a state condition cannot read register r0");
    assertProblem("int x = 0;\nint x = 1;\nactor a { }", "line 2: 'x' is declared twice");
    assertProblem("int x = 0;", "no actor");
    assertProblem("actor a { spawn a; }", "'a' is not a child actor");
  }

  private static void assertProblem(String text, String expected) {
    ProgramText.ParseException e =
        assertThrows(ProgramText.ParseException.class, () -> ProgramText.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.selftest.Differential;
import dev.mirrorcheck.selftest.Feature;
import dev.mirrorcheck.selftest.ProgramText;
import dev.mirrorcheck.selftest.Selftest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelftestCommandTest {

  @Test
  void aShortRunAgreesAndCountsFeatures(@TempDir Path dir) {
    CliRun r = CliRun.of("selftest", "--programs", "15", "--seed", "3", "--out", dir.toString());
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("programs: 15 generated, 15 compared"), r::toString);
    assertTrue(r.out.contains("features (programs compared that use each):"), r::toString);
    // the default reduction, optimal DPOR (which gives way where a step is context-dependent)
    assertTrue(r.out.contains("RESULT: the explorer (optimal DPOR, block reduction off and on) "
        + "agrees with the reference on all 15 programs"), r::toString);
    assertTrue(r.out.contains("of 30 runs stayed optimal"), r::toString);
  }

  @Test
  void reduceChoosesTheVariantsAndOptimalRunsAreCounted(@TempDir Path dir) {
    // 27009607 (selftest/optimal-guard): optimal DPOR alone once missed a state; it now gives way
    CliRun source = CliRun.of("selftest", "--programs", "1", "--seed", "27009607", "--reduce",
        "source", "--out", dir.toString());
    assertEquals(0, source.exit, source::toString);
    assertTrue(source.out.contains("RESULT: the explorer (source-DPOR, block reduction off and on)"
        + " agrees with the reference on all 1 programs"), source::toString);
    assertFalse(source.out.contains("stayed optimal"), source::toString);
    CliRun optimal = CliRun.of("selftest", "--programs", "1", "--seed", "27009607", "--reduce",
        "optimal", "--out", dir.toString());
    assertEquals(0, optimal.exit, optimal::toString);
    assertTrue(optimal.out.contains("optimal DPOR: 0 of 2 runs stayed optimal"), optimal::toString);
    CliRun bad = CliRun.of("selftest", "--reduce", "fast");
    assertEquals(2, bad.exit);
    assertEquals("mirrorcheck: --reduce must be source, optimal or both, got 'fast'\n", bad.err);
  }

  @Test
  void featuresLimitTheGenerator(@TempDir Path dir) {
    CliRun r = CliRun.of("selftest", "--programs", "10", "--features", "sleep,wake",
        "--out", dir.toString());
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("features sleep, wake"), r::toString);
    assertTrue(!r.out.contains("  rwsem"), r::toString);
  }

  @Test
  void badOptionsAreOneLineUsageErrors() {
    CliRun unknown = CliRun.of("selftest", "--features", "mutex,nope");
    assertEquals(2, unknown.exit);
    assertTrue(unknown.err.startsWith("mirrorcheck: unknown feature 'nope' for --features (known: "),
        unknown::toString);
    CliRun zero = CliRun.of("selftest", "--programs", "0");
    assertEquals(2, zero.exit);
    assertEquals("mirrorcheck: --programs must be in 1..10000000, got 0\n", zero.err);
  }

  @Test
  void aDisagreementIsPrintedWithItsMinimisedProgramAndSaved(@TempDir Path dir) throws IOException {
    var program = ProgramText.parse("int x = 0; actor a { x.set(1); }");
    Selftest.Report report = new Selftest.Report(1, 1, 0, Map.of(Feature.ATOMIC, 1),
        List.of(new Selftest.Disagreement(42, program, program, Differential.Engine.REDUCED,
            "  missed final state: x=1 | a:0,0,0\n")), false, 10, 0, 0);
    StringWriter out = new StringWriter();
    int exit = SelftestCommand.report(report, new PrintWriter(out, true), dir);
    assertEquals(1, exit);
    String text = out.toString();
    assertTrue(text.contains("DISAGREEMENT #1: seed 42, explorer (source-DPOR) with block reduction differs from "
        + "the reference:\n  missed final state: x=1 | a:0,0,0\nminimised program:\n  int x = 0;"),
        text);
    assertTrue(text.endsWith("RESULT: 1 disagreement(s)\n"), text);
    Path saved = dir.resolve("disagreement-seed42.prog");
    assertEquals(program, ProgramText.parse(Files.readString(saved)));
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --jpf}: Java PathFinder's verdict, states and time next to ours, per configuration. */
class BenchJpfTest {
  @TempDir Path dir;

  @Test
  void jpfRunsEveryCalibrationConfigurationBesideOurs() throws Exception {
    Path home = FakeRunJpf.home(dir);
    CliRun r = CliRun.of("bench", "--quick", "--jpf", "--jpf-home", home.toString(),
        "--jpf-budget", "60");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("JPF states") && r.out.contains("speed-up"), r::toString);
    int rows = 0;
    for (String line : r.out.split("\n")) {
      if (line.startsWith("correct ") || line.startsWith("buggy ")) {
        rows++;
        // The fake reports 1,234 states; buggy targets get an S3 error, the rest none.
        assertTrue(line.contains("1,234") && line.trim().endsWith("agree"), line);
        assertTrue(line.contains(line.startsWith("buggy") ? "1 error(s)" : "no errors"), line);
      }
    }
    assertEquals(BenchCase.CALIBRATION.size(), rows, r::toString);
    assertTrue(r.err.contains("JPF on buggy 2 pages / 1 faulter(s)"), r::toString);
  }

  @Test
  void jpfOptionsNeedJpf() {
    CliRun r = CliRun.of("bench", "--quick", "--jpf-budget", "10");
    assertEquals(2, r.exit, r::toString);
    assertEquals("mirrorcheck: --jpf-budget goes with --jpf", r.errorLines()[0]);
    CliRun zero = CliRun.of("bench", "--quick", "--jpf", "--jpf-home", dir.toString(),
        "--jpf-budget", "0");
    assertEquals(2, zero.exit, zero::toString);
    assertEquals("mirrorcheck: --jpf-budget must be in 1..86400 seconds, got 0",
        zero.errorLines()[0]);
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick deterministic slice of {@code mirrorcheck fuzz}: a fixed seed, a few generated
 * scenarios of every design on the correct protocol, no new finding (a finding the spec library
 * documents as an expected violation is listed as known). {@code -Dfuzz.scenarios=N} runs longer.
 */
class FuzzSliceTest {
  static final String SEED = System.getProperty("fuzz.seed", "20261206");
  static final String SCENARIOS = System.getProperty("fuzz.scenarios", "4");

  @TempDir Path tmp;

  @Test
  void theCorrectProtocolShowsNoNewFindingOnEveryDesign() {
    CliRun r = CliRun.of("fuzz", "--seed", SEED, "--scenarios", SCENARIOS, "--per-scenario", "20",
        "--time-limit", "600", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    Matcher m = Pattern.compile("fuzz: ([\\d,]+) scenarios \\((.*)\\), ([\\d,]+) executions")
        .matcher(r.out);
    assertTrue(m.find(), r.out);
    int n = Integer.parseInt(SCENARIOS);
    assertEquals(4 * n, Integer.parseInt(m.group(1).replace(",", "")), r.out);
    for (String design : new String[] {"modern", "odp", "hmm2015", "legacy-odp"}) {
      assertTrue(m.group(2).contains(design + " " + n), "every design: " + r.out);
    }
    assertTrue(Long.parseLong(m.group(3).replace(",", "")) > 0, r.out);
    assertTrue(r.out.contains("fuzz: 0 new finding(s)"), r.out);
  }
}

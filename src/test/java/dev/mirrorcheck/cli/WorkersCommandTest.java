package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --workers}: a library scenario on two workers, and the flag's input errors. */
class WorkersCommandTest {
  @TempDir Path tmp;

  @Test
  void twoWorkersCompleteAsManyExecutionsAsOne() throws Exception {
    JsonNode one = stats("1");
    JsonNode two = stats("2");
    assertTrue(one.path("completed").asLong() > 1000, one::toString);
    assertEquals(one.path("completed").asLong(), two.path("completed").asLong(), two::toString);
  }

  private JsonNode stats(String workers) throws Exception {
    CliRun r = CliRun.of("check", "specs/two_madvises_vs_fault.yaml", "--workers", workers,
        "--out", tmp.resolve(workers).toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    JsonNode spec = new ObjectMapper().readTree(r.runDir().resolve("run.json").toFile())
        .path("specs").path(0);
    if (!workers.equals("1")) {
      assertTrue(spec.path("engine").asText().endsWith(", " + workers + " workers"), spec::toString);
    }
    return spec.path("statistics");
  }

  /**
   * hmm2015_close_vs_exit expects S2, but its executions violate S3, S1 and L1 too; which one two
   * workers meet first depends on the timing, so the search stops on an expected property, and its
   * timing-dependent count is not held against the baseline.
   */
  @Test
  void aSpecExpectingOneOfSeveralViolationsGetsItOnTwoWorkers() {
    for (int run = 0; run < 2; run++) {
      CliRun r = CliRun.of("check", "specs/hmm2015_close_vs_exit.yaml", "--workers", "2",
          "--out", tmp.resolve("close" + run).toString());
      assertEquals(ExitCode.PASS, r.exit, r.toString());
      assertTrue(r.out.contains("EXPECTED VIOLATION") && r.out.contains("S2"), r.out);
      assertTrue(!r.out.contains("explored fewer"), r.out);
    }
  }

  @Test
  void optimalOnSeveralWorkersRunsSourceAndSaysSo() {
    CliRun r = CliRun.of("check", "specs/anon_teardown.yaml", "specs/anon_read.yaml", "--workers",
        "2", "--reduce", "optimal", "--out", tmp.resolve("optimal").toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    String note = "note: parallel runs use source-DPOR";
    assertTrue(r.err.contains(note), r.err);
    assertEquals(r.err.indexOf(note), r.err.lastIndexOf(note), "said once: " + r.err);
  }

  @Test
  void badWorkerCountsAreOneLineErrors() {
    CliRun zero = CliRun.of("check", "specs/anon_teardown.yaml", "--workers", "0");
    assertEquals(ExitCode.USAGE, zero.exit, zero.toString());
    assertTrue(zero.err.contains("--workers: workers must be in 1..256, got 0"), zero.err);
    CliRun bench = CliRun.of("bench", "--scale", "--max-workers", "0");
    assertEquals(ExitCode.USAGE, bench.exit, bench.toString());
    assertTrue(bench.err.contains("--max-workers must be in 1..256, got 0"), bench.err);
    CliRun alone = CliRun.of("bench", "--max-workers", "2");
    assertEquals(ExitCode.USAGE, alone.exit, alone.toString());
    assertTrue(alone.err.contains("--max-workers goes with --scale"), alone.err);
    CliRun symmetryAlone = CliRun.of("bench", "--symmetry", "off");
    assertEquals(ExitCode.USAGE, symmetryAlone.exit, symmetryAlone.toString());
    assertTrue(symmetryAlone.err.contains("--symmetry goes with --scale"), symmetryAlone.err);
    CliRun badSymmetry = CliRun.of("bench", "--scale", "--symmetry", "sideways");
    assertEquals(ExitCode.USAGE, badSymmetry.exit, badSymmetry.toString());
    assertEquals("mirrorcheck: --symmetry must be off, start or states, got 'sideways'\n",
        badSymmetry.err);
  }
}

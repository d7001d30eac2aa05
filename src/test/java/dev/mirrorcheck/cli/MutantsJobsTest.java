package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mutants --jobs N} prints exactly what one job prints, whichever run finishes first. */
class MutantsJobsTest {
  @TempDir Path tmp;

  @Test
  void jobsChangeNothingButTheTime() {
    String one = withoutTimes(run("1"));
    String three = withoutTimes(run("3")); // more jobs than specs: some idle
    assertEquals(one, three);
    assertTrue(one.contains("M4   killed by"), one);
  }

  @Test
  void jobsOutOfRangeIsAUsageError() {
    CliRun r = CliRun.of("mutants", "--quick", "--jobs", "65", "specs/anon_teardown.yaml");
    assertEquals(ExitCode.USAGE, r.exit);
    assertEquals("mirrorcheck: --jobs must be 1..64, got 65", r.err.strip());
  }

  private CliRun run(String jobs) {
    CliRun r = CliRun.of("mutants", "--quick", "--jobs", jobs, "--out", tmp.resolve(jobs).toString(),
        "specs/anon_teardown.yaml", "specs/odp_teardown.yaml");
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString()); // three specs cannot kill every mutation
    return r;
  }

  /** The output without wall times and the run directory's name. */
  private static String withoutTimes(CliRun r) {
    return r.out.replaceAll(" +[\\d.]+ s\\n", "\n").replaceAll("kill matrix: .*", "");
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario listing several designs is checked in each; the 2015 and legacy variants have their own
 * property checks and mutations, and their counterexamples replay in the design they were found in.
 */
class DesignVariantsTest {
  @TempDir Path tmp;

  @Test
  void checkRunsTheScenarioInEveryDesignItLists() {
    CliRun r = CliRun.of("check", "specs/odp_madvise_teardown.yaml", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertTrue(r.out.matches("(?s).*odp_madvise_teardown\\s+odp\\s+PASS.*"), r.out);
    assertTrue(r.out.matches("(?s).*odp_madvise_teardown@hmm2015\\s+hmm2015\\s+PASS.*"), r.out);
    assertTrue(r.out.matches("(?s).*odp_madvise_teardown@legacy-odp\\s+legacy-odp\\s+PASS.*"), r.out);
    assertTrue(r.out.contains("summary: 3 pass (exit code 0)"), r.out);
  }

  @Test
  void aFindingKeptAsAnExpectedViolationPassesCheck() {
    CliRun r = CliRun.of("check", "specs/odp_fault_vs_exit.yaml", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertTrue(r.out.matches("(?s).*odp_fault_vs_exit@hmm2015\\s+hmm2015\\s+EXPECTED VIOLATION S1 .*"),
        r.out);
  }

  @Test
  void legacyRetrySoundnessFiresOnlyWithTheLegacyPredicateBroken() {
    CliRun ok = CliRun.of("check", "specs/odp_teardown.yaml", "--property", "S7", "--out",
        tmp.toString());
    assertEquals(ExitCode.PASS, ok.exit, ok.toString());
    CliRun bad = CliRun.of("check", "specs/odp_teardown.yaml", "--property", "S7", "--mutation",
        "M7", "--out", tmp.toString());
    assertEquals(ExitCode.VIOLATION, bad.exit, bad.toString());
    assertTrue(bad.out.matches("(?s).*odp_teardown@legacy-odp\\s+legacy-odp\\s+VIOLATION FOUND S7.*"),
        bad.out);
  }

  @Test
  void aHmm2015CounterexampleReplaysInTheHmm2015Design() throws Exception {
    CliRun r = CliRun.of("check", "specs/odp_madvise_teardown.yaml", "--mutation", "M25", "--out",
        tmp.toString());
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertTrue(r.out.contains("skipped: the mutation does not apply to design odp"), r.out);
    Path cx = r.runDir().resolve("odp_madvise_teardown_hmm2015/counterexample-1.json");
    assertTrue(Files.isRegularFile(cx), cx.toString());
    assertTrue(Files.readString(cx).contains("hmm2015"), "the file names the design");
    CliRun replay = CliRun.of("replay", cx.toString());
    assertEquals(ExitCode.VIOLATION, replay.exit, replay.toString());
    assertTrue(replay.out.contains("reproduced"), replay.out);
  }
}

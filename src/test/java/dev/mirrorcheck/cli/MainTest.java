package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process: exit codes, reports, counterexample files, one-line errors. */
class MainTest {
  @TempDir Path dir;

  @Test
  void correctCalibrationPasses() {
    CliRun r = CliRun.of("calibration", "--pages", "2", "--faulters", "1", "--out", dir.toString());
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("====== results\nno errors detected"), r::toString);
    assertTrue(r.out.contains("====== statistics"), r::toString);
    assertTrue(r.out.contains("search finished: PASS"), r::toString);
    assertEquals(0, r.errorLines().length, r::toString);
  }

  @Test
  void buggyCalibrationWritesACounterexampleThatReplayReproduces() throws IOException {
    CliRun found = CliRun.of("calibration", "--pages", "2", "--faulters", "1", "--buggy",
        "--out", dir.toString());
    assertEquals(1, found.exit, found::toString);
    assertTrue(found.out.contains("error #1: ASSERTION S3 in device"), found::toString);
    assertTrue(found.out.contains("step log (replayed):"), found::toString);
    List<Path> files = jsonFiles();
    assertEquals(1, files.size(), files::toString);
    assertTrue(found.out.contains("replay " + CounterexampleOutput.display(files.get(0))),
        found::toString);

    CliRun replay = CliRun.of("replay", files.get(0).toString());
    assertEquals(1, replay.exit, replay::toString);
    assertTrue(replay.out.contains("reproduced: ASSERTION S3 in device"), replay::toString);
    assertTrue(replay.out.contains("device:read_freed"), replay::toString);
  }

  @Test
  void malformedCounterexampleIsOneLineExitTwo() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"format\": \"mirrorcheck-counterexample/1\",\n  \"harness\": {\n");
    CliRun r = CliRun.of("replay", bad.toString());
    assertEquals(2, r.exit, r::toString);
    assertOneLineError(r);
    assertTrue(r.err.contains(bad.toString()) && r.err.contains("line 4"), r::toString);
    assertTrue(r.err.contains("malformed JSON"), r::toString);
  }

  @Test
  void counterexampleWithAWrongFieldNamesTheField() throws IOException {
    Path bad = dir.resolve("wrong.json");
    Files.writeString(bad, "{\"format\": \"mirrorcheck-counterexample/1\", "
        + "\"harness\": {\"kind\": \"calibration\", \"params\": {}}, "
        + "\"violation\": {\"kind\": \"ASSERTION\", \"message\": \"m\", \"steps\": 1}, "
        + "\"schedule\": [{\"actor\": \"two\"}]}");
    CliRun r = CliRun.of("replay", bad.toString());
    assertEquals(2, r.exit, r::toString);
    assertOneLineError(r);
    assertTrue(r.err.contains("schedule[0].actor"), r::toString);
  }

  @Test
  void unknownHarnessKindIsAUsageError() throws IOException {
    Path bad = dir.resolve("kind.json");
    Files.writeString(bad, "{\"format\": \"mirrorcheck-counterexample/1\", "
        + "\"harness\": {\"kind\": \"nosuch\", \"params\": {}}, "
        + "\"violation\": {\"kind\": \"ASSERTION\", \"message\": \"m\", \"steps\": 0}, "
        + "\"schedule\": []}");
    CliRun r = CliRun.of("replay", bad.toString());
    assertEquals(2, r.exit, r::toString);
    assertOneLineError(r);
    assertTrue(r.err.contains("unknown harness kind 'nosuch'"), r::toString);
  }

  @Test
  void outOfRangeMaxStepsIsAUsageError() {
    CliRun r = CliRun.of("calibration", "--pages", "2", "--faulters", "1", "--max-steps", "0");
    assertEquals(2, r.exit, r::toString);
    assertOneLineError(r);
    assertTrue(r.err.contains("--max-steps"), r::toString);
    assertTrue(r.out.isEmpty(), r::toString);
  }

  @Test
  void unparsableOptionValueIsAUsageError() {
    CliRun r = CliRun.of("calibration", "--faulters", "many");
    assertEquals(2, r.exit, r::toString);
    assertOneLineError(r);
  }

  @Test
  void reachingTheStepBoundIsNeverAPass() {
    CliRun r = CliRun.of("calibration", "--pages", "2", "--faulters", "1", "--max-steps", "5",
        "--out", dir.toString());
    assertEquals(3, r.exit, r::toString);
    assertTrue(r.out.contains("NOT A PASS"), r::toString);
    assertFalse(r.out.contains("search finished: PASS"), r::toString);
  }

  @Test
  void noCommandAndUnknownCommandAreUsageErrors() {
    CliRun none = CliRun.of();
    assertEquals(2, none.exit, none::toString);
    assertOneLineError(none);
    CliRun unknown = CliRun.of("frobnicate");
    assertEquals(2, unknown.exit, unknown::toString);
    assertOneLineError(unknown);
  }

  @Test
  void helpHasExamplesAndExitCodesAndStatesTheRealDefaultStepBound() {
    CliRun r = CliRun.of("calibration", "--help");
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("Examples:") && r.out.contains("Exit codes:"), r::toString);
    // The flag's description quotes the default; it must stay the explorer's.
    assertTrue(r.out.contains("Default: " + ExplorerOptions.defaults().maxSteps() + "."), r::toString);
    assertEquals(0, CliRun.of("--version").exit);
  }

  private static void assertOneLineError(CliRun r) {
    String[] lines = r.errorLines();
    assertEquals(1, lines.length, r::toString);
    assertTrue(lines[0].startsWith("mirrorcheck: "), r::toString);
    assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r::toString);
  }

  private List<Path> jsonFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
  }
}

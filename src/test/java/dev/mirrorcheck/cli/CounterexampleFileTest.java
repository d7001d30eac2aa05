package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Decision;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.StepLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterexample files survive a write and a read unchanged (they live in {@code explore}; the test
 * sits here because the explorer's test package belongs to the explorer's own suite).
 */
class CounterexampleFileTest {
  @TempDir Path dir;

  @Test
  void roundTripOfARealCounterexampleWithItsStepLog() throws IOException {
    MirrorCalibration harness = new MirrorCalibration(2, 1, true);
    Explorer explorer = new Explorer(ExplorerOptions.defaults());
    Result result = explorer.explore(harness);
    Finding finding = result.findings().get(0);
    Replay replay = explorer.replay(harness, finding.schedule());
    HarnessRef ref = HarnessRef.builder("calibration").param("pages", 2).param("faulters", 1)
        .param("variant", "buggy").build();
    Counterexample written = Counterexample.of(ref, finding, replay.steps());

    Path file = dir.resolve("sub/cx.json");
    CounterexampleFile.write(file, written);
    Counterexample read = CounterexampleFile.read(file);

    assertEquals(ref, read.harness());
    assertEquals(List.of("pages", "faulters", "variant"),
        List.copyOf(read.harness().params().keySet()));
    assertSameFinding(finding, read.finding());
    List<StepLog.Step> expected = replay.steps();
    List<StepLog.Step> actual = read.steps().orElseThrow();
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).toString(), actual.get(i).toString());
    }
    String json = Files.readString(file);
    assertTrue(json.contains("\"format\": \"" + CounterexampleFile.FORMAT + "\""), json);
    assertTrue(json.contains("\"replay\": \"./mirrorcheck replay " + file + "\""), json);
  }

  @Test
  void roundTripOfChoicesNullsAndNoStepLog() throws IOException {
    Finding finding = new Finding(Finding.Kind.DEADLOCK, null, "no actor can run; \"a\" waits",
        null, List.of(Decision.run(0, "a"), Decision.choice(2), Decision.run(1, "b")), 2);
    Counterexample written = Counterexample.of(HarnessRef.builder("calibration").build(), finding);
    Path file = dir.resolve("cx.json");
    CounterexampleFile.write(file, written);
    Counterexample read = CounterexampleFile.read(file);
    assertSameFinding(finding, read.finding());
    assertTrue(read.harness().params().isEmpty());
    assertFalse(read.steps().isPresent());
  }

  @Test
  void invalidFilesGiveOneLineMessagesNamingTheProblem() throws IOException {
    assertInvalid("", "empty file");
    assertInvalid("{\"format\": \"mirrorcheck-counterexample/1\",", "line 1");
    assertInvalid("{\"format\": \"other/2\"}", "unsupported format");
    assertInvalid("{\"harness\": {}}", "not a mirrorcheck counterexample");
    assertInvalid("{\"format\": \"mirrorcheck-counterexample/1\", \"harness\": {\"kind\": \"c\"}, "
        + "\"violation\": {\"kind\": \"OOPS\", \"message\": \"m\", \"steps\": 1}, \"schedule\": []}",
        "violation.kind: unknown kind \"OOPS\"");
    assertInvalid("{\"format\": \"mirrorcheck-counterexample/1\", \"harness\": {\"kind\": \"c\"}, "
        + "\"violation\": {\"kind\": \"ASSERTION\", \"message\": \"m\", \"steps\": -1}, "
        + "\"schedule\": []}", "violation.steps: expected an integer");
    assertInvalid("{\"format\": \"mirrorcheck-counterexample/1\", \"harness\": {\"kind\": \"c\"}, "
        + "\"violation\": {\"kind\": \"ASSERTION\", \"message\": \"m\", \"steps\": 1}, "
        + "\"schedule\": [{}]}", "schedule[0]: needs \"actor\"");
    CounterexampleFile.InvalidFileException missing = assertThrows(
        CounterexampleFile.InvalidFileException.class,
        () -> CounterexampleFile.read(dir.resolve("absent.json")));
    assertTrue(missing.getMessage().endsWith("absent.json: no such file"), missing.getMessage());
  }

  private void assertInvalid(String content, String expected) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, content);
    CounterexampleFile.InvalidFileException e = assertThrows(
        CounterexampleFile.InvalidFileException.class, () -> CounterexampleFile.read(file));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static void assertSameFinding(Finding expected, Finding actual) {
    assertEquals(expected.kind(), actual.kind());
    assertEquals(expected.property(), actual.property());
    assertEquals(expected.message(), actual.message());
    assertEquals(expected.actor(), actual.actor());
    assertEquals(expected.steps(), actual.steps());
    assertEquals(expected.schedule(), actual.schedule());
    assertEquals(expected.schedule().toString(), actual.schedule().toString()); // actor names too
    assertEquals(expected.key(), actual.key());
  }
}

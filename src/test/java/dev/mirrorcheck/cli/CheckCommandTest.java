package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}, {@code list}, {@code report}: verdicts, exit codes, reports, input errors. */
class CheckCommandTest {
  @TempDir Path tmp;

  @Test
  void aCorrectSpecPassesAndGetsItsReports() throws Exception {
    CliRun r = CliRun.of("check", "specs/anon_teardown.yaml", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertTrue(r.out.contains("anon_teardown") && r.out.contains("PASS"), r.out);
    assertTrue(r.out.contains("summary: 1 pass (exit code 0)"), r.out);
    Path run = r.runDir();
    for (String f : new String[] {"index.html", "run.json", "anon_teardown/report.md",
        "anon_teardown/report.html", "anon_teardown/report.json"}) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    JsonNode spec = new ObjectMapper().readTree(run.resolve("anon_teardown/report.json").toFile())
        .path("specs").path(0);
    assertEquals("PASS", spec.path("verdict").path("status").asText());
    assertTrue(spec.path("properties").size() >= 10, "every applicable property has a verdict");
  }

  @Test
  void aMutationIsCaughtWithAReplayableCounterexample() throws Exception {
    CliRun r = CliRun.of("check", "specs/anon_teardown.yaml", "--mutation", "M4", "--out",
        tmp.toString());
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertTrue(r.out.contains("VIOLATION FOUND S1 ("), r.out);
    Path cx = r.runDir().resolve("anon_teardown/counterexample-1.json");
    assertTrue(Files.isRegularFile(cx));
    CliRun replay = CliRun.of("replay", cx.toString());
    assertEquals(ExitCode.VIOLATION, replay.exit, replay.toString());
    assertTrue(replay.out.contains("reproduced"), replay.out);
    String html = Files.readString(r.runDir().resolve("anon_teardown/report.html"));
    assertTrue(html.contains("<svg"), "the counterexample is drawn");
  }

  @Test
  void aVacuousPassIsNotAPass() throws Exception {
    Path spec = tmp.resolve("vacuous.yaml");
    Files.writeString(spec, String.join("\n", "# reaches no device fault at all",
        "scenario: vacuous", "description: nothing mirrored", "pages: 1",
        "mappings: [{anon: 0, perm: rw, populate: [1]}]", "actors:", "  cpu: [cpu-read 0 expect 1]",
        "must-reach: [install]", ""));
    CliRun r = CliRun.of("check", spec.toString(), "--out", tmp.toString());
    assertEquals(ExitCode.INCOMPLETE, r.exit, r.toString());
    assertTrue(r.out.contains("VACUOUS PASS: never reached install"), r.out);
  }

  @Test
  void aMalformedSpecIsOneLineWithFileAndLine() throws Exception {
    Path spec = tmp.resolve("bad.yaml");
    Files.writeString(spec, "scenario: bad\npages: 2\nactors:\n  a: [munmap 9]\n");
    CliRun r = CliRun.of("check", spec.toString());
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    String[] lines = r.errorLines();
    assertEquals(1, lines.length, r.err);
    assertTrue(lines[0].startsWith("mirrorcheck: " + spec + ":4: page 9 is outside"), lines[0]);
    assertFalse(r.err.contains("Exception"));
  }

  @Test
  void unknownPropertiesAndMutationsAreUsageErrors() {
    CliRun p = CliRun.of("check", "specs/anon_teardown.yaml", "--property", "S99");
    assertEquals(ExitCode.USAGE, p.exit);
    assertTrue(p.err.contains("S99") && p.err.contains("S1"), p.err);
    CliRun m = CliRun.of("check", "specs/anon_teardown.yaml", "--mutation", "M99");
    assertEquals(ExitCode.USAGE, m.exit);
    assertTrue(m.err.contains("unknown mutation 'M99'"), m.err);
    CliRun missing = CliRun.of("check", "no/such/dir");
    assertEquals(ExitCode.USAGE, missing.exit);
  }

  @Test
  void listNamesEveryCatalogue() {
    CliRun r = CliRun.of("list");
    assertEquals(ExitCode.PASS, r.exit);
    for (String s : new String[] {"S1", "S4b", "L3", "M3", "M28", "device-fault", "odp-prefetch",
        "modern", "odp"}) {
      assertTrue(r.out.contains(s), s);
    }
    assertEquals(ExitCode.USAGE, CliRun.of("list", "colours").exit);
  }

  @Test
  void reportSummarisesTheNewestRun() {
    CliRun c = CliRun.of("check", "specs/odp_teardown.yaml", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, c.exit, c.toString());
    CliRun r = CliRun.of("report", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertTrue(r.out.contains("odp_teardown") && r.out.contains("index: "), r.out);
  }
}

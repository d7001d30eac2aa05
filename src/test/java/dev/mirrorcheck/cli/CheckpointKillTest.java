package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --checkpoint} in a separate JVM, killed with SIGKILL (destroyForcibly) or stopped with
 * SIGTERM mid-run, then {@code check --resume}: the same verdict and counts as an uninterrupted run.
 * Also the one-line refusals of the command line.
 */
class CheckpointKillTest {
  private static final String SPEC = "specs/two_madvises_vs_fault.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static JsonNode whole;

  @BeforeAll
  static void uninterrupted() throws Exception {
    CliRun r = CliRun.of("check", SPEC, "--out", tmp.resolve("whole").toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    whole = outcome(r);
  }

  @Test
  @Timeout(150)
  void killedWithSigkillResumesToTheSameResult() throws Exception {
    Path dir = tmp.resolve("kill");
    // its output to a file: an unread pipe is never drained, and reading it waits for the end
    Process p = underWay(dir, ProcessBuilder.Redirect.to(tmp.resolve("kill.log").toFile()));
    p.destroyForcibly(); // kill -9: no shutdown hook runs
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), () -> log(dir)); // 128 + SIGKILL
    assertFalse(JSON.readTree(file(dir).toFile()).path("finished").asBoolean(), () -> log(dir));
    assertResumesToWhole(dir, "kill");
  }

  @Test
  @Timeout(150)
  void stoppedWithSigtermSavesAndResumesToTheSameResult() throws Exception {
    Path dir = tmp.resolve("term");
    Process p = underWay(dir, ProcessBuilder.Redirect.PIPE);
    long before = JSON.readTree(file(dir).toFile()).path("counts").path("executions").asLong();
    // SIGTERM: a JVM started from a background job inherits SIGINT ignored (CI runs so)
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertTrue(out.contains("mirrorcheck: checkpoint saved in " + dir), out);
    JsonNode saved = JSON.readTree(file(dir).toFile());
    assertFalse(saved.path("finished").asBoolean(), out);
    assertTrue(saved.path("counts").path("executions").asLong() >= before, out);
    assertResumesToWhole(dir, "term");
  }

  @Test
  @Timeout(150)
  void twoWorkersKilledWithSigkillResumeOnOneAndOnThree() throws Exception {
    Path dir = tmp.resolve("kill2");
    Process p = underWay(dir, ProcessBuilder.Redirect.to(tmp.resolve("kill2.log").toFile()),
        "--workers", "2");
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    JsonNode saved = JSON.readTree(file(dir).toFile());
    assertFalse(saved.path("finished").asBoolean(), () -> log(dir));
    assertFalse(saved.path("frontier").isMissingNode(), saved::toString); // several workers' file
    Path copy = tmp.resolve("kill2-copy");
    Files.createDirectories(copy);
    Files.copy(file(dir), file(copy));
    for (String[] run : new String[][] {{dir.toString(), "1"}, {copy.toString(), "3"}}) {
      CliRun r = CliRun.of("check", SPEC, "--resume", run[0], "--workers", run[1], "--out",
          tmp.resolve("kill2-out-" + run[1]).toString());
      assertEquals(ExitCode.PASS, r.exit, r.toString());
      assertEquals(timingFree(whole), timingFree(outcome(r)), r::toString);
    }
  }

  /**
   * What does not depend on the number of workers: the verdict, the completed executions, the
   * properties and which protocol steps ran (not how often: sleep-set-blocked executions vary).
   */
  private static JsonNode timingFree(JsonNode outcome) {
    ObjectNode out = JSON.createObjectNode();
    out.set("verdict", outcome.path("verdict"));
    out.set("completed", outcome.path("statistics").path("completed"));
    out.set("properties", outcome.path("properties"));
    JsonNode coverage = outcome.path("coverage").deepCopy();
    withoutCounts(coverage);
    out.set("coverage", coverage);
    return out;
  }

  private static void withoutCounts(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove("count");
    }
    n.forEach(CheckpointKillTest::withoutCounts);
  }

  @Test
  void refusalsAreOneLineErrors() throws Exception {
    Path dir = tmp.resolve("refuse");
    CliRun first = CliRun.of("check", "specs/anon_teardown.yaml", "--checkpoint", dir.toString(),
        "--out", tmp.resolve("r0").toString());
    assertEquals(ExitCode.PASS, first.exit, first.toString());
    assertRefused(tmp.resolve("nothing") + ": no checkpoint to resume", "check", "specs/anon_teardown.yaml",
        "--resume", tmp.resolve("nothing").toString());
    assertRefused("the checkpoint was written with other options", "check",
        "specs/anon_teardown.yaml", "--resume", dir.toString(), "--max-steps", "123");
    assertRefused("belongs to another scenario or spec file content", "check",
        "specs/anon_teardown.yaml", "--resume", dir.toString(), "--mutation", "M3");
    assertRefused("a checkpoint of a scenario or design this run does not check", "check",
        "specs/anon_read.yaml", "--resume", dir.toString());
    Path plainFile = Files.writeString(tmp.resolve("plain"), "x");
    assertRefused("--checkpoint " + plainFile + ": cannot create the directory", "check",
        "specs/anon_teardown.yaml", "--checkpoint", plainFile.toString());
    Path file = dir.resolve("anon_teardown.modern" + CheckpointDir.SUFFIX);
    Files.writeString(file, "{\"format\": \"something else\"}");
    assertRefused(file + ": not a readable mirrorcheck checkpoint", "check",
        "specs/anon_teardown.yaml", "--resume", dir.toString());
    // a changed spec text is another exploration
    Path spec = tmp.resolve("anon_teardown.yaml");
    Files.writeString(spec, Files.readString(Path.of("specs/anon_teardown.yaml")) + "\n# edited\n");
    CliRun again = CliRun.of("check", "specs/anon_teardown.yaml", "--checkpoint", dir.toString(),
        "--out", tmp.resolve("r1").toString());
    assertEquals(ExitCode.PASS, again.exit, again.toString());
    assertRefused("belongs to another scenario or spec file content", "check", spec.toString(),
        "--resume", dir.toString());
  }

  private static Path file(Path dir) {
    return dir.resolve("two_madvises_vs_fault.modern" + CheckpointDir.SUFFIX);
  }

  /**
   * Starts {@code check --checkpoint DIR} in a JVM of its own and returns once it has saved a
   * search well under way. The child runs interpreted (-Xint), so that even a fast machine leaves
   * seconds between that checkpoint and the end of the search.
   */
  private static Process underWay(Path dir, ProcessBuilder.Redirect out, String... more)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xint", "-Xss4m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "check", SPEC,
        "--checkpoint", dir.toString(), "--checkpoint-every", "1",
        "--out", dir.resolveSibling(dir.getFileName() + "-child").toString()));
    cmd.addAll(List.of(more));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        JsonNode n = JSON.readTree(file(dir).toFile());
        if (!n.path("finished").asBoolean()
            && n.path("counts").path("executions").asLong() >= 100) {
          return p;
        }
      } catch (java.io.IOException e) {
        // not written yet (a file is renamed into place whole, never seen half-written)
      }
      Thread.sleep(20);
    }
    p.destroyForcibly();
    throw new AssertionError("no checkpoint of a search under way: " + log(dir));
  }

  private static void assertRefused(String message, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertEquals(1, r.errorLines().length, r.toString());
    assertTrue(r.err.contains(message), r.toString());
  }

  private static void assertResumesToWhole(Path dir, String name) throws Exception {
    CliRun r = CliRun.of("check", SPEC, "--resume", dir.toString(), "--out",
        tmp.resolve(name + "-out").toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertEquals(whole, outcome(r));
  }

  /** The spec's verdict, counts, properties and coverage, without the figures of time and memory. */
  private static JsonNode outcome(CliRun r) throws Exception {
    JsonNode spec = JSON.readTree(r.runDir().resolve("run.json").toFile()).path("specs").path(0);
    ObjectNode out = JSON.createObjectNode();
    out.set("verdict", spec.path("verdict"));
    ObjectNode stats = spec.path("statistics").deepCopy();
    stats.remove(List.of("wallMillis", "peakHeapBytes", "executionsPerSecond"));
    out.set("statistics", stats);
    out.set("properties", spec.path("properties"));
    out.set("coverage", spec.path("coverage"));
    assertTrue(stats.path("completed").asLong() > 3000, spec::toString);
    return out;
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolveSibling(dir.getFileName() + ".log"));
    } catch (java.io.IOException e) {
      return "(no output: " + e + ")";
    }
  }
}

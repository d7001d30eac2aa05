package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check DIR} as a batch: every spec is validated before any runs, every malformed file is
 * reported together, {@code --keep-going} checks the rest, and a run stopped half-way still writes
 * the reports of the specs that finished.
 */
class CheckBatchTest {
  @TempDir Path tmp;

  private static final String GOOD = "scenario: %s\npages: 1\nmappings: [{anon: 0, populate: [1]}]\n"
      + "actors:\n  a: [cpu-read 0 expect 1]\n";

  private Path specs() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("specs"));
    Files.writeString(dir.resolve("a_good.yaml"), String.format(GOOD, "good"));
    Files.writeString(dir.resolve("b_bad_op.yaml"), "scenario: bad1\npages: 1\nactors:\n  a: [mumnap 0]\n");
    Files.writeString(dir.resolve("c_bad_property.yaml"), String.format(GOOD, "bad2")
        + "properties: [S1, S77]\n");
    return dir;
  }

  @Test
  void everyMalformedSpecIsReportedAndNothingRuns() throws Exception {
    Path dir = specs();
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("check", dir.toString(), "--out", out.toString());
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.err.contains("b_bad_op.yaml:4: unknown operation 'mumnap'"), r.err);
    assertTrue(r.err.contains("c_bad_property.yaml:6: unknown property 'S77'"), r.err);
    assertTrue(r.err.contains("2 problems in the spec files; nothing was run"), r.err);
    assertFalse(r.out.contains("good"), "nothing was checked: " + r.out);
    assertFalse(Files.exists(out), "no run directory");
  }

  @Test
  void keepGoingChecksTheOthersAndStillFails() throws Exception {
    Path dir = specs();
    CliRun r = CliRun.of("check", dir.toString(), "--keep-going", "--out", tmp.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.out.contains("good") && r.out.contains("PASS"), r.out);
    assertTrue(r.err.contains("unknown operation 'mumnap'") && r.err.contains("S77"), r.err);
    assertTrue(Files.isRegularFile(r.runDir().resolve("good/report.json")));
  }

  /**
   * A run interrupted (Ctrl-C) after its first spec still writes that spec's reports and the index.
   * Runs the command line as a separate process and sends it SIGINT.
   */
  @Test
  @Timeout(120)
  void anInterruptedRunWritesTheFinishedReports() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(dir.resolve("a_quick.yaml"), String.format(GOOD, "quick"));
    // a scenario far too large to finish: fourteen actors' worth of interleavings, no time limit
    StringBuilder slow = new StringBuilder("scenario: slow\npages: 2\nframes: 8\n"
        + "mappings: [{anon: 0..1, perm: rw, populate: [10, 11]}]\nactors:\n");
    for (int i = 0; i < 6; i++) {
      slow.append("  w").append(i).append(": [cpu-write ").append(i % 2).append(' ').append(i)
          .append(", device-read 0..1, madvise-dontneed ").append(i % 2).append("]\n");
    }
    slow.append("bounds: {max-steps: 100000}\n");
    Files.writeString(dir.resolve("b_slow.yaml"), slow);
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "check", dir.toString(),
        "--out", out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    // readLine cannot be interrupted by @Timeout: a watchdog ends the process instead, so a run
    // that never reports the slow spec fails with its output rather than hanging the build
    java.util.concurrent.ScheduledExecutorService watchdog =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(p::destroyForcibly, 100, TimeUnit.SECONDS);
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("slow: ") && line.contains("executions")) {
        break; // the quick spec finished, the slow one is under way
      }
    }
    // Ctrl-C and SIGTERM both run the JVM's shutdown hooks; SIGTERM because a JVM started from a
    // non-interactive background job inherits SIGINT ignored and never sees it (CI runs so)
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    while ((line = lines.readLine()) != null) {
      seen.append(line).append('\n');
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), seen.toString());
    watchdog.shutdownNow();
    assertTrue(seen.toString().contains("interrupted after 1 of 2 spec(s)"), seen.toString());
    File[] runs = out.toFile().listFiles(File::isDirectory);
    assertTrue(runs != null && runs.length == 1, seen.toString());
    Path run = runs[0].toPath();
    assertTrue(Files.isRegularFile(run.resolve("index.html")), seen.toString());
    assertTrue(Files.readString(run.resolve("index.html")).contains("quick"));
    assertTrue(Files.isRegularFile(run.resolve("quick/report.json")));
    assertFalse(Files.exists(run.resolve("slow")), "the unfinished spec has no report");
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bound of the model (counter width, frames, steps, time) never shows up as a protocol violation:
 * each is reported as not a pass (exit 3) with its reason, and the same scenario with the bound
 * lifted gives the protocol's verdict.
 */
class BoundsAreNotViolationsTest {
  @TempDir Path tmp;

  /**
   * A device fault reads the notifier sequence, then two invalidations (madvise twice) run before
   * its read_retry. With a 64-bit sequence the retry always sees them; counting modulo 4 the
   * sequence is back where the fault read it, and the fault maps the frame madvise freed.
   */
  private static final String ABA = "scenario: aba\npages: 1\nframes: 4\n"
      + "mappings: [{anon: 0, perm: rw, populate: [10]}]\n"
      + "actors:\n  fault: [device-fault 0 read]\n"
      + "  cpu: [madvise-dontneed 0, madvise-dontneed 0]\n"
      + "properties: [S1, S3, S7]\n";

  private CliRun check(String name, String text, String... flags) throws Exception {
    Path f = tmp.resolve(name + ".yaml");
    Files.writeString(f, text);
    List<String> args = new ArrayList<>(List.of("check", f.toString(), "--out",
        tmp.resolve("out").toString()));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void aWrappedSequenceIsABoundNeverAViolation() throws Exception {
    CliRun wide = check("aba", ABA);
    assertEquals(ExitCode.PASS, wide.exit, "64-bit sequence: " + wide);
    CliRun narrow = check("aba4", ABA.replace("scenario: aba", "scenario: aba4") + "seq-modulus: 4\n");
    assertEquals(ExitCode.INCOMPLETE, narrow.exit, narrow.toString());
    assertTrue(narrow.out.contains("BOUND") && narrow.out.contains("sequence wrapped"), narrow.out);
    assertFalse(narrow.out.contains("VIOLATION"), narrow.out);
  }

  /**
   * The scenario does reach the race the sequence guards: with M23 (no collision check) the 64-bit
   * run is a violation, the one the wrapped sequence lets through.
   */
  @Test
  void theSameScenarioDoesCatchABrokenRetry() throws Exception {
    CliRun r = check("aba", ABA, "--mutation", "M23");
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertTrue(r.out.contains("VIOLATION FOUND S3"), r.out);
  }

  @Test
  void runningOutOfFramesIsABound() throws Exception {
    String text = "scenario: tight\npages: 2\nframes: 1\n"
        + "mappings: [{anon: 0..1, perm: rw, populate: [10]}]\n"
        + "actors:\n  cpu: [cpu-write 1 5]\n  dev: [device-fault 0 read]\n";
    CliRun r = check("tight", text);
    assertEquals(ExitCode.INCOMPLETE, r.exit, r.toString());
    assertTrue(r.out.contains("BOUND") && r.out.contains("out of system frames"), r.out);
    assertFalse(r.out.contains("VIOLATION"), r.out);
    CliRun roomy = check("roomy", text.replace("tight", "roomy").replace("frames: 1", "frames: 3"));
    assertEquals(ExitCode.PASS, roomy.exit, roomy.toString());
  }

  @Test
  void theStepBoundIsABoundWithTheTraceOfTheExecution() throws Exception {
    String text = "scenario: short\npages: 1\nmappings: [{anon: 0, perm: rw, populate: [10]}]\n"
        + "actors:\n  dev: [device-fault 0 read, dma-read 0 expect 10|fault]\n  cpu: [munmap 0]\n"
        + "bounds: {max-steps: 12}\n";
    CliRun r = check("short", text);
    assertEquals(ExitCode.INCOMPLETE, r.exit, r.toString());
    assertTrue(r.out.contains("BOUND") && r.out.contains("max-steps"), r.out);
    assertFalse(r.out.contains("VIOLATION"), r.out);
    String json = Files.readString(r.runDir().resolve("short/report.json"));
    assertTrue(json.contains("\"boundTrace\" : [ \"") || json.contains("\"boundTrace\":[\""),
        "the report shows the execution that hit the bound: " + json);
  }

  @Test
  void aTimeLimitIsIncompleteNeverAPass() throws Exception {
    StringBuilder big = new StringBuilder("scenario: big\npages: 2\nframes: 8\n"
        + "mappings: [{anon: 0..1, perm: rw, populate: [10, 11]}]\nactors:\n");
    for (int i = 0; i < 5; i++) {
      big.append("  w").append(i).append(": [cpu-write ").append(i % 2).append(' ').append(i)
          .append(", device-read 0..1, madvise-dontneed ").append(i % 2).append("]\n");
    }
    big.append("bounds: {max-steps: 100000}\nengine: {time-limit: 1}\n");
    CliRun r = check("big", big.toString());
    assertEquals(ExitCode.INCOMPLETE, r.exit, r.toString());
    assertTrue(r.out.contains("INCOMPLETE") && r.out.contains("time limit"), r.out);
    assertFalse(r.out.contains("VIOLATION") || r.out.contains(" PASS "), r.out);
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --design} runs one design of a multi-design spec; {@code --time-limit} is shared by
 * the designs of a spec unless {@code --time-limit-per-design} caps each; an unexpected violation in
 * any (scenario, design) makes the exit code 1 even when another pair is incomplete.
 */
class CheckDesignsAndLimitsTest {
  @TempDir Path tmp;

  private static final String TEARDOWN = String.join("\n",
      "scenario: %s",
      "design: odp",
      "designs: [legacy-odp]",
      "pages: 2",
      "mappings:",
      "  - {anon: 0..1, perm: rw, populate: [10, 11]}",
      "umems:",
      "  - {name: mr, pages: 0..1}",
      "actors:",
      "  munmap: [munmap 1]",
      "  fault: [odp-fault 0..1 read]",
      "  rdma: [rdma-read 1 expect 11|fault]",
      "");

  @Test
  void designSelectsOneDesignOfASpec() {
    CliRun r = onlyOnePair("odp_teardown", "legacy-odp");
    assertFalse(r.out.contains("odp_teardown@hmm2015"), r.out);
    assertFalse(r.out.matches("(?s).*odp_teardown\\s+odp\\s.*"), r.out);
  }

  @Test
  void designSelectsAVariantByItsLabel() {
    onlyOnePair("odp_fault_vs_dereg_vs_munmap", "odp.srcu");
  }

  /** {@code check specs/SPEC.yaml --design D}: exactly the pair SPEC@D runs, and passes. */
  private CliRun onlyOnePair(String spec, String design) {
    CliRun r = CliRun.of("check", "specs/" + spec + ".yaml", "--design", design, "--out",
        tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    assertTrue(r.out.contains(spec + "@" + design), r.out);
    assertTrue(r.out.contains("summary: 1 pass "), r.out);
    return r;
  }

  @Test
  void anUnknownOrAbsentDesignIsAUsageError() {
    CliRun r = CliRun.of("check", "specs/anon_teardown.yaml", "--design", "odp", "--out",
        tmp.toString());
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.err.contains("--design odp: no scenario of the given specs runs in it"), r.err);
    CliRun bad = CliRun.of("check", "specs/anon_teardown.yaml", "--design", "rdma");
    assertEquals(ExitCode.USAGE, bad.exit);
    assertTrue(bad.err.contains("(designs: "), bad.err);
  }

  @Test
  void anUnexpectedViolationWinsOverAnIncompletePair() throws Exception {
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, String.format(TEARDOWN, "broken").replace("designs: [legacy-odp]\n",
        "") + "mutations: [M23]\nexpect: pass\n");
    Path partial = tmp.resolve("partial.yaml");
    Files.writeString(partial, String.format(TEARDOWN, "partial").replace("designs: [legacy-odp]\n",
        "") + "engine: {preemption-bound: 0}\n");
    CliRun incomplete = CliRun.of("check", partial.toString(), "--out", tmp.toString());
    assertEquals(ExitCode.INCOMPLETE, incomplete.exit, incomplete.toString());
    CliRun r = CliRun.of("check", partial.toString(), broken.toString(), "--out", tmp.toString());
    assertTrue(r.out.matches("(?s).*partial\\s+odp\\s+INCOMPLETE.*"), r.out);
    assertTrue(r.out.matches("(?s).*broken\\s+odp\\s+VIOLATION.*"), r.out);
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertEquals(ExitCode.VIOLATION, dev.mirrorcheck.report.Outcome.worseCode(ExitCode.INCOMPLETE, ExitCode.VIOLATION));
    assertEquals(ExitCode.VIOLATION, dev.mirrorcheck.report.Outcome.worseCode(ExitCode.VIOLATION, ExitCode.INCOMPLETE));
    assertEquals(ExitCode.INCOMPLETE, dev.mirrorcheck.report.Outcome.worseCode(ExitCode.PASS, ExitCode.INCOMPLETE));
  }

  @Test
  void theTimeLimitIsSharedByTheDesignsOfASpec() throws Exception {
    Spec a = SpecParser.parse("a.yaml", String.format(TEARDOWN, "a"));
    Spec b = SpecParser.parse("b.yaml", String.format(TEARDOWN, "b") + "engine: {time-limit: 30}\n");
    long[] now = {0};
    TimeBudget whole = new TimeBudget(Duration.ofSeconds(10), null, () -> now[0]);
    assertEquals(Duration.ofSeconds(10), whole.forDesignOf(a));
    now[0] = Duration.ofSeconds(7).toNanos();
    assertEquals(Duration.ofSeconds(3), whole.forDesignOf(a), "the second design gets what is left");
    assertEquals(Duration.ofSeconds(10), whole.forDesignOf(b), "another spec has its own budget");
    now[0] = Duration.ofSeconds(30).toNanos();
    assertEquals(Duration.ofSeconds(1), whole.forDesignOf(a), "a spent budget still runs briefly");

    now[0] = 0;
    TimeBudget perDesign = new TimeBudget(Duration.ofSeconds(10), Duration.ofSeconds(4),
        () -> now[0]);
    assertEquals(Duration.ofSeconds(4), perDesign.forDesignOf(a));
    now[0] = Duration.ofSeconds(8).toNanos();
    assertEquals(Duration.ofSeconds(2), perDesign.forDesignOf(a), "capped by the spec's remainder");
    TimeBudget designOnly = new TimeBudget(null, Duration.ofSeconds(4), () -> now[0]);
    assertEquals(Duration.ofSeconds(4), designOnly.forDesignOf(a));
    TimeBudget none = new TimeBudget(null, null, () -> now[0]);
    assertNull(none.forDesignOf(a));
    assertEquals(Duration.ofSeconds(30), none.forDesignOf(b), "the spec's own engine time-limit");
  }

  @Test
  void perDesignLimitMustBePositive() {
    CliRun r = CliRun.of("check", "specs/odp_teardown.yaml", "--time-limit-per-design", "0");
    assertEquals(ExitCode.USAGE, r.exit, r.toString());
    assertTrue(r.err.contains("--time-limit-per-design must be a positive"), r.err);
  }
}

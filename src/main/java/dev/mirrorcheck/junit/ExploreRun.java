package dev.mirrorcheck.junit;

import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessException;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.report.Formats;
import dev.mirrorcheck.report.StepText;
import dev.mirrorcheck.sync.Harness;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;

/**
 * One {@link ExploreTest}: explores the harness with the annotation's settings, compares the verdict
 * with the expectation, and for a failure words the message and writes the counterexample files.
 */
final class ExploreRun {
  /** Counterexamples shown in full in a failure message; the rest get one line and their file. */
  private static final int DETAILED = 3;

  /** The test's result: passed, or failed with a message (and the harness's exception, if any). */
  record Outcome(boolean passed, String message, Throwable cause) {}

  private final ExploreTest config;
  private final Class<?> testClass;
  private final String method;
  private final Path outputDir;

  ExploreRun(ExploreTest config, Class<?> testClass, String method, Path outputDir) {
    this.config = config;
    this.testClass = testClass;
    this.method = method;
    this.outputDir = outputDir;
  }

  Outcome run(Harness harness) {
    ExplorerOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      return new Outcome(false, "@ExploreTest on " + method + ": " + e.getMessage(), null);
    }
    Explorer explorer = new Explorer(options);
    Result result;
    try {
      result = explorer.explore(harness);
    } catch (HarnessException e) {
      return new Outcome(false, "mirrorcheck: harness error in " + method + ": " + e.getMessage(),
          e.getCause() != null ? e.getCause() : e);
    }
    String stats = Formats.count(result.statistics().executions()) + " executions, "
        + Formats.millis(result.statistics().wallMillis());
    return config.expect() == Expect.PASS ? expectPass(explorer, harness, result, stats)
        : expectViolation(explorer, harness, result, stats);
  }

  private ExplorerOptions options() {
    ExplorerOptions.Builder b = ExplorerOptions.builder().maxSteps(config.maxSteps())
        .stopAtFirst(config.stopAtFirst()).reduce(config.reduce()).dpor(config.dpor())
        .workers(config.workers() == 0 ? ExplorerOptions.allCores() : config.workers());
    if (config.timeLimitSeconds() != 0) {
      b.timeLimit(Duration.ofSeconds(config.timeLimitSeconds()));
    }
    if (config.preemptionBound() != -1) {
      b.preemptionBound(config.preemptionBound());
    }
    return b.build();
  }

  private Outcome expectPass(Explorer explorer, Harness harness, Result r, String stats) {
    switch (r.verdict()) {
      case PASS:
        return new Outcome(true, "PASS: every interleaving explored (" + stats + ")", null);
      case VIOLATION:
        return new Outcome(false, "mirrorcheck: unexpected violation in " + method + " (" + stats
            + ")\n" + details(explorer, harness, r), null);
      default:
        return new Outcome(false, "mirrorcheck: " + notAPass(r, stats), null);
    }
  }

  private Outcome expectViolation(Explorer explorer, Harness harness, Result r, String stats) {
    String wanted = config.property().isEmpty() ? "a violation" : "a violation of " + config.property();
    switch (r.verdict()) {
      case VIOLATION:
        for (Finding f : r.findings()) {
          if (config.property().isEmpty() || config.property().equals(f.property())) {
            return new Outcome(true, "violation found as expected: " + f + " (" + stats + ")", null);
          }
        }
        return new Outcome(false, "mirrorcheck: expected " + wanted + " in " + method
            + ", but found only other violations (" + stats + ")"
            + (config.stopAtFirst()
                ? "; the search stopped at the first (set stopAtFirst = false to look for all)" : "")
            + "\n" + details(explorer, harness, r), null);
      case PASS:
        return new Outcome(false, "mirrorcheck: expected " + wanted + " in " + method
            + ", but every interleaving passed (" + stats + ")", null);
      default:
        return new Outcome(false, "mirrorcheck: expected " + wanted + " in " + method
            + ", but none was found and " + notAPass(r, stats), null);
    }
  }

  private String notAPass(Result r, String stats) {
    if (r.verdict() == Result.Verdict.BOUND_HIT) {
      return "BOUND_HIT, not a pass: " + Formats.count(r.statistics().boundHits())
          + " execution(s) of " + method + " reached the step bound of " + config.maxSteps()
          + " steps; raise @ExploreTest(maxSteps = ...) (" + stats + ")";
    }
    return "INCOMPLETE, not a pass: the search of " + method + " stopped early: "
        + r.incompleteReason() + " (" + stats + ")";
  }

  /** Each finding replayed, written to a file and described, the first few in full. */
  private String details(Explorer explorer, Harness harness, Result r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.findings().size(); i++) {
      Finding f = r.findings().get(i);
      Replay replay = explorer.replay(harness, f.schedule());
      String file = write(f, replay, i + 1);
      sb.append("error #").append(i + 1).append(": ").append(f).append('\n');
      if (i < DETAILED) {
        sb.append("  reached by: ")
            .append(Formats.count(r.findingCounts().getOrDefault(f.key(), 1L)))
            .append(" execution(s)\n");
        sb.append("  schedule:   ").append(f.schedule().size()).append(" decisions: ")
            .append(Formats.schedule(f.schedule())).append('\n');
        sb.append("  step log (replayed):\n").append(StepText.table(replay.steps(), "    "));
        if (!replay.reproduces(f)) {
          sb.append("  warning: the replay did not reproduce this violation (ended ")
              .append(replay.ending()).append("); this is a bug in mirrorcheck\n");
        }
      }
      sb.append("  counterexample: ").append(file).append('\n');
      if (!file.startsWith("(")) {
        sb.append("  replay with:    ").append(replayCommand(file)).append('\n');
      }
    }
    return sb.toString();
  }

  /** Writes the counterexample and returns its path as the user should see it (or why it failed). */
  private String write(Finding f, Replay replay, int n) {
    HarnessRef ref = HarnessRef.builder("junit").param("class", testClass.getName())
        .param("method", method).build();
    String name = testClass.getName() + "." + method + (n == 1 ? "" : "-error" + n) + ".json";
    Path file = display(outputDir.resolve(name));
    try {
      CounterexampleFile.write(file, Counterexample.of(ref, f, replay));
    } catch (IOException e) {
      return "(not written: " + file + ": " + e.getMessage() + ")";
    }
    return file.toString();
  }

  private String replayCommand(String file) {
    return "./mirrorcheck replay --classpath " + CounterexampleFile.shellWord(classesDir()) + " "
        + CounterexampleFile.shellWord(file);
  }

  /** Where the test class was loaded from: what {@code replay --classpath} needs. */
  private String classesDir() {
    try {
      CodeSource src = testClass.getProtectionDomain().getCodeSource();
      if (src != null && src.getLocation() != null) {
        return display(Paths.get(src.getLocation().toURI())).toString();
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // Fall through to the Maven default.
    }
    return "target/test-classes";
  }

  /** Relative to the working directory when below it, so commands can be pasted. */
  private static Path display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Paths.get("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }
}

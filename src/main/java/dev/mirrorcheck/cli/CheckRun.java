package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.sync.Harness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Explores one harness and reports it: progress on stderr, the report on stdout, one replayed and
 * saved counterexample per violation. Returns the exit code for the verdict.
 */
final class CheckRun {
  private final PrintWriter out;
  private final PrintWriter err;
  private final CounterexampleOutput output;

  CheckRun(PrintWriter out, PrintWriter err, CounterexampleOutput output) {
    this.out = out;
    this.err = err;
    this.output = output;
  }

  int run(HarnessRef ref, Harness harness, String description, ExplorerOptions.Builder builder) {
    ProgressLine progress = ProgressLine.of(err, ref.kind());
    ExplorerOptions options = builder.progress(progress).build();
    Report report = new Report(out);
    report.header(ref + ": " + description, options);
    Explorer explorer = new Explorer(options);
    Result result;
    try (progress) {
      result = explorer.explore(harness);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      // The exploration records schedules only; a replay adds the step log shown and saved.
      Replay replay = explorer.replay(harness, f.schedule());
      if (!replay.reproduces(f)) {
        err.println("mirrorcheck: warning: replaying error #" + (i + 1) + " did not reproduce it "
            + "(replay ended " + replay.ending() + "); this is a bug in the explorer");
      }
      report.error(i + 1, f, result.findingCounts().getOrDefault(f.key(), 1L), replay.steps());
      files.add(output.write(Counterexample.of(ref, f, replay), i + 1));
    }
    report.results(result);
    report.statistics(result);
    report.finished(result, files);
    return exitCode(result.verdict());
  }

  static int exitCode(Result.Verdict verdict) {
    switch (verdict) {
      case PASS:
        return ExitCode.PASS;
      case VIOLATION:
        return ExitCode.VIOLATION;
      default:
        // BOUND_HIT and INCOMPLETE found nothing but did not look everywhere: never a pass.
        return ExitCode.INCOMPLETE;
    }
  }
}

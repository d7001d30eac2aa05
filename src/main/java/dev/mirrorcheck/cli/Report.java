package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import dev.mirrorcheck.report.Formats;
import dev.mirrorcheck.report.StepText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Prints an exploration in the shape of Java PathFinder's report: errors, results, statistics. */
final class Report {
  private static final String RULE = "======================================================";

  private final PrintWriter out;

  Report(PrintWriter out) {
    this.out = out;
  }

  void header(String subject, ExplorerOptions o) {
    out.println("mirrorcheck " + VersionProvider.version()
        + " - exhaustive interleaving checker for HMM device mirroring");
    out.println();
    section("system under test");
    out.println(subject);
    out.println("options: step bound " + o.maxSteps()
        + (o.stopAtFirst() ? ", stop at first violation" : ", all violations")
        + (o.timeLimit() == null ? "" : ", time limit " + o.timeLimit().toSeconds() + "s")
        + (o.preemptionBound() < 0 ? "" : ", preemption bound " + o.preemptionBound())
        + (o.shortest() ? ", shortest" : "")
        + (o.reduce() ? "" : ", no reduction")
        + ", symmetry " + o.symmetry().key()
        + ", threads " + o.threads().name().toLowerCase(java.util.Locale.ROOT));
    out.println();
    out.flush();
  }

  void error(int n, Finding f, long reachedBy, List<StepLog.Step> steps) {
    section("error " + n);
    out.println(f);
    out.println("reached by: " + reachedBy + " execution(s)");
    out.println("schedule:   " + f.schedule().size() + " decisions: "
        + Formats.schedule(f.schedule()));
    out.println("step log (replayed):");
    out.print(StepText.table(steps, "  "));
    out.println();
  }

  void results(Result r) {
    section("results");
    List<Finding> findings = r.findings();
    for (int i = 0; i < findings.size(); i++) {
      out.println("error #" + (i + 1) + ": " + findings.get(i));
    }
    if (r.verdict() == Result.Verdict.PASS) {
      out.println("no errors detected");
    } else if (r.verdict() == Result.Verdict.BOUND_HIT) {
      out.println("no errors detected, but NOT A PASS: " + r.statistics().boundHits()
          + " execution(s) reached the step bound (raise --max-steps)");
    } else if (r.verdict() == Result.Verdict.INCOMPLETE) {
      out.println("no errors detected, but NOT A PASS: search incomplete: " + r.incompleteReason());
    }
    out.println();
  }

  void statistics(Result r) {
    Statistics s = r.statistics();
    section("statistics");
    row("executions", String.format("%,d", s.executions()));
    row("completed", String.format("%,d", s.completed()));
    row("transitions", String.format("%,d", s.transitions()));
    row("new transitions", String.format("%,d", s.newTransitions()));
    row("max depth", String.format("%,d", s.maxDepth()));
    row("sleep-blocked", String.format("%,d", s.sleepBlocked()));
    row("sleep-pruned", String.format("%,d", s.sleepPruned()));
    row("bound hits", String.format("%,d", s.boundHits()));
    row("restarts", String.format("%,d", s.restarts()));
    row("wall time", String.format("%,d ms", s.wallMillis()));
    row("peak heap", String.format("%,d MB", s.peakHeapBytes() >> 20));
    row("engine", r.engine());
    if (s.reduction() != null) {
      row("reduction", s.reductionDescription());
    }
    out.println();
  }

  void finished(Result r, List<Path> files) {
    section("search finished: " + verdictLine(r));
    for (int i = 0; i < files.size(); i++) {
      out.println("counterexample #" + (i + 1) + ": " + files.get(i));
      out.println("  replay with: " + CounterexampleFile.shellWord(Main.launcher()) + " replay "
          + CounterexampleFile.shellWord(files.get(i).toString()));
    }
    out.flush();
  }

  private static String verdictLine(Result r) {
    switch (r.verdict()) {
      case PASS:
        return "PASS (every interleaving of the bounded harness was explored)";
      case VIOLATION:
        return "VIOLATION (" + r.findings().size() + " distinct)";
      case BOUND_HIT:
        return "BOUND_HIT (not a pass)";
      default:
        return "INCOMPLETE (not a pass)";
    }
  }

  private void section(String title) {
    out.println(RULE + " " + title);
  }

  private void row(String name, String value) {
    out.println(String.format("%-17s%s", name + ":", value));
  }
}

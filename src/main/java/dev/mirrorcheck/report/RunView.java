package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.CounterexampleFile;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scope of {@code index.html} and the run header every page shows. */
final class RunView {
  private RunView() {}

  static Map<String, Object> header(RunReport run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.runId());
    m.put("start", DateTimeFormatter.ISO_INSTANT.format(run.startTime().truncatedTo(ChronoUnit.SECONDS)));
    m.put("version", run.toolVersion());
    m.put("jvm", run.jvm());
    m.put("command", commandLine(run));
    m.put("hasCommand", !run.commandLine().isEmpty());
    return m;
  }

  static String commandLine(RunReport run) {
    List<String> words = new ArrayList<>();
    run.commandLine().forEach(w -> words.add(CounterexampleFile.shellWord(w)));
    return String.join(" ", words);
  }

  static Map<String, Object> index(RunReport run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", header(run));
    m.put("verdict", runVerdict(run));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < run.specs().size(); i++) {
      SpecReport s = run.specs().get(i);
      Outcome o = s.outcome();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", s.name());
      r.put("link", run.specDirs().get(i) + "/report.html");
      r.put("design", s.design() == null ? "" : s.design());
      r.put("mutations", SpecView.mutationsText(s));
      r.put("verdict", o.headline());
      r.put("css", o.css());
      r.put("executions", Formats.count(s.statistics().executions()));
      r.put("time", Formats.millis(s.statistics().wallMillis()));
      String notes = notes(s);
      r.put("notes", notes);
      r.put("hasNotes", !notes.isEmpty());
      rows.add(r);
    }
    m.put("specs", rows);
    return m;
  }

  /** The run's badge: it says what the exit code says. */
  static Map<String, Object> runVerdict(RunReport run) {
    Outcome worst = run.outcome();
    Map<String, Object> m = new LinkedHashMap<>();
    String headline = run.headline();
    m.put("headline", headline);
    m.put("css", worst.exitCode() == 0 ? "good" : worst.exitCode() == 1 ? "bad" : "warn");
    m.put("exitCode", worst.exitCode());
    m.put("status", headline);
    m.put("reason", summary(run));
    return m;
  }

  /** For example {@code 37 specs: 35 pass, 2 expected violations (kept as regressions)}. */
  static String summary(RunReport run) {
    StringBuilder sb = new StringBuilder();
    sb.append(run.specs().size()).append(run.specs().size() == 1 ? " spec: " : " specs: ");
    List<String> parts = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      int n = run.count(o);
      if (n > 0) {
        parts.add(n + " " + plural(o, n));
      }
    }
    sb.append(String.join(", ", parts));
    if (!run.unfinished().isEmpty()) {
      sb.append("; INTERRUPTED: ").append(run.unfinished().size()).append(" not finished (")
          .append(String.join(", ", run.unfinished())).append(")");
    }
    return sb.toString();
  }

  private static String plural(Outcome o, int n) {
    switch (o) {
      case PASS:
        return "pass";
      case EXPECTED_VIOLATION:
        return "expected violation" + (n == 1 ? "" : "s") + " (known findings kept as regressions)";
      case VIOLATION:
        return "with a violation";
      case MISSING_VIOLATION:
        return "missing the violation the spec expects";
      case VACUOUS:
        return "vacuous (a must-reach step never ran)";
      case BOUND_HIT:
        return "hit the step bound";
      default:
        return "incomplete";
    }
  }

  /** What a reviewer should know about a row beyond its badge. */
  private static String notes(SpecReport s) {
    List<String> out = new ArrayList<>();
    switch (s.outcome()) {
      case EXPECTED_VIOLATION: {
        Expectation e = s.expectation();
        out.add("known finding, " + e.describe() + " expected"
            + (e.where() == null ? "" : " (" + e.where() + ")")
            + (e.gist() == null ? "" : ": " + e.gist())
            + (e.explainedAt() == null ? "" : " Explained in " + e.explainedAt() + "."));
        break;
      }
      case MISSING_VIOLATION:
        out.add("the spec expects " + s.expectation().describe());
        break;
      case VACUOUS:
        out.add("never reached: " + String.join(", ", s.unreachedMustReach()));
        break;
      case VIOLATION:
        if (!s.counterexamples().isEmpty()) {
          List<String> ids = new ArrayList<>();
          for (CounterexampleView cx : s.counterexamples()) {
            String id = SpecView.id(cx.finding());
            if (!ids.contains(id)) {
              ids.add(id);
            }
          }
          out.add("violates " + String.join(", ", ids));
        }
        break;
      default:
        break;
    }
    if (!s.warnings().isEmpty() && s.outcome() != Outcome.VACUOUS) {
      out.add(s.warnings().size() + " warning(s)");
    }
    return String.join("; ", out);
  }
}

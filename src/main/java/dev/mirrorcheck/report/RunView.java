package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Result;
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
    m.put("verdict", SpecView.verdict(run.verdict(), summary(run)));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < run.specs().size(); i++) {
      SpecReport s = run.specs().get(i);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", s.name());
      r.put("link", run.specDirs().get(i) + "/report.html");
      r.put("design", s.design() == null ? "" : s.design());
      r.put("mutations", SpecView.mutationsText(s));
      r.put("verdict", s.verdict().name());
      r.put("css", SpecView.css(s.verdict()));
      r.put("executions", Formats.count(s.statistics().executions()));
      r.put("time", Formats.millis(s.statistics().wallMillis()));
      int notes = s.warnings().size() + (s.unreachedLabels().isEmpty() ? 0 : 1);
      r.put("notes", notes == 0 ? "" : s.warnings().size() + " warning(s)"
          + (s.unreachedLabels().isEmpty() ? ""
              : ", " + s.unreachedLabels().size() + " label(s) never reached"));
      r.put("hasNotes", notes > 0);
      rows.add(r);
    }
    m.put("specs", rows);
    return m;
  }

  static String summary(RunReport run) {
    return run.specs().size() + " spec(s): " + run.count(Result.Verdict.PASS) + " pass, "
        + run.count(Result.Verdict.VIOLATION) + " violation, " + run.count(Result.Verdict.BOUND_HIT)
        + " bound hit, " + run.count(Result.Verdict.INCOMPLETE) + " incomplete";
  }
}

package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link SpecReport} into the nested maps the templates read: every decision (what to flag,
 * how to word a verdict, which row to highlight) is made here, so the templates stay logic-less.
 */
final class SpecView {
  private SpecView() {}

  /** The scope of {@code report.html}/{@code report.md}; {@code svg} adds the sequence diagrams. */
  static Map<String, Object> of(RunReport run, int index, boolean svg) {
    SpecReport spec = run.specs().get(index);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.name());
    m.put("dir", run.specDirs().get(index));
    m.put("run", RunView.header(run));
    m.put("verdict", verdict(spec.verdict(), spec.verdictReason()));
    m.put("design", orDash(spec.design()));
    m.put("mutations", mutations(spec));
    m.put("mutationsText", mutationsText(spec));
    m.put("mutationsLong", mutationsLong(spec));
    m.put("hasMutations", !spec.mutations().isEmpty());
    m.put("engine", orDash(spec.engine()));
    m.put("options", rows(spec.options()));
    m.put("hasOptions", !spec.options().isEmpty());
    m.put("statistics", statistics(spec.statistics()));
    m.put("warnings", spec.warnings());
    m.put("hasWarnings", !spec.warnings().isEmpty());
    m.put("boundTrace", spec.boundTrace());
    m.put("hasBoundTrace", !spec.boundTrace().isEmpty());
    m.put("properties", properties(spec));
    m.put("hasProperties", !spec.properties().isEmpty());
    m.put("coverage", coverage(spec));
    m.put("counterexamples", counterexamples(spec, svg));
    m.put("hasCounterexamples", !spec.counterexamples().isEmpty());
    m.put("source", source(spec));
    return m;
  }

  static Map<String, Object> verdict(Result.Verdict v, String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", v.name());
    m.put("css", css(v));
    m.put("headline", v == Result.Verdict.PASS ? "PASS" : v == Result.Verdict.VIOLATION ? "VIOLATION"
        : v.name() + " (not a pass)");
    m.put("reason", reason == null ? "" : reason);
    return m;
  }

  static String css(Result.Verdict v) {
    return v == Result.Verdict.PASS ? "good" : v == Result.Verdict.VIOLATION ? "bad" : "warn";
  }

  static String mutationsText(SpecReport spec) {
    if (spec.mutations().isEmpty()) {
      return "none (correct protocol)";
    }
    List<String> ids = new ArrayList<>();
    spec.mutations().forEach(mu -> ids.add(mu.id()));
    return String.join(", ", ids);
  }

  private static String mutationsLong(SpecReport spec) {
    List<String> parts = new ArrayList<>();
    for (MutationRef mu : spec.mutations()) {
      parts.add(mu.title().isEmpty() ? mu.id() : mu.id() + ": " + mu.title());
    }
    return parts.isEmpty() ? "none (correct protocol)" : String.join("; ", parts);
  }

  private static List<Map<String, Object>> mutations(SpecReport spec) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MutationRef mu : spec.mutations()) {
      out.add(Map.of("id", mu.id(), "title", mu.title()));
    }
    return out;
  }

  private static List<Map<String, Object>> rows(Map<String, String> map) {
    List<Map<String, Object>> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(Map.of("key", k, "value", v)));
    return out;
  }

  private static List<Map<String, Object>> statistics(Statistics s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("executions", Formats.count(s.executions()));
    m.put("completed executions", Formats.count(s.completed()));
    m.put("transitions", Formats.count(s.transitions()));
    m.put("new transitions", Formats.count(s.newTransitions()));
    m.put("max depth (steps)", Formats.count(s.maxDepth()));
    m.put("sleep-blocked executions", Formats.count(s.sleepBlocked()));
    m.put("sleep-pruned alternatives", Formats.count(s.sleepPruned()));
    m.put("fallbacks", Formats.count(s.fallbacks()));
    m.put("step-bound hits", Formats.count(s.boundHits()));
    m.put("preemption-pruned alternatives", Formats.count(s.boundPruned()));
    m.put("restarts", Formats.count(s.restarts()));
    m.put("wall time", Formats.millis(s.wallMillis()));
    m.put("peak heap", Formats.megabytes(s.peakHeapBytes()));
    return rows(m);
  }

  private static List<Map<String, Object>> properties(SpecReport spec) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PropertyVerdict p : spec.properties()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("title", p.title());
      m.put("statement", p.statement());
      switch (p.status()) {
        case VIOLATED:
          m.put("status", "VIOLATED");
          m.put("css", "bad");
          m.put("note", "counterexample #" + (p.counterexample() + 1));
          m.put("anchor", "cx" + (p.counterexample() + 1));
          m.put("hasAnchor", true);
          break;
        case NOT_APPLICABLE:
          m.put("status", "not applicable");
          m.put("css", "na");
          m.put("note", "does not apply to this design");
          break;
        default:
          // A property that held only over part of the executions proves nothing about the rest.
          boolean proven = spec.conclusive();
          m.put("status", proven ? "PASS" : "no violation found");
          m.put("css", proven ? "good" : "warn");
          m.put("note", proven ? "holds in every interleaving"
              : "inconclusive: the verdict is " + spec.verdict() + ", not PASS");
      }
      m.putIfAbsent("hasAnchor", false);
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> coverage(SpecReport spec) {
    Set<String> labels = new TreeSet<>(spec.coverage().keySet());
    labels.addAll(spec.expectedLabels());
    boolean expectedGiven = !spec.expectedLabels().isEmpty();
    long max = 1;
    for (long c : spec.coverage().values()) {
      max = Math.max(max, c);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String label : labels) {
      long count = spec.coverage().getOrDefault(label, 0L);
      boolean expected = spec.expectedLabels().contains(label);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("label", label);
      r.put("count", Formats.count(count));
      r.put("bar", count == 0 ? 0 : Math.max(1, Math.round(100.0 * count / max)));
      if (count == 0) {
        r.put("status", "NEVER REACHED");
        r.put("css", "bad");
        r.put("flag", true);
      } else if (expectedGiven && !expected) {
        r.put("status", "reached (not in the design's label set)");
        r.put("css", "note");
        r.put("flag", true);
      } else {
        r.put("status", "reached");
        r.put("css", "");
        r.put("flag", false);
      }
      rows.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("hasRows", !rows.isEmpty());
    m.put("expectedGiven", expectedGiven);
    m.put("unreached", new ArrayList<>(spec.unreachedLabels()));
    m.put("hasUnreached", !spec.unreachedLabels().isEmpty());
    m.put("unreachedCount", spec.unreachedLabels().size());
    m.put("reachedCount", spec.coverage().values().stream().filter(c -> c > 0).count());
    return m;
  }

  private static List<Map<String, Object>> counterexamples(SpecReport spec, boolean svg) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < spec.counterexamples().size(); i++) {
      CounterexampleView cx = spec.counterexamples().get(i);
      Finding f = cx.finding();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", i + 1);
      m.put("anchor", "cx" + (i + 1));
      m.put("headline", f.toString());
      m.put("kind", f.kind().name());
      m.put("property", f.property() == null ? "(none)" : f.property());
      m.put("message", f.message());
      m.put("actor", f.actor() == null ? "(none)" : f.actor());
      m.put("steps", Formats.count(f.steps()));
      m.put("reachedBy", cx.reachedBy() == 0 ? "" : Formats.count(cx.reachedBy()) + " execution(s)");
      m.put("hasReachedBy", cx.reachedBy() > 0);
      m.put("decisions", Formats.count(f.schedule().size()));
      m.put("schedule", Formats.schedule(f.schedule()));
      m.put("reproduced", cx.reproduced());
      String replay = cx.replayCommand() == null ? "" : cx.replayCommand();
      m.put("replay", replay);
      m.put("replayFence", Escapes.fence(replay));
      m.put("hasReplay", !replay.isEmpty());
      m.put("file", cx.file() == null ? "" : cx.file());
      m.put("hasFile", cx.file() != null);
      m.put("rows", stepRows(cx.steps()));
      m.put("hasSteps", !cx.steps().isEmpty());
      if (svg) {
        m.put("svg", new SequenceDiagram(cx.steps(), cx.actors()).toSvg("cx" + (i + 1),
            (f.property() == null ? f.kind().name() : f.property() + " violated") + ": "
                + f.message()));
      }
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> stepRows(List<StepLog.Step> steps) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepLog.Step s = steps.get(i);
      boolean last = i == steps.size() - 1;
      String css = last ? "bad" : StepOps.changesSeq(s) ? "seq" : "";
      List<StepLog.Access> accesses = s.accesses();
      int n = Math.max(1, accesses.size());
      for (int j = 0; j < n; j++) {
        StepLog.Access a = accesses.isEmpty() ? null : accesses.get(j);
        Map<String, Object> r = new LinkedHashMap<>();
        boolean first = j == 0;
        r.put("step", first ? Integer.toString(s.index()) : "");
        r.put("actor", first ? s.actor() : "");
        r.put("label", first ? s.label() : "");
        r.put("object", a == null ? "" : a.object());
        r.put("op", a == null ? "" : a.operation());
        r.put("value", a == null ? "" : a.value());
        r.put("css", (css + (first ? " first" : " cont")
            + (a != null && StepOps.changesSeq(a) ? " seqw" : "")).trim());
        rows.add(r);
      }
    }
    return rows;
  }

  private static Map<String, Object> source(SpecReport spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    String text = spec.sourceText();
    m.put("path", spec.sourcePath() == null ? "(not given)" : spec.sourcePath());
    m.put("hasText", text != null);
    m.put("text", text == null ? "" : text);
    // In Markdown the text goes in verbatim, inside a fence it cannot close.
    m.put("fence", Escapes.fence(text == null ? "" : text));
    m.put("textRaw", text == null ? "" : text.endsWith("\n") ? text : text + "\n");
    return m;
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "(not given)" : s;
  }
}

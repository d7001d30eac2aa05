package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableSortedSet;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link SpecReport} into the nested maps the templates read: every decision (what to flag,
 * how to word a verdict, which row to fold away) is made here, so the templates stay logic-less.
 * The page leads with the answer: the outcome in words, then (for a violation) the counterexample
 * with its diagram; property statements, coverage and statistics follow.
 */
final class SpecView {
  /** Counterexamples longer than this show the steps in the violation's causal cone first. */
  static final int LONG_TRACE = 40;

  private SpecView() {}

  /** The scope of {@code report.html}/{@code report.md}; {@code svg} adds the sequence diagrams. */
  static Map<String, Object> of(RunReport run, int index, boolean svg) {
    SpecReport spec = run.specs().get(index);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.name());
    m.put("dir", run.specDirs().get(index));
    m.put("run", RunView.header(run));
    m.put("outcome", outcome(spec));
    m.put("facts", facts(spec));
    m.put("design", orDash(spec.design()));
    m.put("mutations", mutations(spec));
    m.put("mutationsText", mutationsText(spec));
    m.put("mutationsLong", mutationsLong(spec));
    m.put("hasMutations", !spec.mutations().isEmpty());
    m.put("engine", orDash(spec.engine()));
    m.put("options", rows(spec.options()));
    m.put("hasOptions", !spec.options().isEmpty());
    m.put("statistics", statistics(spec.statistics()));
    Kills k = spec.kills();
    m.put("hasKills", !k.isEmpty());
    m.put("catalogueKills", String.join(", ", k.catalogue()));
    m.put("hasCatalogueKills", !k.catalogue().isEmpty());
    m.put("pitKills", k.pit());
    m.put("pitKillCount", k.pit().size());
    m.put("hasPitKills", k.pitSource() != null);
    m.put("pitSource", k.pitSource());
    m.put("warnings", spec.warnings());
    m.put("hasWarnings", !spec.warnings().isEmpty());
    m.put("boundTrace", spec.boundTrace());
    m.put("hasBoundTrace", !spec.boundTrace().isEmpty());
    m.put("properties", properties(spec));
    m.put("coverage", coverage(spec));
    m.put("counterexamples", counterexamples(spec, svg));
    m.put("hasCounterexamples", !spec.counterexamples().isEmpty());
    m.put("source", source(spec));
    return m;
  }

  /** The answer: badge, one sentence in a reviewer's words, and why the outcome is what it is. */
  static Map<String, Object> outcome(SpecReport spec) {
    Outcome o = spec.outcome();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", o.name());
    m.put("headline", o.headline());
    m.put("css", o.css());
    m.put("exitCode", o.exitCode());
    m.put("sentence", sentence(spec, o));
    Expectation e = spec.expectation();
    m.put("expected", e.violation());
    m.put("expectedWhat", e.describe());
    m.put("expectedWhere", e.where() == null ? "" : e.where());
    m.put("hasExpectedWhere", e.where() != null);
    m.put("explanation", e.explanation() == null ? "" : e.explanation());
    m.put("hasExplanation", e.explanation() != null && !e.explanation().isBlank());
    m.put("explainedAt", e.explainedAt() == null ? "" : e.explainedAt());
    m.put("hasExplainedAt", e.explainedAt() != null);
    m.put("reason", spec.verdictReason());
    return m;
  }

  private static String sentence(SpecReport spec, Outcome o) {
    Statistics s = spec.statistics();
    String explored = Formats.count(s.executions()) + " execution" + (s.executions() == 1 ? "" : "s")
        + ", " + Formats.millis(s.wallMillis());
    switch (o) {
      case PASS:
        return "Every interleaving of this bounded scenario was explored (" + explored + ") and no "
            + "checked property was violated" + (spec.mustReach().isEmpty() ? "."
                : "; every must-reach step was reached.");
      case VIOLATION:
        return violationSentence(spec) + more(spec);
      case EXPECTED_VIOLATION:
        return "The check found the violation the spec expects: " + violationSentence(spec)
            + " This is a known finding about design " + orDash(spec.design()) + ", kept as a "
            + "regression test: it does not fail the run.";
      case MISSING_VIOLATION:
        return "The spec expects " + spec.expectation().describe() + ", but the search found "
            + (spec.counterexamples().isEmpty() ? "none" : "only " + violatedList(spec))
            + " (" + explored + "). The finding the spec records no longer shows: has the model "
            + "changed, or was it fixed?";
      case VACUOUS:
        return "Not a proof: no violation was found, but no execution reached the must-reach "
            + "step(s) " + String.join(", ", spec.unreachedMustReach()) + ", so the race this "
            + "scenario was written for never happened.";
      case BOUND_HIT:
        return "Not a pass: " + Formats.count(s.boundHits()) + " execution(s) reached the step "
            + "bound and were cut short; the states beyond it are unchecked (raise bounds: "
            + "max-steps).";
      default:
        return "Not a pass: " + spec.verdictReason() + "; the interleavings not explored are "
            + "unchecked.";
    }
  }

  /** "S3 (no use after free) is violated: message." for the first counterexample. */
  private static String violationSentence(SpecReport spec) {
    if (spec.counterexamples().isEmpty()) {
      return spec.verdictReason() + ".";
    }
    Finding f = spec.counterexamples().get(0).finding();
    String what = f.property() == null ? kindWords(f.kind())
        : f.property() + titleInParens(spec, f.property()) + " is violated";
    return what + ": " + f.message() + " (counterexample #1, " + f.steps() + " steps).";
  }

  private static String more(SpecReport spec) {
    int n = spec.counterexamples().size();
    return n > 1 ? " " + (n - 1) + " more distinct violation(s) follow." : "";
  }

  private static String violatedList(SpecReport spec) {
    Set<String> ids = new LinkedHashSet<>();
    for (CounterexampleView cx : spec.counterexamples()) {
      ids.add(id(cx.finding()));
    }
    return "a violation of " + String.join(", ", ids);
  }

  private static String kindWords(Finding.Kind k) {
    switch (k) {
      case DEADLOCK:
        return "Deadlock";
      case EXCEPTION:
        return "An actor threw an exception";
      default:
        return "An assertion failed";
    }
  }

  private static String titleInParens(SpecReport spec, String id) {
    for (PropertyVerdict p : spec.properties()) {
      if (p.id().equals(id) && !p.title().isEmpty()) {
        return " (" + p.title() + ")";
      }
    }
    return "";
  }

  static String id(Finding f) {
    return f.property() == null ? f.kind().name() : f.property();
  }

  /** The one-line facts under the headline. */
  private static List<Map<String, Object>> facts(SpecReport spec) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("design", orDash(spec.design()));
    m.put("mutations", mutationsText(spec));
    m.put("executions", Formats.count(spec.statistics().executions()));
    m.put("time", Formats.millis(spec.statistics().wallMillis()));
    m.put("search", searchMode(spec));
    m.put("expects", spec.expectation().describe());
    return rows(m);
  }

  /** How far the search went: every violation, or stopped at the first. */
  static String searchMode(SpecReport spec) {
    String stop = spec.options().get("stop at first violation");
    if ("true".equals(stop)) {
      return "stops at the first violation";
    }
    return "false".equals(stop) ? "every distinct violation" : "(not given)";
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

  static List<Map<String, Object>> rows(Map<String, String> map) {
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
    m.put("longest execution (steps)", Formats.count(s.maxDepth()));
    m.put("sleep-blocked executions", Formats.count(s.sleepBlocked()));
    m.put("sleep-pruned alternatives", Formats.count(s.sleepPruned()));
    m.put("fallbacks", Formats.count(s.fallbacks()));
    m.put("step-bound hits", Formats.count(s.boundHits()));
    m.put("preemption-pruned alternatives", Formats.count(s.boundPruned()));
    m.put("restarts", Formats.count(s.restarts()));
    if (s.reduction() != null) {
      m.put("reduction", s.reductionDescription());
    }
    m.put("wall time", Formats.millis(s.wallMillis()));
    m.put("executions per second", Formats.count(s.executionsPerSecond()));
    if (s.estimate() != null) {
      m.put("estimated total when it ended", s.estimate().toString().replace("est. total ", ""));
    }
    m.put("peak heap", Formats.megabytes(s.peakHeapBytes()));
    return rows(m);
  }

  /**
   * Violated properties stay in sight; the others fold into one line that says what they mean
   * (proven, or merely not violated before the search stopped). Statements fold per row.
   */
  private static Map<String, Object> properties(SpecReport spec) {
    List<Map<String, Object>> violated = new ArrayList<>();
    List<Map<String, Object>> others = new ArrayList<>();
    int notApplicable = 0;
    for (PropertyVerdict p : spec.properties()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("title", p.title());
      m.put("statement", p.statement());
      m.put("hasAnchor", false);
      switch (p.status()) {
        case VIOLATED:
          m.put("status", "VIOLATED");
          m.put("css", spec.outcome() == Outcome.EXPECTED_VIOLATION ? "expected" : "bad");
          m.put("note", "counterexample #" + (p.counterexample() + 1));
          m.put("anchor", "cx" + (p.counterexample() + 1));
          m.put("hasAnchor", true);
          violated.add(m);
          break;
        case NOT_APPLICABLE:
          notApplicable++;
          m.put("status", "not applicable");
          m.put("css", "na");
          m.put("note", "does not apply to this design");
          others.add(m);
          break;
        default:
          // A property that held only over part of the executions proves nothing about the rest.
          boolean proven = spec.conclusive();
          m.put("status", proven ? "PASS" : "not violated");
          m.put("css", proven ? "good" : "warn");
          m.put("note", proven ? "holds in every interleaving"
              : "inconclusive: the search stopped (" + spec.verdict() + ")");
          others.add(m);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("violated", violated);
    out.put("hasViolated", !violated.isEmpty());
    out.put("others", others);
    out.put("hasOthers", !others.isEmpty());
    out.put("any", !spec.properties().isEmpty());
    int checked = others.size() - notApplicable;
    String summary;
    if (spec.conclusive()) {
      summary = checked + " propert" + (checked == 1 ? "y holds" : "ies hold")
          + " in every interleaving";
    } else if (spec.verdict() == Result.Verdict.VIOLATION) {
      summary = checked + " other propert" + (checked == 1 ? "y was" : "ies were")
          + " not violated before the search stopped (not proven)";
    } else {
      summary = checked + " propert" + (checked == 1 ? "y was" : "ies were")
          + " not violated, but the search was not exhaustive (not proven)";
    }
    List<String> parts = new ArrayList<>();
    if (checked > 0) {
      parts.add(summary);
    }
    if (notApplicable > 0) {
      parts.add(notApplicable + " not applicable to this design");
    }
    out.put("othersSummary", String.join("; ", parts));
    out.put("othersOpen", spec.conclusive() && violated.isEmpty());
    return out;
  }

  /**
   * Every protocol step of the design, reached or not, component by component, with the must-reach
   * entries first; the unreached steps are the interesting rows.
   */
  private static Map<String, Object> coverage(SpecReport spec) {
    Map<String, Long> steps = spec.stepCoverage();
    Map<String, ImmutableSortedSet<String>> roles = spec.stepRoles();
    Set<String> mustSteps = new LinkedHashSet<>();
    for (String entry : spec.mustReach()) {
      mustSteps.add(SpecReport.stepOf(entry));
    }
    long max = 1;
    for (long c : steps.values()) {
      max = Math.max(max, c);
    }
    // Component by component, in the inventory's order; reached steps outside it come last.
    Map<String, List<String>> byComponent = new LinkedHashMap<>();
    spec.labels().forEach((step, info) ->
        byComponent.computeIfAbsent(info.component().isEmpty() ? "steps" : info.component(),
            k -> new ArrayList<>()).add(step));
    List<String> outside = new ArrayList<>();
    for (String step : steps.keySet()) {
      if (!spec.labels().containsKey(step)) {
        outside.add(step);
      }
    }
    boolean inventory = !spec.labels().isEmpty();
    if (!outside.isEmpty()) {
      byComponent.put(inventory ? "not in the design's label inventory" : "steps", outside);
    }
    List<Map<String, Object>> components = new ArrayList<>();
    int reachedTotal = 0;
    for (Map.Entry<String, List<String>> c : byComponent.entrySet()) {
      List<String> names = new ArrayList<>(c.getValue());
      names.sort(null);
      List<Map<String, Object>> rows = new ArrayList<>();
      int reached = 0;
      for (String step : names) {
        long count = steps.getOrDefault(step, 0L);
        LabelInfo info = spec.labels().getOrDefault(step, LabelInfo.UNDESCRIBED);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("count", Formats.count(count));
        r.put("bar", count == 0 ? 0 : Math.max(1, Math.round(60.0 * count / max)));
        r.put("roles", String.join(", ", roles.getOrDefault(step, ImmutableSortedSet.of())));
        r.put("models", info.models());
        boolean must = mustSteps.contains(step);
        r.put("must", must);
        if (count > 0) {
          reached++;
          boolean known = !inventory || spec.labels().containsKey(step);
          r.put("status", known ? "reached" : "reached, but missing from the inventory (a "
              + "mirrorcheck bug)");
          r.put("css", known ? (must ? "must" : "") : "bad");
        } else {
          r.put("status", must ? "NEVER REACHED (must-reach)" : info.notInLibrary() != null
              ? "not reached: " + info.notInLibrary() : "not reached");
          r.put("css", must ? "bad" : "unreached");
        }
        rows.add(r);
      }
      reachedTotal += reached;
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("name", c.getKey());
      cm.put("rows", rows);
      cm.put("reached", reached);
      cm.put("total", rows.size());
      cm.put("open", reached > 0);
      components.add(cm);
    }
    List<Map<String, Object>> must = new ArrayList<>();
    for (String entry : spec.mustReach()) {
      boolean hit = spec.reached(entry);
      long n = 0;
      Set<String> who = new LinkedHashSet<>();
      for (Map.Entry<String, Long> e : spec.coverage().entrySet()) {
        if (SpecReport.matches(e.getKey(), entry)) {
          n += e.getValue();
          if (e.getValue() > 0) {
            who.add(SpecReport.roleOf(e.getKey()));
          }
        }
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("entry", entry);
      r.put("reached", hit);
      r.put("mark", hit ? "\u2713 reached" : "\u2717 NEVER REACHED");
      r.put("css", hit ? "good" : "bad");
      r.put("detail", hit ? Formats.count(n) + " steps by " + String.join(", ", who) : "");
      must.add(r);
    }
    int total = inventory ? spec.labels().size() : reachedTotal;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("components", components);
    m.put("hasRows", !components.isEmpty());
    m.put("inventory", inventory);
    m.put("summary", inventory
        ? reachedTotal + " of " + total + " protocol steps of design " + orDash(spec.design())
            + " were reached; every step of the design is listed, reached or not"
        : reachedTotal + " protocol step(s) reached; the harness names no design, so no step "
            + "is known to be missing");
    m.put("mustReach", must);
    m.put("hasMustReach", !must.isEmpty());
    m.put("unreachedMust", String.join(", ", spec.unreachedMustReach()));
    m.put("hasUnreachedMust", !spec.unreachedMustReach().isEmpty());
    return m;
  }

  private static List<Map<String, Object>> counterexamples(SpecReport spec, boolean svg) {
    List<Map<String, Object>> out = new ArrayList<>();
    boolean expected = spec.outcome() == Outcome.EXPECTED_VIOLATION;
    for (int i = 0; i < spec.counterexamples().size(); i++) {
      CounterexampleView cx = spec.counterexamples().get(i);
      Finding f = cx.finding();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", i + 1);
      m.put("anchor", "cx" + (i + 1));
      m.put("headline", headline(spec, f));
      m.put("css", expected ? "expected" : "bad");
      m.put("violation", violationLine(spec, f));
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
      if (svg && !cx.steps().isEmpty()) {
        SequenceDiagram d = new SequenceDiagram(cx.steps(), cx.actors());
        String note = violationLine(spec, f);
        String prefix = "cx" + (i + 1);
        boolean fold = cx.steps().size() > LONG_TRACE && d.cone().size() < cx.steps().size();
        m.put("fold", fold);
        if (fold) {
          m.put("svg", d.toSvg(prefix + "c", note, true));
          m.put("svgFull", d.toSvg(prefix, note, false));
          m.put("hidden", Formats.count(cx.steps().size() - d.cone().size()));
        } else {
          m.put("svg", d.toSvg(prefix, note, false));
        }
      }
      out.add(m);
    }
    return out;
  }

  private static String headline(SpecReport spec, Finding f) {
    return (f.property() == null ? kindWords(f.kind())
        : f.property() + titleInParens(spec, f.property()) + " violated") + " after " + f.steps()
        + " steps";
  }

  /** What failed, where and how it was checked: never "in (none)". */
  static String violationLine(SpecReport spec, Finding f) {
    String what = f.property() == null ? kindWords(f.kind()) : f.property() + " violated";
    String how;
    switch (f.kind()) {
      case INVARIANT:
        how = "an invariant checked after every step failed after the last step";
        break;
      case END_CHECK:
        how = "checked on the final state, once every actor had finished";
        break;
      case DEADLOCK:
        how = "no actor could run while some had not finished";
        break;
      case EXCEPTION:
        how = "thrown by " + (f.actor() == null ? "an actor" : f.actor());
        break;
      default:
        how = f.actor() == null ? "an assertion of the harness" : "asserted by " + f.actor();
    }
    return what + " (" + how + "): " + f.message();
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

  static String orDash(String s) {
    return s == null || s.isBlank() ? "(not given)" : s;
  }
}

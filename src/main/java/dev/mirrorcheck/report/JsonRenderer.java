package dev.mirrorcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSortedSet;
import dev.mirrorcheck.explore.Decision;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports as JSON for CI ({@value #SCHEMA}, described by {@code docs/report-schema.json}). The run's
 * {@code run.json} and each spec's {@code report.json} share one shape: the run header, a summary
 * and a list of specs (all of them, or just the one).
 */
public final class JsonRenderer {
  /** The value of the top-level {@code "schema"} field this version writes. */
  public static final String SCHEMA = "mirrorcheck-report/2";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonRenderer() {}

  /** Every spec of the run ({@code run.json}). */
  public static String renderRun(RunReport run) {
    ObjectNode root = header(run);
    ArrayNode specs = root.putArray("specs");
    for (int i = 0; i < run.specs().size(); i++) {
      specs.add(spec(run, i));
    }
    return write(root);
  }

  /** Spec number {@code index} only, with the run's header and summary ({@code report.json}). */
  public static String renderSpec(RunReport run, int index) {
    ObjectNode root = header(run);
    root.putArray("specs").add(spec(run, index));
    return write(root);
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serialises
    }
  }

  private static ObjectNode header(RunReport run) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    ObjectNode r = root.putObject("run");
    r.put("id", run.runId());
    r.put("startTime", DateTimeFormatter.ISO_INSTANT.format(run.startTime()));
    r.put("toolVersion", run.toolVersion());
    r.put("jvm", run.jvm());
    ArrayNode cmd = r.putArray("commandLine");
    run.commandLine().forEach(cmd::add);
    ObjectNode s = root.putObject("summary");
    s.put("verdict", run.verdict().name());
    s.put("specs", run.specs().size());
    s.put("pass", run.count(Result.Verdict.PASS));
    s.put("violation", run.count(Result.Verdict.VIOLATION));
    s.put("boundHit", run.count(Result.Verdict.BOUND_HIT));
    s.put("incomplete", run.count(Result.Verdict.INCOMPLETE));
    s.put("outcome", run.outcome().name());
    s.put("exitCode", run.outcome().exitCode());
    s.put("headline", run.headline());
    s.put("expectedViolation", run.count(Outcome.EXPECTED_VIOLATION));
    s.put("missingViolation", run.count(Outcome.MISSING_VIOLATION));
    s.put("vacuous", run.count(Outcome.VACUOUS));
    if (!run.unfinished().isEmpty()) {
      run.unfinished().forEach(s.putArray("unfinished")::add);
    }
    return root;
  }

  private static ObjectNode spec(RunReport run, int index) {
    SpecReport spec = run.specs().get(index);
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", spec.name());
    n.put("dir", run.specDirs().get(index));
    ObjectNode source = n.putObject("source");
    source.put("path", spec.sourcePath());
    source.put("text", spec.sourceText());
    n.put("design", spec.design());
    ArrayNode mutations = n.putArray("mutations");
    spec.mutations().forEach(mu -> mutations.addObject().put("id", mu.id()).put("title", mu.title()));
    ObjectNode options = n.putObject("options");
    spec.options().forEach(options::put);
    n.put("engine", spec.engine());
    statistics(n.putObject("statistics"), spec.statistics());
    ObjectNode verdict = n.putObject("verdict");
    verdict.put("status", spec.verdict().name());
    verdict.put("reason", spec.verdictReason());
    verdict.put("pass", spec.conclusive());
    ArrayNode props = n.putArray("properties");
    for (PropertyVerdict p : spec.properties()) {
      ObjectNode o = props.addObject();
      o.put("id", p.id()).put("title", p.title()).put("statement", p.statement())
          .put("status", p.status().name())
          .put("conclusive", p.status() != PropertyVerdict.Status.PASS || spec.conclusive());
      if (p.counterexample() >= 0) {
        o.put("counterexample", p.counterexample() + 1);
      } else {
        o.putNull("counterexample");
      }
    }
    ObjectNode outcome = n.putObject("outcome");
    outcome.put("status", spec.outcome().name()).put("headline", spec.outcome().headline())
        .put("exitCode", spec.outcome().exitCode()).put("asExpected", spec.outcome().asExpected());
    Expectation e = spec.expectation();
    ObjectNode expectation = n.putObject("expectation");
    expectation.put("violation", e.violation());
    ArrayNode props2 = expectation.putArray("properties");
    e.properties().forEach(props2::add);
    expectation.put("where", e.where()).put("explanation", e.explanation())
        .put("explainedAt", e.explainedAt());
    coverage(n.putObject("coverage"), spec);
    ObjectNode kills = n.putObject("kills");
    spec.kills().catalogue().forEach(kills.putArray("catalogue")::add);
    spec.kills().pit().forEach(kills.putArray("pit")::add);
    kills.put("pitSource", spec.kills().pitSource());
    ArrayNode warnings = n.putArray("warnings");
    spec.warnings().forEach(warnings::add);
    ArrayNode boundTrace = n.putArray("boundTrace");
    spec.boundTrace().forEach(boundTrace::add);
    ArrayNode cxs = n.putArray("counterexamples");
    for (int i = 0; i < spec.counterexamples().size(); i++) {
      counterexample(cxs.addObject(), i + 1, spec.counterexamples().get(i));
    }
    return n;
  }

  private static void coverage(ObjectNode c, SpecReport spec) {
    c.put("inventory", !spec.labels().isEmpty());
    Map<String, Long> counts = spec.stepCoverage();
    Map<String, ImmutableSortedSet<String>> roles = spec.stepRoles();
    Set<String> must = new TreeSet<>();
    spec.mustReach().forEach(m -> must.add(SpecReport.stepOf(m)));
    Map<String, LabelInfo> all = new LinkedHashMap<>(spec.labels());
    counts.keySet().forEach(step -> all.putIfAbsent(step, LabelInfo.UNDESCRIBED));
    ArrayNode steps = c.putArray("steps");
    all.forEach((step, info) -> {
      ObjectNode o = steps.addObject();
      o.put("step", step).put("count", counts.getOrDefault(step, 0L));
      ArrayNode r = o.putArray("roles");
      roles.getOrDefault(step, ImmutableSortedSet.of()).forEach(r::add);
      o.put("component", info.component()).put("models", info.models())
          .put("mustReach", must.contains(step)).put("notInLibrary", info.notInLibrary());
    });
    ArrayNode labels = c.putArray("labels");
    spec.coverage().forEach((label, n) -> labels.addObject().put("label", label).put("count", n));
    ArrayNode mustReach = c.putArray("mustReach");
    for (String entry : spec.mustReach()) {
      mustReach.addObject().put("entry", entry).put("reached", spec.reached(entry));
    }
    ArrayNode unreached = c.putArray("unreached");
    spec.unreachedLabels().forEach(unreached::add);
  }

  private static void statistics(ObjectNode o, Statistics s) {
    o.put("executions", s.executions());
    o.put("completed", s.completed());
    o.put("transitions", s.transitions());
    o.put("newTransitions", s.newTransitions());
    o.put("maxDepth", s.maxDepth());
    o.put("sleepBlocked", s.sleepBlocked());
    o.put("sleepPruned", s.sleepPruned());
    o.put("fallbacks", s.fallbacks());
    o.put("boundHits", s.boundHits());
    o.put("boundPruned", s.boundPruned());
    o.put("restarts", s.restarts());
    o.put("reduction", s.reduction());
    o.put("optimalExecutions", s.optimalExecutions());
    o.put("sourceBecause", s.sourceBecause());
    o.put("wallMillis", s.wallMillis());
    o.put("peakHeapBytes", s.peakHeapBytes());
    o.put("executionsPerSecond", s.executionsPerSecond());
    dev.mirrorcheck.explore.Estimate.Range e = s.estimate();
    if (e == null) {
      o.putNull("estimate");
    } else {
      o.putObject("estimate").put("totalLow", Math.round(e.low())).put("totalHigh",
          Math.round(e.high())).put("doneLow", e.doneLow()).put("doneHigh", e.doneHigh());
    }
  }

  private static void counterexample(ObjectNode o, int number, CounterexampleView cx) {
    Finding f = cx.finding();
    o.put("number", number);
    o.put("kind", f.kind().name());
    o.put("property", f.property());
    o.put("message", f.message());
    o.put("actor", f.actor());
    o.put("steps", f.steps());
    if (cx.reachedBy() > 0) {
      o.put("reachedBy", cx.reachedBy());
    } else {
      o.putNull("reachedBy");
    }
    o.put("reproduced", cx.reproduced());
    ArrayNode schedule = o.putArray("schedule");
    for (Decision d : f.schedule()) {
      if (d.isChoice()) {
        schedule.addObject().put("choose", d.choice());
      } else {
        schedule.addObject().put("actor", d.actor()).put("name", d.actorName());
      }
    }
    ArrayNode actors = o.putArray("actors");
    cx.actors().forEach(actors::add);
    ArrayNode steps = o.putArray("stepLog");
    for (StepLog.Step s : cx.steps()) {
      ObjectNode step = steps.addObject();
      step.put("index", s.index()).put("actor", s.actor()).put("label", s.label());
      ArrayNode accesses = step.putArray("accesses");
      for (StepLog.Access a : s.accesses()) {
        accesses.addObject().put("object", a.object()).put("op", a.operation()).put("value", a.value());
      }
    }
    o.put("replayCommand", cx.replayCommand());
    o.put("file", cx.file());
  }
}

package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.vocabulary.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a report says about one scenario: what was checked (source, design, mutations, bounds,
 * engine), how (statistics), the verdict, each property, coverage of the protocol labels, vacuity
 * warnings and the counterexamples.
 */
public final class SpecReport {
  private final String name;
  private final String sourcePath;
  private final String sourceText;
  private final String design;
  private final ImmutableList<MutationRef> mutations;
  private final ImmutableMap<String, String> options;
  private final String engine;
  private final Statistics statistics;
  private final Result.Verdict verdict;
  private final String verdictReason;
  private final ImmutableList<PropertyVerdict> properties;
  private final ImmutableSortedMap<String, Long> coverage;
  private final ImmutableMap<String, LabelInfo> labels;
  private final ImmutableList<String> mustReach;
  private final Expectation expectation;
  private final ImmutableList<String> warnings;
  private final ImmutableList<String> boundTrace;
  private final ImmutableList<CounterexampleView> counterexamples;
  private final Kills kills;

  private SpecReport(Builder b) {
    name = b.name;
    sourcePath = b.sourcePath;
    sourceText = b.sourceText;
    design = b.design;
    mutations = ImmutableList.copyOf(b.mutations);
    options = ImmutableMap.copyOf(b.options); // keeps the caller's order
    engine = b.engine;
    statistics = b.statistics;
    verdict = b.verdict;
    verdictReason = b.verdictReason;
    properties = ImmutableList.copyOf(b.properties);
    coverage = ImmutableSortedMap.copyOf(b.coverage);
    labels = ImmutableMap.copyOf(b.labels);
    mustReach = ImmutableList.copyOf(b.mustReach);
    expectation = b.expectation;
    warnings = ImmutableList.copyOf(b.warnings);
    boundTrace = ImmutableList.copyOf(b.boundTrace);
    counterexamples = ImmutableList.copyOf(b.counterexamples);
    kills = b.kills;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.sourcePath = sourcePath;
    b.sourceText = sourceText;
    b.design = design;
    b.mutations.addAll(mutations);
    b.options.putAll(options);
    b.engine = engine;
    b.statistics = statistics;
    b.verdict = verdict;
    b.verdictReason = verdictReason;
    b.properties.addAll(properties);
    b.coverage.putAll(coverage);
    b.labels.putAll(labels);
    b.mustReach.addAll(mustReach);
    b.expectation = expectation;
    b.warnings.addAll(warnings);
    b.boundTrace.addAll(boundTrace);
    b.counterexamples.addAll(counterexamples);
    b.kills = kills;
    return b;
  }

  /**
   * The explorer settings as report rows, in a fixed order; a command adds the scenario's own bounds
   * (pages, frames, ...) before or after them.
   */
  public static Map<String, String> optionsOf(ExplorerOptions o) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("step bound", Integer.toString(o.maxSteps()));
    m.put("stop at first violation", Boolean.toString(o.stopAtFirst()));
    m.put("time limit", o.timeLimit() == null ? "none" : o.timeLimit().toSeconds() + " s");
    m.put("preemption bound", o.preemptionBound() < 0 ? "none" : Integer.toString(o.preemptionBound()));
    m.put("shortest counterexample", Boolean.toString(o.shortest()));
    m.put("reduction (atomic blocks)", Boolean.toString(o.reduce()));
    m.put("threads", o.threads().name().toLowerCase(Locale.ROOT));
    return m;
  }

  /** The scenario's name as the user knows it (a spec file's name, a test method). */
  public String name() {
    return name;
  }

  /** Where the scenario was read from, or {@code null}. */
  public String sourcePath() {
    return sourcePath;
  }

  /** The scenario exactly as written, or {@code null}. */
  public String sourceText() {
    return sourceText;
  }

  /** The protocol design (such as {@code modern} or {@code odp}), or {@code null}. */
  public String design() {
    return design;
  }

  public ImmutableList<MutationRef> mutations() {
    return mutations;
  }

  /** Bounds and engine options, in the order given. */
  public ImmutableMap<String, String> options() {
    return options;
  }

  /** Which threads ran the actors ({@link Result#engine()}), or {@code null}. */
  public String engine() {
    return engine;
  }

  public Statistics statistics() {
    return statistics;
  }

  public Result.Verdict verdict() {
    return verdict;
  }

  /** One line saying why the verdict is what it is. */
  public String verdictReason() {
    return verdictReason;
  }

  /** Whether every execution was covered without a violation: only then is a property's PASS a proof. */
  public boolean conclusive() {
    return verdict == Result.Verdict.PASS;
  }

  public ImmutableList<PropertyVerdict> properties() {
    return properties;
  }

  /** Executed steps per protocol label, by label. */
  public ImmutableSortedMap<String, Long> coverage() {
    return coverage;
  }

  /**
   * Every protocol step the scenario's design has (the part of a label after {@code ROLE:}), with
   * what it models, component by component; empty when the caller did not say (a harness without a
   * design).
   */
  public ImmutableMap<String, LabelInfo> labels() {
    return labels;
  }

  /** Executed steps per protocol step name, summed over the roles that ran it. */
  public ImmutableSortedMap<String, Long> stepCoverage() {
    TreeMap<String, Long> out = new TreeMap<>();
    coverage.forEach((label, n) -> out.merge(stepOf(label), n, Long::sum));
    return ImmutableSortedMap.copyOf(out);
  }

  /** Steps of {@link #labels()} no execution reached. */
  public ImmutableSortedSet<String> unreachedLabels() {
    ImmutableSortedMap<String, Long> steps = stepCoverage();
    TreeSet<String> out = new TreeSet<>();
    for (String step : labels.keySet()) {
      if (steps.getOrDefault(step, 0L) == 0) {
        out.add(step);
      }
    }
    return ImmutableSortedSet.copyOf(out);
  }

  /** The spec's {@code must-reach} entries ({@code STEP} or {@code ROLE:STEP}), as written. */
  public ImmutableList<String> mustReach() {
    return mustReach;
  }

  /** Whether some executed label matches a must-reach entry ({@code STEP} or {@code ROLE:STEP}). */
  public boolean reached(String mustReachEntry) {
    for (Map.Entry<String, Long> e : coverage.entrySet()) {
      if (e.getValue() > 0 && matches(e.getKey(), mustReachEntry)) {
        return true;
      }
    }
    return false;
  }

  /** Whether executed label {@code label} is one a must-reach {@code entry} asks for. */
  public static boolean matches(String label, String entry) {
    return entry.contains(":") ? label.equals(entry) || label.endsWith("/" + entry)
        : stepOf(label).equals(entry);
  }

  /** Must-reach entries no execution reached: a pass says nothing about the race they stand for. */
  public ImmutableList<String> unreachedMustReach() {
    List<String> out = new ArrayList<>();
    for (String m : mustReach) {
      if (!reached(m)) {
        out.add(m);
      }
    }
    return ImmutableList.copyOf(out);
  }

  /** What the spec expects the check to find. */
  public Expectation expectation() {
    return expectation;
  }

  /** Whether a violation's property (or finding kind) is one the spec expects. */
  private boolean expectedFinding() {
    if (counterexamples.isEmpty()) {
      return expectation.properties().isEmpty();
    }
    for (CounterexampleView cx : counterexamples) {
      String id = cx.finding().property() == null ? cx.finding().kind().name()
          : cx.finding().property();
      if (expectation.properties().isEmpty() || expectation.properties().contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** The verdict read against the expectation and the must-reach steps (see {@link Outcome}). */
  public Outcome outcome() {
    if (expectation.violation()) {
      return verdict == Result.Verdict.VIOLATION && expectedFinding() ? Outcome.EXPECTED_VIOLATION
          : verdict == Result.Verdict.VIOLATION || verdict == Result.Verdict.PASS
              ? Outcome.MISSING_VIOLATION : incompleteOutcome();
    }
    switch (verdict) {
      case VIOLATION:
        return Outcome.VIOLATION;
      case PASS:
        return unreachedMustReach().isEmpty() ? Outcome.PASS : Outcome.VACUOUS;
      default:
        return incompleteOutcome();
    }
  }

  private Outcome incompleteOutcome() {
    return verdict == Result.Verdict.BOUND_HIT ? Outcome.BOUND_HIT : Outcome.INCOMPLETE;
  }

  /** The step of a label ({@link Labels#stepOf}). */
  static String stepOf(String label) {
    return Labels.stepOf(label);
  }

  /** The role of a label ({@link Labels#roleOf}). */
  static String roleOf(String label) {
    return Labels.roleOf(label);
  }

  /** The roles that ran each step (steps never run are absent), by step name. */
  public ImmutableSortedMap<String, ImmutableSortedSet<String>> stepRoles() {
    TreeMap<String, TreeSet<String>> roles = new TreeMap<>();
    coverage.forEach((label, n) -> {
      if (n > 0) {
        roles.computeIfAbsent(stepOf(label), k -> new TreeSet<>()).add(roleOf(label));
      }
    });
    TreeMap<String, ImmutableSortedSet<String>> out = new TreeMap<>();
    roles.forEach((k, v) -> out.put(k, ImmutableSortedSet.copyOf(v)));
    return ImmutableSortedMap.copyOf(out);
  }

  /** The model mutants this scenario kills (catalogue and PIT); empty when none are known. */
  public Kills kills() {
    return kills;
  }

  /** Vacuity warnings, as the caller worded them. */
  public ImmutableList<String> warnings() {
    return warnings;
  }

  /**
   * For a verdict of BOUND_HIT: the last steps of the first execution that reached the bound, one
   * line each, a repeating cycle marked with {@code |}; empty otherwise.
   */
  public ImmutableList<String> boundTrace() {
    return boundTrace;
  }

  public ImmutableList<CounterexampleView> counterexamples() {
    return counterexamples;
  }

  /** Collects a spec's parts; name, statistics and verdict are required. */
  public static final class Builder {
    private final String name;
    private String sourcePath;
    private String sourceText;
    private String design;
    private final List<MutationRef> mutations = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private String engine;
    private Statistics statistics;
    private Result.Verdict verdict;
    private String verdictReason;
    private final List<PropertyVerdict> properties = new ArrayList<>();
    private final Map<String, Long> coverage = new TreeMap<>();
    private final Map<String, LabelInfo> labels = new LinkedHashMap<>();
    private final List<String> mustReach = new ArrayList<>();
    private Expectation expectation = Expectation.PASS;
    private final List<String> warnings = new ArrayList<>();
    private Kills kills = Kills.NONE;
    private final List<String> boundTrace = new ArrayList<>();
    private final List<CounterexampleView> counterexamples = new ArrayList<>();

    private Builder(String name) {
      Preconditions.checkArgument(name != null && !name.isBlank(), "a spec report needs a name");
      this.name = name;
    }

    /** The file the scenario came from and its text exactly as written; either may be null. */
    public Builder source(String path, String text) {
      sourcePath = path;
      sourceText = text;
      return this;
    }

    public Builder design(String v) {
      design = v;
      return this;
    }

    public Builder mutation(String id, String title) {
      mutations.add(new MutationRef(id, title));
      return this;
    }

    public Builder mutations(Collection<MutationRef> v) {
      mutations.addAll(v);
      return this;
    }

    /** Adds one bound or option row (a later value for the same key replaces it in place). */
    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public Builder options(Map<String, String> v) {
      v.forEach(this::option);
      return this;
    }

    public Builder engine(String v) {
      engine = v;
      return this;
    }

    public Builder statistics(Statistics v) {
      statistics = Objects.requireNonNull(v);
      return this;
    }

    public Builder verdict(Result.Verdict v, String reason) {
      verdict = Objects.requireNonNull(v);
      verdictReason = reason;
      return this;
    }

    /** Statistics, verdict with its reason, coverage and engine from an exploration's result. */
    public Builder result(Result r) {
      statistics(r.statistics());
      verdict(r.verdict(), reasonFor(r));
      coverage(r.coverage());
      engine(r.engine());
      return this;
    }

    public Builder property(PropertyVerdict v) {
      properties.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder properties(Collection<PropertyVerdict> v) {
      v.forEach(this::property);
      return this;
    }

    /** Replaces the coverage counts. */
    public Builder coverage(Map<String, Long> v) {
      coverage.clear();
      coverage.putAll(v);
      return this;
    }

    /** The design's protocol steps, by step name (see {@link SpecReport#labels()}). */
    public Builder labels(Map<String, LabelInfo> v) {
      labels.putAll(v);
      return this;
    }

    /** Labels ({@code ROLE:STEP} or {@code STEP}) the harness can emit, without descriptions. */
    public Builder labels(Collection<String> v) {
      for (String label : v) {
        labels.putIfAbsent(stepOf(label), LabelInfo.UNDESCRIBED);
      }
      return this;
    }

    public Builder mustReach(Collection<String> v) {
      mustReach.addAll(v);
      return this;
    }

    public Builder expectation(Expectation v) {
      expectation = Objects.requireNonNull(v);
      return this;
    }

    public Builder kills(Kills v) {
      kills = Objects.requireNonNull(v);
      return this;
    }

    public Builder warning(String v) {
      warnings.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder warnings(Collection<String> v) {
      v.forEach(this::warning);
      return this;
    }

    public Builder counterexample(CounterexampleView v) {
      counterexamples.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder boundTrace(Collection<String> v) {
      boundTrace.clear();
      boundTrace.addAll(v);
      return this;
    }

    public Builder counterexamples(Collection<CounterexampleView> v) {
      v.forEach(this::counterexample);
      return this;
    }

    public SpecReport build() {
      Preconditions.checkState(statistics != null, "spec %s: no statistics (call result())", name);
      Preconditions.checkState(verdict != null, "spec %s: no verdict (call result())", name);
      for (PropertyVerdict p : properties) {
        Preconditions.checkState(p.counterexample() < counterexamples.size(),
            "spec %s: property %s points at counterexample %s of %s", name, p.id(),
            p.counterexample(), counterexamples.size());
      }
      if (verdictReason == null || verdictReason.isBlank()) {
        verdictReason = defaultReason(verdict, counterexamples.size());
      }
      return new SpecReport(this);
    }

    private static String reasonFor(Result r) {
      switch (r.verdict()) {
        case BOUND_HIT:
          return r.statistics().boundHits() + " execution(s) reached the step bound; raise it";
        case INCOMPLETE:
          return "search incomplete: " + r.incompleteReason();
        default:
          return defaultReason(r.verdict(), r.findings().size());
      }
    }

    private static String defaultReason(Result.Verdict v, int violations) {
      switch (v) {
        case PASS:
          return "every interleaving of the bounded scenario was explored; no property was violated";
        case VIOLATION:
          return violations + " distinct violation(s) found";
        case BOUND_HIT:
          return "some execution reached the step bound";
        default:
          return "the search stopped early";
      }
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.BoundExample;
import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.Progress;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.CounterexampleView;
import dev.mirrorcheck.report.Expectation;
import dev.mirrorcheck.report.Kills;
import dev.mirrorcheck.report.LabelInfo;
import dev.mirrorcheck.report.PropertyVerdict;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.vocabulary.LabelInventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks one spec: explores it with its own bounds (command-line flags override them), replays and
 * saves each counterexample, and builds the spec's report with per-property verdicts, coverage and
 * vacuity warnings.
 */
final class SpecCheck {
  /** Property ids the explorer reports itself, besides the catalogue's. */
  static final String DATA = "data";

  private final Spec spec;
  private final Mutations mutations;
  private final List<Property> properties;
  private final boolean data;
  private String reportName; // null: the spec's name
  private Expectation expectation; // null: what the spec expects

  /** Checks {@code properties}, and the spec's {@code expect} clauses if it asks for them. */
  SpecCheck(Spec spec, Mutations mutations, List<Property> properties) {
    this(spec, mutations, properties, SpecChecks.checksData(spec, List.of()));
  }

  /** {@code data}: whether the {@code expect} clauses are checked (property {@code data}). */
  SpecCheck(Spec spec, Mutations mutations, List<Property> properties, boolean data) {
    this.spec = spec;
    this.mutations = mutations;
    this.properties = properties;
    this.data = data;
  }

  /** What checking one spec produced. */
  static final class Outcome {
    final Spec spec;
    final Result result;
    final SpecReport report;
    final long millis;
    /** Why the search hit a bound (verdict BOUND_HIT), or null. */
    final BoundDiagnosis bound;
    /**
     * Several workers stopped the search at a violation: how much it explored first depends on the
     * timing, so its figures are not comparable with the baseline's.
     */
    final boolean timedStop;

    Outcome(Spec spec, Result result, SpecReport report, long millis, BoundDiagnosis bound,
        boolean timedStop) {
      this.spec = spec;
      this.result = result;
      this.report = report;
      this.millis = millis;
      this.bound = bound;
      this.timedStop = timedStop;
    }

    /** Must-reach entries no execution reached. */
    List<String> unreached() {
      return report.unreachedMustReach();
    }

    /** A pass that never reached a step the spec must reach proves nothing about it. */
    boolean vacuous() {
      return report.outcome() == dev.mirrorcheck.report.Outcome.VACUOUS;
    }

    /** Whether the outcome matches what the spec expects ({@code expect:}, a pass by default). */
    boolean asExpected() {
      return report.outcome().asExpected();
    }
  }

  /** Explorer options: the spec's bounds and engine settings, then any flag given on the command line. */
  static ExplorerOptions.Builder options(Spec spec, ExplorerOptionsMixin flags) {
    ExplorerOptions.Builder b = flags.builder();
    ExplorerOptions given = b.build();
    ExplorerOptions defaults = ExplorerOptions.defaults();
    if (given.maxSteps() == defaults.maxSteps()) {
      b.maxSteps(spec.maxSteps());
    }
    if (given.stopAtFirst() && !spec.stopAtFirst()) {
      b.stopAtFirst(false);
    }
    if (given.timeLimit() == null && spec.timeLimitSeconds() > 0) {
      b.timeLimit(Duration.ofSeconds(spec.timeLimitSeconds()));
    }
    if (given.preemptionBound() < 0 && spec.preemptionBound() >= 0) {
      b.preemptionBound(spec.preemptionBound());
    }
    if (given.reduce() && !spec.reduce()) {
      b.reduce(false);
    }
    if (!flags.dporGiven() && spec.dpor() != null) {
      b.dpor(ExplorerOptions.Dpor.valueOf(spec.dpor().toUpperCase(java.util.Locale.ROOT)));
    }
    if (!flags.symmetryGiven() && spec.symmetry() != null) {
      b.symmetry(ExplorerOptionsMixin.parseSymmetry(spec.symmetry()));
    }
    if (!flags.workersGiven() && spec.workers() > 0) {
      b.workers(spec.workers());
    }
    ExplorerOptions chosen = b.build();
    if (chosen.workers() > 1 && chosen.stopAtFirst() && chosen.stopOn().isEmpty()
        && spec.expect() == Spec.Expect.VIOLATION && !spec.expectProperties().isEmpty()) {
      // Several workers meet violations in no fixed order: stopping at the first one could end the
      // search on another property than the one the spec expects, depending on the timing.
      b.stopAtFirst(false).stopOn(spec.expectProperties());
    }
    return b;
  }

  /**
   * Checks {@code spec} exactly as {@code check} does without flags that change what is checked:
   * its own mutations and properties, its bounds and engine settings (command-line flags override
   * them), progress on {@code err}, counterexamples under {@code outDir}. {@code compare} and
   * {@code mutants} use it, so every command reports the same executions and violations.
   */
  static Outcome asCheck(Spec spec, ExplorerOptionsMixin flags, PrintWriter err, Path outDir) {
    SpecCheck c = new SpecCheck(spec, Mutations.copyOf(spec.mutations()),
        SpecChecks.select(spec, List.of()));
    flags.noteParallelReduction(options(spec, flags).build(), err);
    try (ProgressLine progress = ProgressLine.of(err, spec.name())) {
      return c.run(options(spec, flags), progress, outDir);
    }
  }

  /**
   * Checks {@code spec} with mutation {@code m} switched on as well, collecting distinct violations
   * ({@code stopAtFirst} false) until one of a property the catalogue names for {@code m} shows up,
   * so the catalogued property is the one reported. The report is named {@code SPEC+M} and expects
   * a violation of one of those properties (the mutation must be caught).
   */
  static Outcome mutant(Spec spec, Mutation m, ExplorerOptionsMixin flags, PrintWriter err,
      Path outDir) {
    List<Mutation> muts = new ArrayList<>(spec.mutations());
    muts.add(m);
    SpecCheck c = new SpecCheck(spec, Mutations.copyOf(muts), SpecChecks.select(spec, List.of()));
    c.reportName = spec.name() + "+" + m.id();
    c.expectation = Expectation.violation(List.copyOf(m.breaks()), null,
        "mutation " + m.id() + " (" + m.title() + ") is switched on; the scenario must catch it "
            + "with a property the catalogue names for it.", null);
    flags.noteParallelReduction(options(spec, flags).build(), err);
    try (ProgressLine progress = ProgressLine.of(err, c.reportName)) {
      return c.run(options(spec, flags).stopAtFirst(false).stopOn(m.breaks()), progress, outDir);
    }
  }

  Outcome run(ExplorerOptions.Builder optionsBuilder, Consumer<Progress> progress, Path outDir) {
    ExplorerOptions options = optionsBuilder.progress(progress).build();
    HarnessRef ref = SpecHarness.ref(spec, mutations, properties, data);
    var harness = SpecChecks.harness(spec, mutations, properties, data);
    Explorer explorer = new Explorer(options);
    long start = System.nanoTime();
    Result result = explorer.explore(harness);
    long millis = (System.nanoTime() - start) / 1_000_000;
    SpecReport.Builder report = SpecReport.builder(reportName == null ? spec.name() : reportName)
        .source(spec.file(), spec.text())
        .design(spec.design().word())
        .options(SpecReport.optionsOf(options))
        .option("pages", Integer.toString(spec.pages()))
        .option("frames", Integer.toString(spec.frames()))
        .result(result);
    for (Mutation m : mutations.asSet()) {
      report.mutation(m.name(), m.title());
    }
    List<CounterexampleView> views = new ArrayList<>();
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      Replay replay = explorer.replay(harness, f.schedule());
      Path file = outDir.resolve("counterexample-" + (i + 1) + ".json");
      Counterexample cx = Counterexample.of(ref, f, replay);
      writeCounterexample(file, cx);
      Path shown = CounterexampleOutput.display(file);
      views.add(CounterexampleView.builder(f).replay(replay).steps(cx.steps().orElseThrow())
          .reachedBy(result.findingCounts().getOrDefault(f.key(), 1L))
          .file(shown).replayCommand("./mirrorcheck replay " + shown).build());
    }
    report.counterexamples(views);
    BoundDiagnosis bound = null;
    if (result.verdict() == Result.Verdict.BOUND_HIT && result.boundExample() != null) {
      BoundExample b = result.boundExample();
      bound = BoundDiagnosis.of(b, b.stepBound() ? List.of()
          : explorer.replay(harness, b.schedule()).steps());
      report.verdict(Result.Verdict.BOUND_HIT, bound.summary()).boundTrace(bound.trace());
    }
    String advice = timeLimitAdvice(result, options);
    if (advice != null) {
      report.warning(advice);
    }
    for (Property p : properties) {
      report.property(verdict(p.id(), p.title(), p.statement(), result));
    }
    if (data && spec.actors().values().stream().flatMap(List::stream).anyMatch(o -> o.hasExpectation())) {
      report.property(verdict(DATA, "data read back",
          "Every read with an expect clause in the spec returned one of the values it allows, as "
              + "hmm-tests checks the data a device or CPU reads back.", result));
    }
    LabelInventory inventory = LabelInventory.of(spec.design());
    Map<String, LabelInfo> labels = new LinkedHashMap<>();
    for (String component : inventory.components()) {
      inventory.steps().forEach((name, step) -> {
        if (step.component().equals(component)) {
          labels.put(name, new LabelInfo(component, step.models(),
              inventory.notInLibrary().get(name)));
        }
      });
    }
    report.kills(kills(spec));
    report.labels(labels).mustReach(spec.mustReach())
        .expectation(expectation == null ? expectation(spec) : expectation);
    boolean timedStop = options.workers() > 1 && result.verdict() == Result.Verdict.VIOLATION
        && (options.stopAtFirst() || !options.stopOn().isEmpty());
    return new Outcome(spec, result, report.build(), millis, bound, timedStop);
  }

  /**
   * What makes a search the time limit stopped finish: null unless that is why it is incomplete.
   * INCOMPLETE stays a non-pass; this only says what to change.
   */
  static String timeLimitAdvice(Result r, ExplorerOptions options) {
    if (r.verdict() != Result.Verdict.INCOMPLETE || r.incompleteReason() == null
        || !r.incompleteReason().startsWith("time limit")) {
      return null;
    }
    List<String> ways = new ArrayList<>();
    if (options.preemptionBound() < 0) {
      ways.add("a preemption bound (--preemption-bound 2 finds most bugs, but proves nothing)");
    }
    ways.add("fewer actors or pages in the spec (each actor multiplies the work)");
    if (options.workers() == 1 && ExplorerOptions.allCores() > 1) {
      ways.add("--workers " + ExplorerOptions.allCores() + " (every core)");
    }
    ways.add("a longer --time-limit");
    String ck = options.checkpointing() == null
        ? "; with --checkpoint DIR a later --resume DIR goes on from where it stopped"
        : "; --resume " + options.checkpointing().file().getParent() + " goes on from where it "
            + "stopped";
    return "the time limit stopped the search before its end: " + String.join(", ", ways) + ck;
  }

  /** The catalogue mutations the spec designates and the PIT mutants credited to it, if a run exists. */
  static Kills kills(Spec spec) {
    List<String> catalogue = new ArrayList<>();
    for (Mutation m : spec.kills()) {
      catalogue.add(m.id());
    }
    return Kills.of(catalogue, List.of(), null).withPit(SourceMutants.creditedTo(spec.name()));
  }

  /** The spec's {@code expect:}, where it says so, and its comment explaining a finding. */
  static Expectation expectation(Spec spec) {
    if (spec.expect() != Spec.Expect.VIOLATION) {
      return Expectation.PASS;
    }
    String where = spec.expectLine() > 0 ? spec.file() + ":" + spec.expectLine()
        : spec.mutations().isEmpty() ? null : spec.file() + " (its mutations must be caught)";
    SpecComments.Note note = SpecComments.expectedViolation(spec.text());
    return note == null ? Expectation.violation(spec.expectProperties(), where, null, null)
        : Expectation.violation(spec.expectProperties(), where, note.text(),
            spec.file() + " lines " + note.firstLine() + "-" + note.lastLine());
  }

  private static PropertyVerdict verdict(String id, String title, String statement, Result r) {
    for (int i = 0; i < r.findings().size(); i++) {
      if (id.equals(r.findings().get(i).property())) {
        return PropertyVerdict.violated(id, title, statement, i);
      }
    }
    return PropertyVerdict.pass(id, title, statement);
  }

  private static void writeCounterexample(Path file, Counterexample cx) {
    try {
      Files.createDirectories(file.getParent());
      CounterexampleFile.write(file, cx);
    } catch (IOException e) {
      throw new UserError("cannot write counterexample " + file + ": " + e.getMessage());
    }
  }
}

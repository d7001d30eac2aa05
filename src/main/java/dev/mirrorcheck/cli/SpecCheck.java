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
import dev.mirrorcheck.report.PropertyVerdict;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    final List<String> unreached;
    final long millis;
    /** Why the search hit a bound (verdict BOUND_HIT), or null. */
    final BoundDiagnosis bound;

    Outcome(Spec spec, Result result, SpecReport report, List<String> unreached, long millis,
        BoundDiagnosis bound) {
      this.spec = spec;
      this.result = result;
      this.report = report;
      this.unreached = unreached;
      this.millis = millis;
      this.bound = bound;
    }

    /** A pass that never reached a step the spec must reach proves nothing about it. */
    boolean vacuous() {
      return result.verdict() == Result.Verdict.PASS && !unreached.isEmpty();
    }

    /** Whether the outcome matches what the spec expects ({@code expect:}, a pass by default). */
    boolean asExpected() {
      if (spec.expect() == Spec.Expect.PASS) {
        return result.verdict() == Result.Verdict.PASS && !vacuous();
      }
      if (result.verdict() != Result.Verdict.VIOLATION) {
        return false;
      }
      if (spec.expectProperties().isEmpty()) {
        return true;
      }
      for (Finding f : result.findings()) {
        if (spec.expectProperties().contains(f.property())) {
          return true;
        }
      }
      return false;
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
    return b;
  }

  /**
   * Checks {@code spec} with every property of its design and {@code muts} switched on, with
   * progress on {@code err} and counterexamples under {@code scratch}/NAME. A mutant is explored for
   * distinct violations ({@code stopAtFirst} false) until one of {@code stopOn} shows up (the
   * properties the catalogue names for it), so the catalogued property is the one reported.
   */
  static Outcome quiet(Spec spec, Mutations muts, ExplorerOptionsMixin flags, boolean stopAtFirst,
      java.util.Collection<String> stopOn, PrintWriter err, Path scratch) {
    List<Property> properties = SpecChecks.select(spec, List.of());
    var options = options(spec, flags).stopAtFirst(stopAtFirst).stopOn(stopOn);
    return new SpecCheck(spec, muts, properties).run(options, p -> {
      err.println("mirrorcheck: " + spec.name() + " " + muts.asSet() + ": " + p);
      err.flush();
    }, scratch.resolve(SafeNames.of(spec.name())));
  }

  Outcome run(ExplorerOptions.Builder optionsBuilder, Consumer<Progress> progress, Path outDir) {
    ExplorerOptions options = optionsBuilder.progress(progress).build();
    HarnessRef ref = SpecHarness.ref(spec, mutations, properties, data);
    var harness = SpecChecks.harness(spec, mutations, properties, data);
    Explorer explorer = new Explorer(options);
    long start = System.nanoTime();
    Result result = explorer.explore(harness);
    long millis = (System.nanoTime() - start) / 1_000_000;
    SpecReport.Builder report = SpecReport.builder(spec.name())
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
    for (Property p : properties) {
      report.property(verdict(p.id(), p.title(), p.statement(), result));
    }
    if (data && spec.actors().values().stream().flatMap(List::stream).anyMatch(o -> o.hasExpectation())) {
      report.property(verdict(DATA, "data read back",
          "Every read with an expect clause in the spec returned one of the values it allows, as "
              + "hmm-tests checks the data a device or CPU reads back.", result));
    }
    List<String> unreached = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    for (String suffix : spec.mustReach()) {
      Set<String> hits = new LinkedHashSet<>();
      for (Map.Entry<String, Long> e : result.coverage().entrySet()) {
        if (e.getKey().endsWith(":" + suffix) || e.getKey().equals(suffix)) {
          hits.add(e.getKey());
        }
      }
      if (hits.isEmpty()) {
        unreached.add(suffix);
        expected.add("*:" + suffix);
      } else {
        expected.addAll(hits);
      }
    }
    report.expectedLabels(expected);
    for (String u : unreached) {
      report.warning("no execution reached a '" + u + "' step (must-reach): a pass proves nothing "
          + "about the race it was meant to cover");
    }
    return new Outcome(spec, result, report.build(), unreached, millis, bound);
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

package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.Outcomes;
import dev.mirrorcheck.report.ReportWriter;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirrorcheck check SPEC|DIR...}: explores scenario specs and writes proof reports. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Check scenario specs exhaustively and write proof-of-correctness reports.",
    description = {
      "Explores every interleaving of each scenario spec (up to partial-order equivalence) with the "
          + "properties it names (default: every property of its design) and prints a verdict per "
          + "spec and a summary. Each run writes report.md, report.html and report.json per spec and "
          + "an index.html under OUT/<run-id>/, and one replayable counterexample file per violation.",
      "",
      "A spec's own bounds and engine settings apply unless a flag overrides them. A pass that never "
          + "reached a step the spec lists under must-reach is reported as vacuous."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck check specs/                       # the whole scenario library",
      "  ./mirrorcheck check specs/anon_teardown.yaml --mutation M3   # watch a bug get caught",
      "  ./mirrorcheck check specs/ --property S1 --all   # S1 only, every distinct violation",
      "  ./mirrorcheck check specs/odp_teardown.yaml --design legacy-odp   # one design of a spec",
      "  ./mirrorcheck check specs/ --time-limit 600 --time-limit-per-design 300",
      "  ./mirrorcheck check specs/ --keep-going          # check what parses, report the rest",
      "  ./mirrorcheck check my.yaml --classpath target/classes   # a spec with driver: your class",
      "  ./mirrorcheck check big.yaml --checkpoint ckpt/  # saves every 30 s, on Ctrl-C and at the end",
      "  ./mirrorcheck check big.yaml --resume ckpt/      # goes on after Ctrl-C, kill -9, time limit",
      "  ./mirrorcheck check big.yaml --cluster cluster.yaml  # with 'mirrorcheck worker' members",
    })
final class CheckCommand implements Callable<Integer>, ExitCodes {
  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(paramLabel = "SPEC|DIR", arity = "1..*",
      description = "Spec files, or directories searched for *.yaml files.")
  List<Path> inputs;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Directories or jars holding the driver classes specs name with 'driver:', "
          + "separated by ':'; repeatable. Example: --classpath target/classes")
  List<String> classpath = new ArrayList<>();

  @Option(names = "--mutation", paramLabel = "M",
      description = "Switch on a catalogue mutation (repeatable), e.g. M3. Specs whose design it "
          + "does not apply to are skipped.")
  List<String> mutationIds = new ArrayList<>();

  @Option(names = "--property", paramLabel = "ID",
      description = "Check only this property (repeatable), e.g. S1.")
  List<String> propertyIds = new ArrayList<>();

  @Option(names = "--design", paramLabel = "D",
      description = "Check only this design of each spec (a spec lists more with designs:): odp, "
          + "hmm2015, legacy-odp or modern runs every variant of that design; a variant label "
          + "such as odp.srcu runs that one.")
  String design;

  @Option(names = "--time-limit-per-design", paramLabel = "SECONDS",
      description = "Stop exploring one design of a spec after this many seconds (INCOMPLETE). "
          + "--time-limit (or the spec's engine time-limit) is shared by all the designs of a "
          + "spec; with both, each design gets the smaller of this and what the spec has left.")
  Long perDesignSeconds;

  @Option(names = "--update-baseline",
      description = "Record each spec's completed executions and distinct protocol labels in "
          + "baseline.tsv beside it (only with the specs' own settings and no --mutation or "
          + "--property). Without it, a run that explores fewer than recorded prints a warning.")
  boolean updateBaseline;

  @Option(names = "--keep-going",
      description = "Run the specs that parse even when others are malformed (which are reported, "
          + "and make the exit code 2 unless a violation was found). By default a malformed spec "
          + "stops the run before anything is checked.")
  boolean keepGoing;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Save each exploration's frontier in DIR every --checkpoint-every seconds, at "
          + "its end and on Ctrl-C or SIGTERM, so that --resume DIR can continue a run killed at "
          + "any moment (also kill -9); with --workers N or --cluster too, and a resume may use "
          + "any number of workers.")
  Path checkpoint;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run whose checkpoints are in DIR (and go on saving there): "
          + "give the same specs and options as the run that wrote them. Ends with the verdict "
          + "and counts of an uninterrupted run; --time-limit and --checkpoint-every may differ.")
  Path resume;

  @Option(names = "--checkpoint-every", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between two checkpoints (default: ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(names = "--cluster", paramLabel = "CONFIG",
      description = "Share each exploration with the workers of a cluster of machines (mirrorcheck "
          + "worker --cluster CONFIG on each): this JVM is the coordinator and explores with its "
          + "own --workers too. The verdict and counts are those of one worker; a member that "
          + "dies mid-run loses nothing. See the README, \"A cluster of machines\".")
  Path cluster;

  /** The cluster this run coordinates, or null. */
  private ClusterOption coordinator;

  @Mixin OutDirMixin out = new OutDirMixin();

  /** Whether this run's figures are comparable with the baseline (the specs' own settings). */
  private boolean baselined;
  private final Map<Path, Baseline> baselines = new java.util.LinkedHashMap<>();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "every spec behaved as it says: an exhaustive pass, or the violation it declares "
            + "with expect:",
        ExitCode.VIOLATION, "a violation was found in some (scenario, design) that the spec does not "
            + "expect, whatever else was incomplete (replayable counterexample written), or a "
            + "violation a spec expects was not",
        ExitCode.USAGE, ExitCode.USAGE_TEXT + "; malformed spec files (all are reported, and "
            + "nothing is run without --keep-going)",
        ExitCode.INCOMPLETE, "no unexpected violation, but some result is not a proof (bound hit, time limit, "
            + "must-reach step never reached)",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  /** The finished specs' outcomes; the shutdown hook reports them if the run is interrupted. */
  private final List<SpecCheck.Outcome> outcomes =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private boolean reported;
  private volatile int current; // the index of the spec being checked

  @Override
  public Integer call() {
    // drivers (spec key driver:) load through the context class loader --classpath sets
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try {
      return run();
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  private Integer run() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    if (perDesignSeconds != null && perDesignSeconds <= 0) {
      throw new UserError("--time-limit-per-design must be a positive number of seconds, got "
          + perDesignSeconds);
    }
    TimeBudget budget = new TimeBudget(explorer.timeLimit(), perDesignSeconds == null ? null
        : Duration.ofSeconds(perDesignSeconds));
    List<Mutation> extra = Mutants.parseIds(mutationIds);
    // every spec is validated (YAML, operations, properties) before any is run
    // and the explorer's threads started from this one inherit it
    ClassLoader drivers = HarnessClasspath.loader(classpath);
    Thread.currentThread().setContextClassLoader(drivers);
    SpecFiles.Loaded loaded = SpecFiles.load(SpecFiles.find(inputs), spec -> {
      SpecChecks.select(spec, List.of());
      SpecFiles.loadDriver(spec, drivers);
    });
    for (String problem : loaded.problems) {
      e.println("mirrorcheck: " + problem);
    }
    if (!loaded.problems.isEmpty() && !keepGoing) {
      if (loaded.problems.size() > 1) {
        e.println("mirrorcheck: " + loaded.problems.size() + " problems in the spec files; nothing "
            + "was run (--keep-going checks the specs that parse)");
      }
      return ExitCode.USAGE;
    }
    List<Spec> specs = design == null ? loaded.specs : onlyDesign(loaded.specs, design);
    baselined = mutationIds.isEmpty() && propertyIds.isEmpty() && !explorer.changesResults();
    if (updateBaseline && !baselined) {
      throw new UserError("--update-baseline records the specs' own exploration: drop --mutation, "
          + "--property and the explorer flags that change what is explored");
    }
    CheckpointDir checkpoints = CheckpointDir.of(checkpoint, resume, checkpointEvery);
    try (ClusterOption shared = cluster == null ? null : ClusterOption.coordinator(cluster, e)) {
      coordinator = shared;
      return planAndCheck(o, e, specs, extra, checkpoints, budget, loaded);
    }
  }

  private Integer planAndCheck(PrintWriter o, PrintWriter e, List<Spec> specs,
      List<Mutation> extra, CheckpointDir checkpoints, TimeBudget budget,
      SpecFiles.Loaded loaded) {
    Instant start = Instant.now();
    String runId = RunReport.defaultRunId(start);
    Path runDir = out.resolve(runId);
    List<Planned> plan = plan(specs, extra, checkpoints);
    if (checkpoints != null) {
      checkpoints.checkNoForeignFiles();
    }
    o.printf("mirrorcheck check: %d spec(s), run %s%n", specs.size(), runId);
    o.flush();
    Thread hook = new Thread(() -> {
      String saved = checkpoints == null ? null : checkpoints.saveOnExit();
      if (saved != null) {
        e.println("mirrorcheck: " + saved);
        e.flush();
      }
      interrupted(o, e, runId, start, runDir, specs);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return checkAll(o, e, plan, budget, checkpoints, runId, start, runDir,
          !loaded.problems.isEmpty());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ex) {
        // the JVM is already shutting down: the hook reports
      }
    }
  }

  /** One spec of the run: how to check it, or why it is skipped. */
  private record Planned(Spec spec, SpecCheck check, ExplorerOptions.Builder options,
      String skipped) {}

  /**
   * Decides, before anything runs, how each spec is checked: its mutations, properties and explorer
   * options, and its checkpoint (a resume refuses one that belongs to another exploration here).
   */
  private List<Planned> plan(List<Spec> specs, List<Mutation> extra, CheckpointDir checkpoints) {
    List<Planned> plan = new ArrayList<>();
    for (Spec spec : specs) {
      List<Mutation> muts = new ArrayList<>(spec.mutations());
      boolean skip = false;
      for (Mutation m : extra) {
        if (!m.appliesTo(spec.design(), spec.options())) {
          skip = true;
        } else if (!muts.contains(m)) {
          muts.add(m);
        }
      }
      if (skip) {
        plan.add(new Planned(spec, null, null, "the mutation does not apply to design "
            + spec.variantLabel()));
        continue;
      }
      String foreign = propertyIds.stream()
          .filter(id -> !SpecChecks.appliesTo(id, spec.design())).findFirst().orElse(null);
      if (foreign != null && specs.stream().anyMatch(x -> x.design() != spec.design())) {
        // a --property of another design: skip this design's variant, as for --mutation
        plan.add(new Planned(spec, null, null, "property " + foreign
            + " does not apply to design " + spec.design().word()));
        continue;
      }
      List<Property> properties = SpecChecks.select(spec, propertyIds);
      boolean data = SpecChecks.checksData(spec, propertyIds);
      Mutations mutations = Mutations.copyOf(muts);
      SpecCheck check = new SpecCheck(spec, mutations, properties, data);
      ExplorerOptions.Builder options = SpecCheck.options(spec, explorer);
      explorer.noteParallelReduction(options.build(), command.commandLine().getErr());
      if (coordinator != null) {
        coordinator.share(options, SpecHarness.ref(spec, mutations, properties, data), spec.name());
      }
      if (checkpoints != null) {
        options.checkpointing(checkpoints.forSpec(spec, mutations, properties, data,
            options.build()));
      }
      plan.add(new Planned(spec, check, options, null));
    }
    return plan;
  }

  private int checkAll(PrintWriter o, PrintWriter e, List<Planned> plan, TimeBudget budget,
      CheckpointDir checkpoints, String runId, Instant start, Path runDir, boolean malformed) {
    int exit = ExitCode.PASS;
    int internalErrors = 0;
    for (int i = 0; i < plan.size(); i++) {
      current = i;
      Planned p = plan.get(i);
      Spec spec = p.spec();
      if (p.skipped() != null) {
        o.printf("  %-36s skipped: %s%n", spec.name(), p.skipped());
        continue;
      }
      SpecCheck check = p.check();
      ExplorerOptions.Builder options = p.options();
      Duration limit = budget.forDesignOf(spec); // its clock starts now
      if (limit != null) {
        options.timeLimit(limit);
      }
      if (checkpoints != null) {
        checkpoints.running(options.build().checkpointing());
      }
      SpecCheck.Outcome r;
      try (ProgressLine progress = ProgressLine.of(e, spec.name())) {
        r = check.run(options, progress, runDir.resolve(SafeNames.of(spec.name())));
      } catch (RuntimeException | StackOverflowError ex) {
        // one spec failing does not lose the others: report it, go on, exit 4 at the end
        o.printf("  %-36s %-10s internal error: %s%n", spec.name(), spec.design().word(),
            Main.oneLine(String.valueOf(ex)));
        e.println("mirrorcheck: " + spec.name() + ": internal error (set MIRRORCHECK_DEBUG=1 for "
            + "the stack trace): " + Main.oneLine(String.valueOf(ex)));
        Main.debug(ex, e);
        internalErrors++;
        continue;
      }
      outcomes.add(r);
      if (checkpoints != null) {
        checkpoints.running(null); // its final checkpoint is written
      }
      o.println(line(r));
      if (r.bound != null) {
        o.println("      " + r.bound.summary());
      }
      String advice = SpecCheck.timeLimitAdvice(r.result, options.build());
      if (advice != null) {
        o.println("      " + advice);
      }
      if (baselined) {
        baseline(o, baselines.computeIfAbsent(Baseline.fileOf(spec), Baseline::load), r);
      }
      o.flush();
      // an unexpected violation (1) wins over a pass that is no proof (3), whatever else is incomplete
      exit = dev.mirrorcheck.report.Outcome.worseCode(exit, exitCode(r));
    }
    List<SpecCheck.Outcome> done;
    synchronized (this) {
      reported = true;
      done = List.copyOf(outcomes);
    }
    if (internalErrors > 0) {
      exit = ExitCode.INTERNAL;
    } else if (malformed && exit != ExitCode.VIOLATION) {
      exit = ExitCode.USAGE; // --keep-going: the malformed specs were not checked
    }
    summary(o, done, internalErrors, exit);
    if (updateBaseline) {
      for (Baseline b : baselines.values()) {
        b.write();
        o.println("baseline: " + b.file() + " (" + b.rows().size() + " scenario(s))");
      }
    }
    if (!done.isEmpty()) {
      writeReport(o, runId, start, runDir, done, List.of());
    }
    return exit;
  }

  /**
   * The shutdown hook: a run stopped before its end (Ctrl-C, a kill) still writes the reports of the
   * specs that finished and the index, which lists the others as not finished: the run is
   * incomplete, never a pass.
   */
  private void interrupted(PrintWriter o, PrintWriter e, String runId, Instant start, Path runDir,
      List<Spec> specs) {
    List<SpecCheck.Outcome> done;
    synchronized (this) {
      if (reported) {
        return;
      }
      reported = true;
      done = List.copyOf(outcomes);
    }
    List<String> unfinished = new ArrayList<>();
    for (Spec s : specs.subList(current, specs.size())) {
      unfinished.add(s.name());
    }
    e.println("mirrorcheck: INCOMPLETE: interrupted after " + done.size() + " of " + specs.size()
        + " spec(s); not finished: " + String.join(", ", unfinished));
    e.flush();
    int exit = ExitCode.PASS;
    for (SpecCheck.Outcome r : done) {
      exit = dev.mirrorcheck.report.Outcome.worseCode(exit, exitCode(r));
    }
    summary(o, done, 0, exit);
    if (!done.isEmpty()) {
      writeReport(o, runId, start, runDir, done, unfinished);
    }
    o.flush();
  }

  /** Records (--update-baseline) or compares a spec's exploration figures with its baseline. */
  private void baseline(PrintWriter o, Baseline b, SpecCheck.Outcome r) {
    Baseline.Figures actual = Baseline.Figures.of(r.report);
    if (updateBaseline) {
      if (r.asExpected()) {
        b.put(r.spec.name(), actual);
      } else {
        o.printf("  warning: %s not recorded in the baseline: it did not behave as it expects%n",
            r.spec.name());
      }
      return;
    }
    if (r.timedStop) {
      return;
    }
    Baseline.Figures recorded = b.get(r.spec.name());
    String shortfall = recorded == null ? null : recorded.shortfall(actual);
    if (shortfall != null) {
      o.printf("  warning: %s explored fewer than %s records: %s; a reduction bug shrinks a proof "
          + "silently, so check why (after an intended change: %s)%n", r.spec.name(), b.file(),
          shortfall, Baseline.UPDATE_COMMAND);
    }
  }

  /** One spec's result line: the outcome in the words of its report, and the state space. */
  static String line(SpecCheck.Outcome r) {
    return String.format("  %-36s %-10s %-44s %,10d executions %7.1f s", r.spec.name(),
        r.spec.design().word(), verdictWords(r), r.result.statistics().executions(),
        r.millis / 1000.0);
  }

  /**
   * The specs of design {@code d}: a design word (every variant of it) or one variant's label, e.g.
   * {@code odp.srcu}.
   */
  static List<Spec> onlyDesign(List<Spec> specs, String d) {
    String want = d.trim();
    List<Spec> out = new ArrayList<>();
    for (Spec s : specs) {
      if (s.design().word().equals(want) || s.variantLabel().equals(want)
          || (s.design().word() + "." + s.options().mkeyLifetime().word()).equals(want)) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      Set<String> known = new TreeSet<>();
      for (Design x : Design.values()) {
        known.add(x.word());
      }
      specs.forEach(s -> known.add(s.variantLabel()));
      throw new UserError("--design " + want + ": no scenario of the given specs runs in it"
          + (known.contains(want) ? "" : " (designs: " + String.join(", ", known) + ")"));
    }
    return out;
  }

  /** The same words {@code compare} and {@code mutants} print for the spec's result. */
  static String verdictWords(SpecCheck.Outcome r) {
    return Outcomes.words(r.report);
  }

  /** The process exit code of one spec's outcome (see {@link dev.mirrorcheck.report.Outcome}). */
  static int exitCode(SpecCheck.Outcome r) {
    return r.report.outcome().exitCode();
  }

  /** The summary line; {@code exit}: the code the process ends with, whatever the outcomes say. */
  private static void summary(PrintWriter o, List<SpecCheck.Outcome> outcomes, int internalErrors,
      int exit) {
    java.util.Map<dev.mirrorcheck.report.Outcome, Integer> counts =
        new java.util.EnumMap<>(dev.mirrorcheck.report.Outcome.class);
    SpecCheck.Outcome slowest = null;
    for (SpecCheck.Outcome r : outcomes) {
      counts.merge(r.report.outcome(), 1, Integer::sum);
      if (slowest == null || r.millis > slowest.millis) {
        slowest = r;
      }
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, n) -> parts.add(n + " " + k.headline().toLowerCase(java.util.Locale.ROOT)));
    if (internalErrors > 0) {
      parts.add(internalErrors + " internal error" + (internalErrors == 1 ? "" : "s"));
    }
    o.printf("summary: %s (exit code %d)%s%n", parts.isEmpty() ? "nothing checked"
        : String.join(", ", parts), exit, slowest == null ? ""
            : String.format("; slowest: %s (%.1f s)", slowest.spec.name(), slowest.millis / 1000.0));
  }

  private void writeReport(PrintWriter o, String runId, Instant start, Path runDir,
      List<SpecCheck.Outcome> outcomes, List<String> unfinished) {
    RunReport.Builder run = RunReport.builder(runId, start)
        .toolVersion(VersionProvider.version())
        .jvm(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .commandLine(command.commandLine().getParseResult().originalArgs());
    for (SpecCheck.Outcome r : outcomes) {
      run.spec(r.report);
    }
    run.unfinished(unfinished);
    try {
      ReportWriter.Written w = ReportWriter.write(run.build(), runDir);
      o.println("report: " + CounterexampleOutput.display(w.index()));
    } catch (IOException ex) {
      throw new UserError("cannot write the report under " + runDir + ": " + ex.getMessage());
    }
  }
}

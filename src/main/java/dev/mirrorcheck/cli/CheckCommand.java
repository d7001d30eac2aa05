package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.ReportWriter;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
      "  ./mirrorcheck check specs/ --keep-going          # check what parses, report the rest",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every spec passed exhaustively (or found the violation it declares with expect:)",
        "1:a violation was found (replayable counterexample written)",
        "2:usage or input error; malformed spec files (all reported; nothing is run without --keep-going)",
        "3:no unexpected violation, but some pass is not a proof (bound hit, time limit, vacuous)",
        ExitCode.HELP_4})
final class CheckCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(paramLabel = "SPEC|DIR", arity = "1..*",
      description = "Spec files, or directories searched for *.yaml files.")
  List<Path> inputs;

  @Option(names = "--mutation", paramLabel = "M",
      description = "Switch on a catalogue mutation (repeatable), e.g. M3. Specs whose design it "
          + "does not apply to are skipped.")
  List<String> mutationIds = new ArrayList<>();

  @Option(names = "--property", paramLabel = "ID",
      description = "Check only this property (repeatable), e.g. S1.")
  List<String> propertyIds = new ArrayList<>();

  @Option(names = "--keep-going",
      description = "Run the specs that parse even when others are malformed (which are reported, "
          + "and make the exit code 2 unless a violation was found). By default a malformed spec "
          + "stops the run before anything is checked.")
  boolean keepGoing;

  @Mixin OutDirMixin out = new OutDirMixin();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  /** The finished specs' outcomes; the shutdown hook reports them if the run is interrupted. */
  private final List<SpecCheck.Outcome> outcomes =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private boolean reported;

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    List<Mutation> extra = Mutants.parseIds(mutationIds);
    // every spec is validated (YAML, operations, properties) before any is run
    SpecFiles.Loaded loaded = SpecFiles.load(SpecFiles.find(inputs),
        spec -> SpecChecks.select(spec, List.of()));
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
    List<Spec> specs = loaded.specs;
    Instant start = Instant.now();
    String runId = RunReport.defaultRunId(start);
    Path runDir = out.resolve(runId);
    o.printf("mirrorcheck check: %d spec(s), run %s%n", specs.size(), runId);
    o.flush();
    Thread hook = new Thread(() -> interrupted(o, e, runId, start, runDir, specs.size()));
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return checkAll(o, e, specs, extra, runId, start, runDir, !loaded.problems.isEmpty());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ex) {
        // the JVM is already shutting down: the hook reports
      }
    }
  }

  private int checkAll(PrintWriter o, PrintWriter e, List<Spec> specs, List<Mutation> extra,
      String runId, Instant start, Path runDir, boolean malformed) {
    int exit = ExitCode.PASS;
    boolean internalError = false;
    for (Spec spec : specs) {
      List<Mutation> muts = new ArrayList<>(spec.mutations());
      boolean skip = false;
      for (Mutation m : extra) {
        if (!m.designs().contains(spec.design())) {
          skip = true;
        } else if (!muts.contains(m)) {
          muts.add(m);
        }
      }
      if (skip) {
        o.printf("  %-36s skipped: the mutation does not apply to design %s%n", spec.name(),
            spec.design().word());
        continue;
      }
      String foreign = propertyIds.stream()
          .filter(id -> !SpecChecks.appliesTo(id, spec.design())).findFirst().orElse(null);
      if (foreign != null && specs.stream().anyMatch(x -> x.design() != spec.design())) {
        // a --property of another design: skip this design's variant, as for --mutation
        o.printf("  %-36s skipped: property %s does not apply to design %s%n", spec.name(),
            foreign, spec.design().word());
        continue;
      }
      List<Property> properties = SpecChecks.select(spec, propertyIds);
      SpecCheck check = new SpecCheck(spec, Mutations.copyOf(muts), properties,
          SpecChecks.checksData(spec, propertyIds));
      SpecCheck.Outcome r;
      try {
        r = check.run(SpecCheck.options(spec, explorer),
            p -> {
              e.println("mirrorcheck: " + spec.name() + ": " + p);
              e.flush();
            },
            runDir.resolve(SafeNames.of(spec.name())));
      } catch (RuntimeException | StackOverflowError ex) {
        // one spec failing does not lose the others: report it, go on, exit 4 at the end
        o.printf("  %-36s %-10s internal error: %s%n", spec.name(), spec.design().word(),
            Main.oneLine(String.valueOf(ex)));
        e.println("mirrorcheck: " + spec.name() + ": internal error (set MIRRORCHECK_DEBUG=1 for "
            + "the stack trace): " + Main.oneLine(String.valueOf(ex)));
        Main.debug(ex, e);
        internalError = true;
        continue;
      }
      outcomes.add(r);
      o.println(line(r));
      if (r.bound != null) {
        o.println("      " + r.bound.summary());
      }
      o.flush();
      exit = Math.max(exit, exitCode(r));
    }
    summary(o, outcomes);
    synchronized (this) {
      reported = true;
    }
    writeReport(o, runId, start, runDir, List.copyOf(outcomes));
    if (internalError) {
      return ExitCode.INTERNAL;
    }
    if (malformed && exit != ExitCode.VIOLATION) {
      return ExitCode.USAGE; // --keep-going: the malformed specs were not checked
    }
    return exit;
  }

  /**
   * The shutdown hook: a run stopped before its end (Ctrl-C, a kill) still writes the reports of the
   * specs that finished, and the index.
   */
  private void interrupted(PrintWriter o, PrintWriter e, String runId, Instant start, Path runDir,
      int total) {
    List<SpecCheck.Outcome> done;
    synchronized (this) {
      if (reported) {
        return;
      }
      reported = true;
      done = List.copyOf(outcomes);
    }
    e.println("mirrorcheck: interrupted after " + done.size() + " of " + total + " spec(s); "
        + "writing the reports of those that finished");
    e.flush();
    summary(o, done);
    writeReport(o, runId, start, runDir, done);
    o.flush();
  }

  private static String line(SpecCheck.Outcome r) {
    Result res = r.result;
    String verdict;
    if (res.verdict() == Result.Verdict.VIOLATION) {
      Finding f = res.findings().get(0);
      verdict = "VIOLATION " + (f.property() == null ? f.kind() : f.property()) + " in " + f.steps()
          + " steps" + (res.findings().size() > 1 ? " (+" + (res.findings().size() - 1) + " more)" : "");
    } else if (r.vacuous()) {
      verdict = "PASS, VACUOUS: never reached " + String.join(", ", r.unreached);
    } else if (res.verdict() == Result.Verdict.PASS) {
      verdict = "PASS";
    } else {
      verdict = res.verdict() + (res.incompleteReason() == null ? "" : " (" + res.incompleteReason() + ")");
    }
    String expect = r.spec.expect() == Spec.Expect.VIOLATION
        ? (r.asExpected() ? "   (violation expected by the spec)" : "   << the spec expects a violation"
            + (r.spec.expectProperties().isEmpty() ? "" : " of " + String.join(", ", r.spec.expectProperties())))
        : "";
    return String.format("  %-36s %-10s %-40s %,10d executions %7.1f s%s", r.spec.name(),
        r.spec.design().word(), verdict, res.statistics().executions(),
        r.millis / 1000.0, expect);
  }

  /**
   * 0 when the spec behaved as it says it should (an exhaustive, non-vacuous pass by default); 1 for a
   * violation (or a missing violation the spec expects); 3 for a pass that is no proof.
   */
  static int exitCode(SpecCheck.Outcome r) {
    if (r.asExpected()) {
      return ExitCode.PASS;
    }
    if (r.result.verdict() == Result.Verdict.VIOLATION || r.spec.expect() == Spec.Expect.VIOLATION) {
      return ExitCode.VIOLATION;
    }
    return ExitCode.INCOMPLETE;
  }

  private static void summary(PrintWriter o, List<SpecCheck.Outcome> outcomes) {
    int pass = 0;
    int violation = 0;
    int other = 0;
    int vacuous = 0;
    int expected = 0;
    SpecCheck.Outcome slowest = null;
    for (SpecCheck.Outcome r : outcomes) {
      if (r.vacuous()) {
        vacuous++;
      } else if (r.result.verdict() == Result.Verdict.PASS) {
        pass++;
      } else if (r.result.verdict() == Result.Verdict.VIOLATION) {
        violation++;
        expected += r.asExpected() ? 1 : 0;
      } else {
        other++;
      }
      if (slowest == null || r.millis > slowest.millis) {
        slowest = r;
      }
    }
    o.printf("summary: %d passed, %d with violations%s, %d incomplete, %d vacuous%s%n", pass,
        violation, expected == 0 ? "" : " (" + expected + " expected by their specs)", other, vacuous,
        slowest == null ? ""
            : String.format("; slowest: %s (%.1f s)", slowest.spec.name(), slowest.millis / 1000.0));
  }

  private void writeReport(PrintWriter o, String runId, Instant start, Path runDir,
      List<SpecCheck.Outcome> outcomes) {
    RunReport.Builder run = RunReport.builder(runId, start)
        .toolVersion(VersionProvider.version())
        .jvm(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .commandLine(command.commandLine().getParseResult().originalArgs());
    for (SpecCheck.Outcome r : outcomes) {
      run.spec(r.report);
    }
    try {
      ReportWriter.Written w = ReportWriter.write(run.build(), runDir);
      o.println("report: " + CounterexampleOutput.display(w.index()));
    } catch (IOException ex) {
      throw new UserError("cannot write the report under " + runDir + ": " + ex.getMessage());
    }
  }
}

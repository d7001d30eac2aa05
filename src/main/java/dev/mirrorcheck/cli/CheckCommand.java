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
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every spec passed exhaustively (or found the violation it declares with expect:)",
        "1:a violation was found (replayable counterexample written)",
        ExitCode.HELP_2,
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

  @Mixin OutDirMixin out = new OutDirMixin();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    List<Spec> specs = SpecFiles.parse(SpecFiles.find(inputs));
    List<Mutation> extra = Mutants.parseIds(mutationIds);
    Instant start = Instant.now();
    String runId = RunReport.defaultRunId(start);
    Path runDir = out.resolve(runId);
    o.printf("mirrorcheck check: %d spec(s), run %s%n", specs.size(), runId);
    List<SpecCheck.Outcome> outcomes = new ArrayList<>();
    int exit = ExitCode.PASS;
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
      SpecCheck.Outcome r = check.run(SpecCheck.options(spec, explorer),
          p -> {
            e.println("mirrorcheck: " + spec.name() + ": " + p);
            e.flush();
          },
          runDir.resolve(SafeNames.of(spec.name())));
      outcomes.add(r);
      o.println(line(r));
      if (r.bound != null) {
        o.println("      " + r.bound.summary());
      }
      o.flush();
      exit = Math.max(exit, exitCode(r));
    }
    summary(o, outcomes);
    writeReport(o, runId, start, runDir, outcomes);
    return exit;
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

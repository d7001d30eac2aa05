package dev.mirrorcheck.cli;

import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.report.KillMatrix;
import dev.mirrorcheck.report.KillMatrixPage;
import dev.mirrorcheck.report.Outcome;
import dev.mirrorcheck.report.ReportWriter;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code mirrorcheck mutants}: the kill matrix. Every scenario must pass with the correct protocol;
 * every catalogue mutation that applies to the scenarios' designs must make some scenario fail.
 */
@Command(name = "mutants", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Run the mutation catalogue against the scenario library and print the kill matrix.",
    description = {
      "Checks every spec with the correct protocol (each must pass), then with each catalogue "
          + "mutation switched on: a mutation is killed when some scenario finds a violation. The "
          + "matrix shows, per mutation and scenario, the property that caught it and the length of "
          + "the counterexample, or '.' when that scenario did not catch it.",
      "",
      "--quick runs only the pairs the specs designate with 'kills:'. Exits 1 when a mutation "
          + "survives every scenario, a designated pair does not kill, or the correct protocol fails. "
          + "Also writes kill-matrix.md and kill-matrix.json under OUT/<run-id>/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck mutants --quick          # designated pairs only (fast)",
      "  ./mirrorcheck mutants specs/           # every applicable mutation x every scenario",
      "  ./mirrorcheck mutants --source         # PIT mutates the model's source (slow)",
    })
final class MutantsCommand implements Callable<Integer>, ExitCodes {
  @picocli.CommandLine.Spec CommandSpec command;

  @Mixin SpecLibraryMixin library = new SpecLibraryMixin();

  @Option(names = "--quick", description = "Only the pairs designated by each spec's 'kills:'.")
  boolean quick;

  @Option(names = "--source",
      description = "Mutate the model's source with PIT instead of switching catalogue mutations: "
          + "runs '" + SourceMutants.COMMAND + "' in the project directory (Maven needed; the spec "
          + "library is the only test), then prints the score and where PIT's report is.")
  boolean source;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Check N scenarios (or scenario and mutation pairs) at once, 1..64; the output "
          + "and the matrix are the same as with one. Default: 1.")
  int jobs = 1;

  @Mixin OutDirMixin out = new OutDirMixin();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "every mutation killed, and the correct protocol behaves as every spec expects",
        ExitCode.VIOLATION, "a mutation survived, a designated kill failed or was caught only by a property "
            + "the catalogue does not name, or the correct protocol violated a property",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INCOMPLETE, "every mutation killed, but a correct-protocol run is not a proof (bound hit, "
            + "time limit, vacuous)",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    if (source) {
      return SourceMutants.run(o);
    }
    SpecJobs.validate(jobs);
    List<Spec> specs = library.specs();
    Set<Mutation> required = Mutants.applicable(specs);
    Instant start = Instant.now();
    String runId = RunReport.defaultRunId(start) + "-mutants";
    Path dir = out.resolve(runId);
    boolean failed = false;

    o.printf("mirrorcheck mutants%s: %d scenario(s), %d catalogue mutation(s) apply%n",
        quick ? " --quick" : "", specs.size(), required.size());
    o.println("correct protocol (as 'check' runs it):");
    List<SpecReport> correct = new ArrayList<>();
    List<Callable<SpecCheck.Outcome>> correctRuns = new ArrayList<>();
    for (Spec spec : specs) {
      correctRuns.add(() -> SpecCheck.asCheck(spec, explorer, e,
          dir.resolve(SafeNames.of(spec.name()))));
    }
    int[] worst = {ExitCode.PASS};
    try (SpecJobs pool = SpecJobs.of(jobs)) {
      pool.forEachInOrder(correctRuns, r -> {
        correct.add(r.report);
        worst[0] = Outcome.worseCode(worst[0], r.report.outcome().exitCode());
        o.println(CheckCommand.line(r) + (r.asExpected() ? "" : "   << not as the spec expects"));
        o.flush();
      });
      failed = killMatrix(o, specs, required, pool, dir, start, correct);
    }
    int exit = worst[0];
    if (failed) {
      exit = Outcome.worseCode(exit, ExitCode.VIOLATION);
    }
    o.println(exit == ExitCode.PASS ? "RESULT: every mutation killed, correct protocol passes"
        : exit == ExitCode.INCOMPLETE ? "RESULT: NOT A PASS (a correct-protocol run is not a proof)"
        : "RESULT: FAILED");
    return exit;
  }

  /** Runs the mutants, prints and writes the matrix; returns whether a mutation was not caught. */
  private boolean killMatrix(PrintWriter o, List<Spec> specs, Set<Mutation> required,
      SpecJobs pool, Path dir, Instant start, List<SpecReport> correct) {
    PrintWriter e = command.commandLine().getErr();
    boolean failed = false;
    Map<Mutation, Map<Spec, KillCell>> matrix = new LinkedHashMap<>();
    for (Mutation m : required) {
      matrix.put(m, new LinkedHashMap<>());
    }
    List<SpecReport> killers = new ArrayList<>();
    List<KillCell> killerCells = new ArrayList<>();
    List<Spec> pairSpecs = new ArrayList<>();
    List<Mutation> pairMutations = new ArrayList<>();
    List<Callable<SpecCheck.Outcome>> pairRuns = new ArrayList<>();
    for (Spec spec : specs) {
      for (Mutation m : required) {
        // a scenario that already violates with the correct protocol cannot show a kill
        if (!m.appliesTo(spec.design(), spec.options()) || (quick && !spec.kills().contains(m))
            || spec.expect() == Spec.Expect.VIOLATION) {
          continue;
        }
        pairSpecs.add(spec);
        pairMutations.add(m);
        pairRuns.add(() -> SpecCheck.mutant(spec, m, explorer, e,
            dir.resolve("kills").resolve(SafeNames.of(spec.name() + "+" + m.id()))));
      }
    }
    List<SpecCheck.Outcome> pairResults = pool.inOrder(pairRuns);
    for (int i = 0; i < pairResults.size(); i++) {
      Spec spec = pairSpecs.get(i);
      Mutation m = pairMutations.get(i);
      SpecCheck.Outcome r = pairResults.get(i);
      KillCell c = new KillCell(m, r.result);
      matrix.get(m).put(spec, c);
      if (c.killed()) {
        killers.add(r.report);
        killerCells.add(c);
      }
      if (spec.kills().contains(m) && !c.killed()) {
        failed = true;
        o.printf("  designated pair %s x %s did not kill (%s)%n", m, spec.name(), r.result.verdict());
      }
    }

    printMatrix(o, specs, matrix);
    o.println("mutations:");
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      Mutation m = row.getKey();
      KillCell best = null;
      Spec bestSpec = null;
      int killers2 = 0;
      for (Map.Entry<Spec, KillCell> c : row.getValue().entrySet()) {
        KillCell cell = c.getValue();
        if (cell.killed()) {
          killers2++;
          if (best == null || (cell.catalogued && !best.catalogued)
              || (cell.catalogued == best.catalogued && cell.shown.steps() < best.shown.steps())) {
            best = cell;
            bestSpec = c.getKey();
          }
        }
      }
      if (best == null) {
        failed = true;
        o.printf("  %-4s SURVIVED   %s%n", m, m.title());
      } else {
        Finding f = best.shown;
        if (!best.catalogued) {
          failed = true;
        }
        o.printf("  %-4s killed by %d scenario(s); shortest: %s, %s in %d steps%s   %s%n", m, killers2,
            bestSpec.name(), f.property() == null ? f.kind() : f.property(), f.steps(),
            best.catalogued ? "" : " (NOT a property the catalogue names: "
                + String.join(", ", m.breaks()) + ")", m.title());
      }
    }
    writeFiles(o, dir, start, specs, matrix, correct, killers, killerCells);
    return failed;
  }

  private static void printMatrix(PrintWriter o, List<Spec> specs, Map<Mutation, Map<Spec, KillCell>> matrix) {
    o.println("kill matrix (property@steps; * = not a property the catalogue names for it; "
        + "'.' = not caught; blank = not run):");
    StringBuilder header = new StringBuilder("       ");
    for (int i = 0; i < specs.size(); i++) {
      header.append(String.format("%-9s", "#" + (i + 1)));
    }
    o.println(header);
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      StringBuilder sb = new StringBuilder(String.format("  %-5s", row.getKey()));
      for (Spec s : specs) {
        KillCell c = row.getValue().get(s);
        sb.append(String.format("%-9s", c == null ? "" : c.text()));
      }
      o.println(sb.toString().stripTrailing());
    }
    for (int i = 0; i < specs.size(); i++) {
      o.printf("  #%-3d %s (%s)%n", i + 1, specs.get(i).name(),
          specs.get(i).design().word());
    }
  }

  /**
   * The run directory: index.html with the correct-protocol reports, kills/ with the report of each
   * mutant run that caught its mutation, kill-matrix.html/.md/.json linking to both.
   */
  private void writeFiles(PrintWriter o, Path dir, Instant start, List<Spec> specs,
      Map<Mutation, Map<Spec, KillCell>> matrix, List<SpecReport> correct, List<SpecReport> killers,
      List<KillCell> killerCells) {
    List<String> args = command.commandLine().getParseResult().originalArgs();
    RunReport correctRun = RunReport.builder(dir.getFileName().toString(), start)
        .toolVersion(VersionProvider.version()).jvm(VersionProvider.jvm()).commandLine(args)
        .specs(correct).build();
    Map<KillCell, String> links = new IdentityHashMap<>();
    try {
      ReportWriter.write(correctRun, dir);
      if (!killers.isEmpty()) {
        RunReport killRun = RunReport.builder("kills", start).toolVersion(VersionProvider.version())
            .jvm(VersionProvider.jvm()).commandLine(args).specs(killers).build();
        ReportWriter.write(killRun, dir.resolve("kills"));
        for (int i = 0; i < killerCells.size(); i++) {
          links.put(killerCells.get(i), "kills/" + killRun.specDirs().get(i) + "/report.html");
        }
      }
    } catch (IOException ex) {
      throw new UserError("cannot write the reports under " + dir + ": " + ex.getMessage());
    }
    List<KillMatrix.Column> columns = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      columns.add(new KillMatrix.Column(specs.get(i).name(),
          correctRun.specDirs().get(i) + "/report.html"));
    }
    List<KillMatrix.Row> rows = new ArrayList<>();
    matrix.forEach((m, row) -> {
      Map<String, KillMatrix.Cell> cells = new LinkedHashMap<>();
      row.forEach((spec, cell) -> cells.put(spec.name(), cell.toMatrixCell(links.getOrDefault(cell, ""))));
      boolean killed = row.values().stream().anyMatch(KillCell::killed);
      rows.add(new KillMatrix.Row(m.id(), m.title(), KillMatrix.status(killed, killed),
          ImmutableMap.copyOf(cells)));
    });
    KillMatrix km = new KillMatrix("Kill matrix", columns, rows);
    try {
      KillMatrixPage.write(km, correctRun, quick, explorer.describe(), dir);
      o.println("kill matrix: " + CounterexampleOutput.display(dir.resolve("kill-matrix.html")));
    } catch (IOException ex) {
      throw new UserError("cannot write the kill matrix under " + dir + ": " + ex.getMessage());
    }
  }
}

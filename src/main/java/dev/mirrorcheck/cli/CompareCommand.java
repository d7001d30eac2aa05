package dev.mirrorcheck.cli;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.report.DesignComparison;
import dev.mirrorcheck.report.KillMatrix;
import dev.mirrorcheck.report.ReportWriter;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.report.SafeNames;
import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.report.TablePage;
import dev.mirrorcheck.report.TablePages;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code mirrorcheck compare}: every scenario in every design that supports it, side by side: the
 * verdicts per design and property, the state space and time per design, and a kill matrix per
 * design. Each pair is explored exactly as {@code check} explores it, and gets its report.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Check each scenario in every design that supports it and compare the designs.",
    description = {
      "A scenario runs in a design when every operation, region and mutation it names exists "
          + "there (the RDMA scenarios run in odp, hmm2015 and legacy-odp; dmirror scenarios only in "
          + "modern). Each supported (scenario, design) pair is explored as 'check' explores it "
          + "(the same properties, bounds and options, so the same executions and violations); then "
          + "each catalogue mutation of a design is run against that design's scenarios.",
      "",
      "Writes OUT/<run-id>-compare/: compare.html, compare.md and compare.json (verdicts per design "
          + "and property, executions, transitions and time per design, the kill matrix per design "
          + "and why a design lacks a scenario), index.html with each pair's report, and kills/ with "
          + "the report of each mutant run that caught its mutation."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck compare                       # specs/, full kill matrix per design",
      "  ./mirrorcheck compare --quick specs/odp_*   # designated kills only",
      "  ./mirrorcheck compare --no-mutants specs/   # verdicts and state-space sizes only",
    })
final class CompareCommand implements Callable<Integer>, ExitCodes {
  @picocli.CommandLine.Spec CommandSpec command;

  @Mixin SpecLibraryMixin library = new SpecLibraryMixin();

  @Option(names = "--quick",
      description = "Kill matrix: only the pairs each spec designates with 'kills:' for the design.")
  boolean quick;

  @Option(names = "--no-mutants", description = "Skip the kill matrices.")
  boolean noMutants;

  @Mixin OutDirMixin out = new OutDirMixin();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "every pair as its spec expects; every mutation killed in some design",
        ExitCode.VIOLATION, "a pair not as its spec expects, or a mutation killed in none of its designs",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INCOMPLETE, "every mutation killed, but some pair is not a proof (bound hit, time limit, "
            + "must-reach step never reached)",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    // parsed in every design it lists (so a wrong designs: entry is an input error, as for check)
    List<Spec> declared = library.specs().stream().filter(s -> s.design() == s.declaredDesign())
        .collect(Collectors.toList());
    Instant start = Instant.now();
    String runId = RunReport.defaultRunId(start) + "-compare";
    Path dir = out.resolve(runId);
    o.printf("mirrorcheck compare: %d scenario(s) x %d design(s)%n", declared.size(),
        Design.values().length);
    List<SpecReport> reports = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (Spec spec : declared) {
      Row row = new Row(spec);
      for (Design d : Design.values()) {
        Spec variant;
        try {
          variant = spec.in(d);
          SpecChecks.select(variant, List.of());
        } catch (SpecException ex) {
          row.unsupported.put(d, ex.getMessage());
          continue;
        } catch (UserError ex) {
          if (d == spec.declaredDesign()) {
            throw ex; // an unknown or inapplicable property in the spec's own design
          }
          row.unsupported.put(d, ex.getMessage());
          continue;
        }
        SpecCheck.Outcome r = SpecCheck.asCheck(variant, explorer, e,
            dir.resolve(SafeNames.of(variant.name())));
        row.outcomes.put(d, r);
        reports.add(r.report);
        o.println(CheckCommand.line(r)); // the line check prints for the same run
        o.flush();
      }
      rows.add(row);
    }
    RunReport pairs = run(runId, start, reports);
    List<String> dirs = pairs == null ? List.of() : pairs.specDirs();
    Map<String, KillMatrix> kills = noMutants ? Map.of() : killMatrices(rows, e, dir, start);
    List<DesignComparison.Scenario> scenarios = new ArrayList<>();
    int k = 0;
    for (Row row : rows) {
      List<DesignComparison.Pair> ps = new ArrayList<>();
      for (Design d : Design.values()) {
        SpecCheck.Outcome r = row.outcomes.get(d);
        ps.add(r == null ? DesignComparison.Pair.unsupported(d.word(), row.unsupported.get(d))
            : DesignComparison.Pair.of(d.word(), r.report, dirs.get(k++) + "/report.html"));
      }
      scenarios.add(new DesignComparison.Scenario(row.spec.name(), row.spec.file(),
          com.google.common.collect.ImmutableList.copyOf(ps)));
    }
    List<String> designs = new ArrayList<>();
    for (Design d : Design.values()) {
      designs.add(d.word());
    }
    DesignComparison c = new DesignComparison(designs, scenarios, kills, quick, !noMutants,
        explorer.describe(), pairs == null ? null : "index.html");
    TablePage page = c.page();
    o.println();
    o.print(TablePages.text(page));
    write(dir, pairs, c, page);
    o.println("report: " + CounterexampleOutput.display(dir.resolve("compare.html")));
    int exit = c.exitCode();
    o.println(exit == ExitCode.PASS ? "RESULT: every pair as expected"
        + (noMutants ? "" : ", every mutation killed in its design")
        : exit == ExitCode.INCOMPLETE ? "RESULT: NOT A PASS (some pair is not a proof)"
        : "RESULT: FAILED");
    return exit;
  }

  /** One scenario's pairs: an outcome per supporting design, the reason per other design. */
  private static final class Row {
    final Spec spec;
    final Map<Design, SpecCheck.Outcome> outcomes = new EnumMap<>(Design.class);
    final Map<Design, String> unsupported = new EnumMap<>(Design.class);

    Row(Spec spec) {
      this.spec = spec;
    }
  }

  /**
   * Each design's catalogue mutations against the design's scenarios; the runs that catch their
   * mutation get a report under {@code dir/kills/}, which the matrix links to.
   */
  private Map<String, KillMatrix> killMatrices(List<Row> rows, PrintWriter e, Path dir,
      Instant start) {
    Map<String, KillMatrix> out = new LinkedHashMap<>();
    Map<Design, Map<Mutation, Map<Spec, KillCell>>> cells = new EnumMap<>(Design.class);
    List<SpecReport> killers = new ArrayList<>();
    List<KillCell> killerCells = new ArrayList<>();
    Path kills = dir.resolve("kills");
    for (Design d : Design.values()) {
      List<Spec> variants = variants(rows, d);
      if (variants.isEmpty()) {
        continue;
      }
      Map<Mutation, Map<Spec, KillCell>> matrix = new LinkedHashMap<>();
      for (Mutation m : Mutants.applicable(Set.of(d))) {
        if (quick && variants.stream().noneMatch(v -> v.kills().contains(m))) {
          continue; // no scenario of this design is designated to kill it
        }
        Map<Spec, KillCell> row = new LinkedHashMap<>();
        for (Spec v : variants) {
          // a scenario that already violates with the correct protocol cannot show a kill
          if ((quick && !v.kills().contains(m)) || v.expect() == Spec.Expect.VIOLATION) {
            continue;
          }
          SpecCheck.Outcome r = SpecCheck.mutant(v, m, explorer, e,
              kills.resolve(SafeNames.of(v.name() + "+" + m.id())));
          KillCell cell = new KillCell(m, r.result);
          row.put(v, cell);
          if (cell.killed()) {
            killers.add(r.report);
            killerCells.add(cell);
          }
        }
        matrix.put(m, row);
      }
      cells.put(d, matrix);
    }
    RunReport killRun = run("kills", start, killers);
    Map<KillCell, String> links = new java.util.IdentityHashMap<>();
    for (int i = 0; i < killerCells.size(); i++) {
      links.put(killerCells.get(i), "kills/" + killRun.specDirs().get(i) + "/report.html");
    }
    if (killRun != null) {
      try {
        ReportWriter.write(killRun, kills);
      } catch (IOException ex) {
        throw new UserError("cannot write the mutant reports under " + kills + ": " + ex.getMessage());
      }
    }
    Set<Mutation> killedSomewhere = java.util.EnumSet.noneOf(Mutation.class);
    cells.values().forEach(m -> m.forEach((mu, row) -> {
      if (row.values().stream().anyMatch(KillCell::killed)) {
        killedSomewhere.add(mu);
      }
    }));
    cells.forEach((d, matrix) -> {
      List<KillMatrix.Column> columns = new ArrayList<>();
      for (Spec v : variants(rows, d)) {
        columns.add(new KillMatrix.Column(v.name(), ""));
      }
      List<KillMatrix.Row> mrows = new ArrayList<>();
      matrix.forEach((m, row) -> {
        Map<String, KillMatrix.Cell> byName = new LinkedHashMap<>();
        row.forEach((v, cell) -> byName.put(v.name(), cell.toMatrixCell(links.getOrDefault(cell, ""))));
        boolean here = row.values().stream().anyMatch(KillCell::killed);
        mrows.add(new KillMatrix.Row(m.id(), m.title(),
            KillMatrix.status(here, killedSomewhere.contains(m)),
            com.google.common.collect.ImmutableMap.copyOf(byName)));
      });
      out.put(d.word(), new KillMatrix("Kill matrix, design " + d.word(), columns, mrows));
    });
    return out;
  }

  private static List<Spec> variants(List<Row> rows, Design d) {
    List<Spec> out = new ArrayList<>();
    for (Row r : rows) {
      SpecCheck.Outcome o = r.outcomes.get(d);
      if (o != null) {
        out.add(o.spec);
      }
    }
    return out;
  }

  private RunReport run(String runId, Instant start, List<SpecReport> reports) {
    if (reports.isEmpty()) {
      return null;
    }
    return RunReport.builder(runId, start).toolVersion(VersionProvider.version())
        .jvm(VersionProvider.jvm())
        .commandLine(command.commandLine().getParseResult().originalArgs()).specs(reports).build();
  }

  private static void write(Path dir, RunReport pairs, DesignComparison c, TablePage page) {
    try {
      if (pairs != null) {
        ReportWriter.write(pairs, dir);
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("compare.md"), TablePages.markdown(page), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("compare.html"), TablePages.html(page), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("compare.json"), c.json(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UserError("cannot write the comparison under " + dir + ": " + ex.getMessage());
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import java.io.PrintWriter;
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
 * design.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Check each scenario in every design that supports it and compare the designs.",
    description = {
      "A scenario runs in a design when every operation, region and mutation it names exists "
          + "there (the RDMA scenarios run in odp, hmm2015 and legacy-odp; dmirror scenarios only in "
          + "modern). Each supported (scenario, design) pair is explored exhaustively with every "
          + "property of the design; then each catalogue mutation of a design is run against that "
          + "design's scenarios.",
      "",
      "Writes compare.md, compare.html and compare.json under OUT/<run-id>/: verdicts per design "
          + "and property, executions, transitions and time per design, the kill matrix per design "
          + "and, for each design that does not support a scenario, why. Exits 1 when a pair does not "
          + "give the verdict its spec expects, or a mutation is killed by no scenario of any design "
          + "it applies to (a mutation one design's scenarios miss is shown as 'not killed here')."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck compare                       # specs/, full kill matrix per design",
      "  ./mirrorcheck compare --quick specs/odp_*   # designated kills only",
      "  ./mirrorcheck compare --no-mutants specs/   # verdicts and state-space sizes only",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every pair as its spec expects; every mutation killed in its design",
        "1:a pair not as expected, or a mutation survived in every design", ExitCode.HELP_2, ExitCode.HELP_4})
final class CompareCommand implements Callable<Integer> {
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
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    // parsed in every design it lists (so a wrong designs: entry is an input error, as for check)
    // (design-options variants other than the first are checked by check and mutants, not here)
    List<Spec> declared = library.specs().stream().filter(s -> s.design() == s.declaredDesign()
        && s.options().equals(s.variants(s.design()).get(0))).collect(Collectors.toList());
    Path scratch = out.resolve("compare-counterexamples");
    Comparison c = new Comparison();
    o.printf("mirrorcheck compare: %d scenario(s) x %d design(s)%n", declared.size(),
        Design.values().length);
    for (Spec spec : declared) {
      Map<Design, Comparison.Pair> row = new EnumMap<>(Design.class);
      for (Design d : Design.values()) {
        Spec variant;
        try {
          variant = spec.in(d);
        } catch (SpecException ex) {
          row.put(d, Comparison.Pair.unsupported(ex.getMessage()));
          continue;
        }
        try {
          SpecChecks.select(variant, List.of());
        } catch (UserError ex) {
          if (d == spec.declaredDesign()) {
            throw ex; // an unknown or inapplicable property in the spec's own design
          }
          row.put(d, Comparison.Pair.unsupported(ex.getMessage()));
          continue;
        }
        SpecCheck.Outcome r = SpecCheck.quiet(variant, Mutations.copyOf(variant.mutations()),
            explorer, false, List.of(), e, scratch);
        row.put(d, Comparison.Pair.of(r));
        o.printf("  %-36s %-10s %s%n", variant.name(), d.word(), Comparison.describe(r));
        o.flush();
      }
      c.rows.put(spec, row);
    }
    if (!noMutants) {
      killMatrices(c, e, scratch);
    }
    boolean failed = c.failed();
    o.println();
    o.print(CompareReport.text(c));
    Path dir = out.resolve(RunReport.defaultRunId(Instant.now()) + "-compare");
    CompareReport.write(c, dir, quick, noMutants);
    o.println("report: " + CounterexampleOutput.display(dir.resolve("compare.html")));
    o.println(failed ? "RESULT: FAILED" : "RESULT: every pair as expected"
        + (noMutants ? "" : ", every mutation killed in its design"));
    return failed ? ExitCode.VIOLATION : ExitCode.PASS;
  }

  /** Each design's catalogue mutations against the design's scenarios. */
  private void killMatrices(Comparison c, PrintWriter e, Path scratch) {
    for (Design d : Design.values()) {
      List<Spec> variants = c.variants(d);
      if (variants.isEmpty()) {
        continue;
      }
      Map<Mutation, Map<Spec, KillCell>> matrix = new LinkedHashMap<>();
      for (Mutation m : Mutants.applicable(variants)) {
        if (quick && variants.stream().noneMatch(v -> v.kills().contains(m))) {
          continue; // no scenario of this design is designated to kill it
        }
        Map<Spec, KillCell> cells = new LinkedHashMap<>();
        for (Spec v : variants) {
          // a scenario that already violates with the correct protocol cannot show a kill
          if ((quick && !v.kills().contains(m)) || v.expect() == Spec.Expect.VIOLATION
              || !m.appliesTo(v.design(), v.options())) {
            continue; // (a mutation of another design-options generation is not compared)
          }
          List<Mutation> muts = new ArrayList<>(v.mutations());
          muts.add(m);
          Result r = SpecCheck.quiet(v, Mutations.copyOf(muts), explorer, false, m.breaks(), e,
              scratch).result;
          cells.put(v, new KillCell(m, r));
        }
        matrix.put(m, cells);
      }
      c.kills.put(d, matrix);
    }
  }

  /** Everything one compare run found. */
  static final class Comparison {
    /** One scenario in one design: its outcome, or why the design does not support it. */
    static final class Pair {
      final SpecCheck.Outcome outcome; // null: unsupported
      final String unsupported;

      private Pair(SpecCheck.Outcome outcome, String unsupported) {
        this.outcome = outcome;
        this.unsupported = unsupported;
      }

      static Pair of(SpecCheck.Outcome outcome) {
        return new Pair(outcome, null);
      }

      static Pair unsupported(String why) {
        return new Pair(null, why);
      }

      boolean supported() {
        return outcome != null;
      }
    }

    final Map<Spec, Map<Design, Pair>> rows = new LinkedHashMap<>();
    final Map<Design, Map<Mutation, Map<Spec, KillCell>>> kills = new EnumMap<>(Design.class);

    /** The supported variants of {@code d}, in scenario order. */
    List<Spec> variants(Design d) {
      List<Spec> out = new ArrayList<>();
      for (Map<Design, Pair> row : rows.values()) {
        Pair p = row.get(d);
        if (p != null && p.supported()) {
          out.add(p.outcome.spec);
        }
      }
      return out;
    }

    boolean failed() {
      for (Map<Design, Pair> row : rows.values()) {
        for (Pair p : row.values()) {
          if (p.supported() && !p.outcome.asExpected()) {
            return true;
          }
        }
      }
      return !survivors().isEmpty();
    }

    /** Mutations that ran in some design and were killed in none. */
    Set<Mutation> survivors() {
      Set<Mutation> ran = java.util.EnumSet.noneOf(Mutation.class);
      Set<Mutation> killed = java.util.EnumSet.noneOf(Mutation.class);
      for (Map<Mutation, Map<Spec, KillCell>> matrix : kills.values()) {
        for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
          ran.add(row.getKey());
          if (row.getValue().values().stream().anyMatch(KillCell::killed)) {
            killed.add(row.getKey());
          }
        }
      }
      ran.removeAll(killed);
      return ran;
    }

    /** For example {@code PASS} or {@code VIOLATION S1 S3 (expected)}. */
    static String describe(SpecCheck.Outcome r) {
      StringBuilder sb = new StringBuilder(r.vacuous() ? "VACUOUS PASS" : r.result.verdict().name());
      for (String id : violated(r)) {
        sb.append(' ').append(id);
      }
      if (r.spec.expect() == Spec.Expect.VIOLATION && r.asExpected()) {
        sb.append(" (expected)");
      } else if (!r.asExpected()) {
        sb.append(" (NOT as expected)");
      }
      return sb.toString();
    }

    /** Property ids (or finding kinds) the outcome violated, in catalogue order, once each. */
    static List<String> violated(SpecCheck.Outcome r) {
      List<String> out = new ArrayList<>();
      for (Finding f : r.result.findings()) {
        String id = f.property() == null ? f.kind().name() : f.property();
        if (!out.contains(id)) {
          out.add(id);
        }
      }
      return out;
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.benchmarks.Benchmark;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Harness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bench --reduction}: executions and time of each partial-order reduction, without and with
 * symmetry reduction, side by side, over
 * the published benchmarks, the calibration grid and the spec library's largest scenarios (by the
 * completed executions {@code specs/baseline.tsv} records).
 */
final class ReductionBench {
  /** One row: a name, the number of traces when known (-1 otherwise), and the harness. */
  private record Case(String name, long traces, Harness harness) {}

  private static final int LARGEST_SPECS = 5;

  private final PrintWriter out;
  private final Duration limit;
  private final ExplorerOptions.Threads threads;

  ReductionBench(PrintWriter out, Duration limit, ExplorerOptions.Threads threads) {
    this.out = out;
    this.limit = limit;
    this.threads = threads;
  }

  /** Prints the table; returns the number of runs whose verdict differed between reductions. */
  int run(Path specs, boolean quick) {
    List<Case> cases = new ArrayList<>();
    int[][] sizes = quick ? new int[][] {{8}, {4}, {12}, {15}, {4}}
        : new int[][] {{5, 9, 13}, {4, 8}, {12, 13}, {16, 18}, {4, 6}};
    for (int i = 0; i < Benchmark.NAMES.length; i++) {
      for (int n : sizes[i]) {
        Benchmark b = Benchmark.of(Benchmark.NAMES[i], n, false);
        cases.add(new Case(b.name() + "(" + n + ")", b.traces(), b.harness()));
      }
    }
    int[][] grid = quick ? new int[][] {{2, 2}, {2, 3}, {3, 2}}
        : new int[][] {{2, 2}, {2, 3}, {2, 4}, {3, 2}, {3, 3}, {3, 4}};
    for (int[] g : grid) {
      cases.add(new Case("calibration " + g[0] + " pages / " + g[1] + " faulters", -1,
          HarnessCatalog.standard().resolve(CalibrationHarness.ref(g[0], g[1], false))));
    }
    cases.addAll(largestSpecs(specs, quick ? 2 : LARGEST_SPECS));
    out.println("reductions: source-DPOR and optimal DPOR (wakeup trees), each without and with "
        + "symmetry reduction (states), block reduction on; "
        + (limit == null ? "no time limit" : "time limit " + limit.toSeconds() + " s per run"));
    out.println();
    List<String> header = new ArrayList<>(List.of("case", "traces"));
    for (Variant v : Variant.values()) {
      header.add(v.title + " execs");
      if (!v.symmetric()) {
        header.add(v.title + " completed");
      }
      header.add(v.title + " s");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(header.toArray(new String[0]));
    int differ = 0;
    for (Case c : cases) {
      List<String> row = new ArrayList<>();
      row.add(c.name());
      row.add(c.traces() < 0 ? "" : String.format("%,d", c.traces()));
      Result.Verdict first = null;
      boolean same = true;
      for (Variant v : Variant.values()) {
        Result r = explore(c, v);
        if (r.incompleteReason() == null) {
          same &= first == null || first == r.verdict();
          first = first == null ? r.verdict() : first;
        }
        row.add(executions(r));
        if (!v.symmetric()) {
          row.add(String.format("%,d", r.statistics().completed()));
        }
        row.add(seconds(r));
      }
      if (!same) {
        differ++;
        row.set(0, c.name() + " !");
      }
      Tables.addAndShow(out, rows, row.toArray(new String[0])); // the table follows at the end
    }
    Tables.print(out, rows, i -> i == 0);
    out.println();
    out.println("execs: executions run, including sleep-set-blocked ones; '>' marks a run stopped by "
        + "the time limit. Optimal DPOR runs none blocked where no step blocks (see "
        + "docs/explorer.md); '*' marks a run where it met a context-dependent step and went on as "
        + "source-DPOR: from its first execution, or started again after the executions in "
        + "brackets. +symmetry: actors declared interchangeable (calibration faulters, spec "
        + "actors with equal operation lists) run one representative per orbit; the published "
        + "benchmarks declare none.");
    return differ;
  }

  /** The columns: a partial-order reduction, without or with symmetry reduction. */
  private enum Variant {
    SOURCE("source", ExplorerOptions.Dpor.SOURCE, ExplorerOptions.SymmetryMode.OFF),
    OPTIMAL("optimal", ExplorerOptions.Dpor.OPTIMAL, ExplorerOptions.SymmetryMode.OFF),
    SOURCE_SYMMETRY("source+symmetry", ExplorerOptions.Dpor.SOURCE,
        ExplorerOptions.SymmetryMode.STATES),
    OPTIMAL_SYMMETRY("optimal+symmetry", ExplorerOptions.Dpor.OPTIMAL,
        ExplorerOptions.SymmetryMode.STATES);

    final String title;
    final ExplorerOptions.Dpor dpor;
    final ExplorerOptions.SymmetryMode symmetry;

    Variant(String title, ExplorerOptions.Dpor dpor, ExplorerOptions.SymmetryMode symmetry) {
      this.title = title;
      this.dpor = dpor;
      this.symmetry = symmetry;
    }

    boolean symmetric() {
      return symmetry != ExplorerOptions.SymmetryMode.OFF;
    }
  }

  private Result explore(Case c, Variant v) {
    ExplorerOptions.Builder b = ExplorerOptions.builder().threads(threads).stopAtFirst(false)
        .dpor(v.dpor).symmetry(v.symmetry).maxActors(32);
    if (limit != null) {
      b.timeLimit(limit);
    }
    return new Explorer(b.build()).explore(c.harness());
  }

  private static String executions(Result r) {
    boolean gaveWay = "optimal->source".equals(r.statistics().reduction());
    long before = r.statistics().optimalExecutions();
    return (r.incompleteReason() == null ? "" : ">") + String.format("%,d",
        r.statistics().executions()) + (!gaveWay ? "" : before == 0 ? "*"
            : String.format(" (+%,d)*", before));
  }

  private static String seconds(Result r) {
    return String.format("%.1f", r.statistics().wallMillis() / 1000.0);
  }

  /** The harness {@code check} explores for {@code spec}: its own mutations, every property. */
  static Harness specHarness(Spec spec) {
    return SpecChecks.harness(spec, Mutations.copyOf(spec.mutations()),
        SpecChecks.select(spec, List.of()), SpecChecks.checksData(spec, List.of()));
  }

  /** The library's {@code n} passing scenarios with the most completed executions in its baseline. */
  private static List<Case> largestSpecs(Path dir, int n) {
    Path file = dir.resolve(Baseline.FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    // the largest the library expects to pass: an expected violation's run is not a proof, and
    // collecting every violation of one (stop-at-first off) is no yardstick of a reduction
    List<String> names = Baseline.load(file).largest(Integer.MAX_VALUE);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UserError("cannot list " + dir + ": " + e.getMessage());
    }
    List<Spec> specs = SpecFiles.load(files, s -> { }).specs;
    List<Case> out = new ArrayList<>();
    for (String name : names) {
      for (Spec spec : specs) {
        if (out.size() < n && spec.name().equals(name) && spec.expect() == Spec.Expect.PASS) {
          out.add(new Case("spec " + name, -1, specHarness(spec)));
        }
      }
    }
    return out;
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Harness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --scale}: executions, wall time and speed-up of the same exhaustive search on 1..N
 * workers, and on a 2-member cluster of this machine (this JVM with one worker and a worker JVM
 * with one), measured in one run, over the calibration grid's larger configurations and the spec
 * library's scale scenario ({@code teardown_five_actors}).
 */
final class ScaleBench {
  private record Case(String name, HarnessRef ref, Harness harness) {
    static Case of(String name, HarnessRef ref) {
      return new Case(name, ref, HarnessCatalog.standard().resolve(ref));
    }
  }

  static final String CLUSTER = "2-member cluster";

  private static final String SCALE_SPEC = "teardown_five_actors";

  private final PrintWriter out;
  private final Duration limit;
  private final ExplorerOptions.Threads threads;
  private final ExplorerOptions.SymmetryMode symmetry;

  ScaleBench(PrintWriter out, Duration limit, ExplorerOptions.Threads threads,
      ExplorerOptions.SymmetryMode symmetry) {
    this.out = out;
    this.limit = limit;
    this.threads = threads;
    this.symmetry = symmetry;
  }

  /**
   * Prints the table; returns the number of cases where a worker count gave another verdict or
   * another number of completed executions than one worker (a bug).
   */
  int run(Path specs, boolean quick, int maxWorkers) {
    List<Case> cases = new ArrayList<>();
    int[][] grid = quick ? new int[][] {{3, 3}} : new int[][] {{3, 3}, {2, 4}, {3, 4}};
    for (int[] g : grid) {
      cases.add(Case.of("calibration " + g[0] + " pages / " + g[1] + " faulters",
          CalibrationHarness.ref(g[0], g[1], false)));
    }
    if (!quick) {
      Path file = specs.resolve(SCALE_SPEC + ".yaml");
      for (Spec spec : SpecFiles.load(List.of(file), s -> { }).specs) {
        cases.add(Case.of("spec " + spec.name(), SpecHarness.ref(spec,
            Mutations.copyOf(spec.mutations()), SpecChecks.select(spec, List.of()),
            SpecChecks.checksData(spec, List.of()))));
      }
    }
    out.println("workers 1.." + maxWorkers + " on " + Runtime.getRuntime().availableProcessors()
        + " cores; " + (limit == null ? "no time limit" : "time limit " + limit.toSeconds()
        + " s per run") + "; symmetry " + symmetry.name().toLowerCase(java.util.Locale.ROOT)
        + "; speed-up: wall time of 1 worker / wall time of N");
    out.println();
    LocalCluster cluster = startCluster();
    try {
      return measure(cases, maxWorkers, cluster);
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  private LocalCluster startCluster() {
    try {
      return LocalCluster.start(out);
    } catch (RuntimeException e) {
      out.println("no " + CLUSTER + " row: " + Main.oneLine(e.getMessage()));
      return null;
    }
  }

  private int measure(List<Case> cases, int maxWorkers, LocalCluster cluster) {
    // Warm-up (not timed): the JIT would otherwise count against whichever run comes first.
    Case warm = Case.of("warm-up", CalibrationHarness.ref(2, 3, false));
    explore(warm, maxWorkers, null);
    if (cluster != null) {
      explore(warm, 1, cluster);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"case", "workers", "executions", "completed", "wall s", "speed-up"});
    List<String> ratios = new ArrayList<>();
    int differ = 0;
    for (Case c : cases) {
      Result one = null;
      Result two = null;
      for (int w = 1; w <= maxWorkers + (cluster == null ? 0 : 1); w++) {
        boolean clustered = w > maxWorkers;
        Result r = clustered ? explore(c, 1, cluster) : explore(c, w, null);
        if (w == 2) {
          two = r;
        }
        boolean done = r.incompleteReason() == null;
        if (one == null) {
          one = r;
        } else if (done && one.incompleteReason() == null
            && (r.verdict() != one.verdict()
                || r.statistics().completed() != one.statistics().completed())) {
          differ++;
        }
        if (clustered && two != null) {
          ratios.add(String.format("%s: %.2fx the wall time of 2 workers in one process", c.name(),
              r.statistics().wallMillis() / (double) Math.max(1, two.statistics().wallMillis())));
        }
        String[] row = {c.name(), clustered ? CLUSTER + " (1+1)" : String.valueOf(w),
            (done ? "" : ">") + String.format("%,d", r.statistics().executions()),
            String.format("%,d", r.statistics().completed()),
            String.format("%.1f", r.statistics().wallMillis() / 1000.0),
            String.format("%.2f", one.statistics().wallMillis()
                / (double) Math.max(1, r.statistics().wallMillis()))};
        Tables.addAndShow(out, rows, row); // the table follows at the end
      }
    }
    Tables.print(out, rows, i -> i == 0);
    out.println();
    out.println("executions: run, including sleep-set-blocked ones (they vary with the timing); "
        + "completed: expected the same for every number of workers (a difference is a bug, or a race "
        + "relation that depends on the state: docs/explorer.md, \"Cluster\"); '>' marks "
        + "a run stopped by the time limit. " + CLUSTER + ": this JVM with 1 worker and a worker "
        + "JVM with 1, over TCP on 127.0.0.1.");
    for (String line : ratios) {
      out.println("  " + line);
    }
    return differ;
  }

  private Result explore(Case c, int workers, LocalCluster cluster) {
    ExplorerOptions.Builder b = ExplorerOptions.builder().threads(threads).stopAtFirst(false)
        .maxActors(32).workers(workers).symmetry(symmetry);
    if (cluster != null) {
      b.remote(cluster.exploration(c.ref()));
    }
    if (limit != null) {
      b.timeLimit(limit);
    }
    return new Explorer(b.build()).explore(c.harness());
  }
}

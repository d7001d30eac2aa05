package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.jpf.Agreement;
import dev.mirrorcheck.jpf.JpfLog;
import dev.mirrorcheck.jpf.RealJpf;
import dev.mirrorcheck.sync.Harness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mirrorcheck bench}: times the explorer on the calibration configurations, and with
 * {@code --jpf} runs Java PathFinder on the same ones, side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Time the explorer on the calibration configurations; with --jpf, Java PathFinder too.",
    description = {
      "Time the explorer on seven calibration configurations (the calibration mirror at growing "
          + "sizes, correct and buggy). Each runs once to warm up the JIT, then --repeat times; "
          + "rounds interleave the configurations so that noise spreads evenly. A benchmark, not a "
          + "test: timings vary with the machine and its load.",
      "",
      "With --jpf, Java PathFinder itself (JPF_HOME or --jpf-home) runs each configuration once too, "
          + "with a time budget per configuration (--jpf-budget), and the table shows its verdict, "
          + "new states and wall time (JVM and JPF start-up included) next to ours, and whether the "
          + "engines agree."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck bench                 # 5 timed rounds",
      "  ./mirrorcheck bench --quick         # one round, no warm-up",
      "  JPF_HOME=~/jpf-core ./mirrorcheck bench --quick --jpf --jpf-budget 300",
      "  ./mirrorcheck bench --reduction        # source- vs optimal DPOR, +symmetry",
      "  ./mirrorcheck bench --scale            # 1..N workers, speed-up",
    })
final class BenchCommand implements Callable<Integer>, ExitCodes {
  private static final int DEFAULT_REPEAT = 5;

  @Spec CommandSpec spec;

  @Option(names = "--repeat", paramLabel = "N",
      description = "Timed rounds, 1..1000. Default: " + DEFAULT_REPEAT + ".")
  Integer repeat;

  @Option(names = "--quick", description = "One timed round and no warm-up.")
  boolean quick;

  @Option(names = "--jpf", description = "Also run Java PathFinder on each configuration.")
  boolean jpf;

  @Option(names = "--jpf-home", paramLabel = "DIR",
      description = "With --jpf: jpf-core directory (with build/RunJPF.jar). Default: $JPF_HOME.")
  Path jpfHome;

  @Option(names = "--jpf-budget", paramLabel = "SECONDS", description = "With --jpf: Java "
      + "PathFinder's time budget per configuration, 1..86400. Default: 300.")
  Integer jpfBudget;

  @Option(names = "--reduction", description = "Instead: executions and time of source-DPOR and "
      + "optimal DPOR, each without and with symmetry reduction, side by side over the published benchmarks (lastzero, readers, indexer, "
      + "filesystem, philosophers), the calibration grid and the spec library's five largest passing "
      + "scenarios.")
  boolean reduction;

  @Option(names = "--scale", description = "Instead: executions, wall time and speed-up of --workers "
      + "1..N (default N: every core) on calibration 3 pages / 3 faulters, 2 / 4 and 3 / 4 and on "
      + "specs/teardown_five_actors.yaml, side by side, and on a 2-member cluster of this machine "
      + "(this JVM and a worker JVM, one worker each); with --quick, 3 / 3 only.")
  boolean scale;

  @Option(names = "--max-workers", paramLabel = "N", description = "With --scale: the largest "
      + "number of workers, 1..256. Default: every core.")
  Integer maxWorkers;

  @Option(names = "--specs", paramLabel = "DIR", description = "With --reduction or --scale: the spec library "
      + "whose largest scenarios to run. Default: specs/.")
  Path specs;

  @Option(names = "--time-limit", paramLabel = "SECONDS", description = "With --reduction or --scale: time "
      + "limit of each run, 1..86400. Default: 600.")
  Integer timeLimit;

  @Option(names = "--symmetry", paramLabel = "off|start|states", description = "With --scale: "
      + "symmetry reduction of every run (default states, as check). 'off' times the calibration "
      + "grid unreduced, as the scaling targets were set (3 pages / 4 faulters: about 10 million "
      + "executions).")
  String symmetry;

  @Mixin ThreadsMixin threads = new ThreadsMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "the benchmark ran and every configuration gave its expected verdict",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INTERNAL, "a configuration gave an unexpected verdict, or another bug in mirrorcheck");
  }

  @Override
  public Integer call() {
    if (scale) {
      return scale();
    }
    if (maxWorkers != null) {
      throw new UserError("--max-workers goes with --scale");
    }
    if (symmetry != null) {
      throw new UserError("--symmetry goes with --scale (--reduction runs every mode side by side)");
    }
    if (reduction) {
      if (jpf || repeat != null) {
        throw new UserError("--reduction runs each case once and without --jpf");
      }
      int limit = timeLimit == null ? 600 : timeLimit;
      if (limit < 1 || limit > 86_400) {
        throw new UserError("--time-limit must be in 1..86400 seconds, got " + limit);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println("mirrorcheck " + VersionProvider.version() + " bench --reduction" + (quick
          ? " --quick" : ""));
      w.println("JVM:    " + VersionProvider.jvm());
      int differ = new ReductionBench(w, java.time.Duration.ofSeconds(limit), threads.threads())
          .run(specs == null ? Path.of("specs") : specs, quick);
      w.flush();
      if (differ > 0) {
        spec.commandLine().getErr().println("mirrorcheck: bench: " + differ + " case(s) got "
            + "different verdicts from the reductions (marked !); this is a bug in mirrorcheck");
        return ExitCode.INTERNAL;
      }
      return ExitCode.PASS;
    }
    if (specs != null || timeLimit != null) {
      throw new UserError("--specs and --time-limit go with --reduction");
    }
    if (quick && repeat != null) {
      throw new UserError("--quick and --repeat cannot be combined (--quick means one round)");
    }
    int rounds = quick ? 1 : repeat == null ? DEFAULT_REPEAT : repeat;
    if (rounds < 1 || rounds > 1000) {
      throw new UserError("--repeat must be in 1..1000, got " + rounds);
    }
    if (!jpf && (jpfHome != null || jpfBudget != null)) {
      throw new UserError((jpfHome != null ? "--jpf-home" : "--jpf-budget") + " goes with --jpf");
    }
    int budget = jpfBudget == null ? 300 : jpfBudget;
    if (budget < 1 || budget > 86_400) {
      throw new UserError("--jpf-budget must be in 1..86400 seconds, got " + budget);
    }
    RealJpf realJpf = null;
    if (jpf) {
      try {
        realJpf = RealJpf.locate(jpfHome, System.getenv());
      } catch (RealJpf.SetupException x) {
        throw new UserError(x.getMessage());
      }
    }
    ExplorerOptions.Threads kind = threads.threads();
    PrintWriter out = spec.commandLine().getOut();
    List<BenchCase> cases = BenchCase.CALIBRATION;
    out.println("mirrorcheck " + VersionProvider.version() + " bench: calibration harness, best and "
        + "median of " + rounds + " round(s)" + (quick ? ", no warm-up" : " after 1 warm-up round"));
    out.println("JVM:    " + VersionProvider.jvm());
    out.flush();
    if (!quick) {
      for (BenchCase c : cases) {
        run(c, kind);
      }
    }
    double[][] millis = new double[cases.size()][rounds];
    Result[] last = new Result[cases.size()];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < cases.size(); i++) {
        long t0 = System.nanoTime();
        last[i] = run(cases.get(i), kind);
        millis[i][r] = (System.nanoTime() - t0) / 1e6;
      }
    }
    out.println("engine: " + last[0].engine());
    out.flush();
    JpfTimes[] theirs = new JpfTimes[cases.size()];
    if (realJpf != null) {
      out.println("Java PathFinder: " + realJpf.describe() + ", budget " + budget + " s each");
      out.flush();
      for (int i = 0; i < cases.size(); i++) {
        theirs[i] = jpf(realJpf, cases.get(i), last[i], budget);
      }
    }
    out.println();
    BenchTable table = new BenchTable(realJpf != null);
    int unexpected = 0;
    for (int i = 0; i < cases.size(); i++) {
      BenchCase c = cases.get(i);
      double[] sorted = millis[i].clone();
      Arrays.sort(sorted);
      double median = rounds % 2 == 1 ? sorted[rounds / 2]
          : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
      boolean ok = last[i].verdict() == c.expected();
      unexpected += ok ? 0 : 1;
      table.add(c, last[i], sorted[0], median, ok, theirs[i]);
    }
    table.print(out);
    out.println();
    out.println("Our times exclude JVM start-up" + (realJpf == null ? "." : "; JPF's wall time "
        + "includes its JVM and JPF start-up. speed-up = JPF's wall time / our median (a lower "
        + "bound, '>', when JPF's budget ran out first)."));
    out.flush();
    if (unexpected > 0) {
      spec.commandLine().getErr().println("mirrorcheck: bench: " + unexpected
          + " configuration(s) gave an unexpected verdict (marked !); this is a bug in mirrorcheck");
      return ExitCode.INTERNAL;
    }
    return ExitCode.PASS;
  }

  /** What Java PathFinder did on one configuration. */
  private record JpfTimes(String verdict, long states, double seconds, boolean complete,
      String agreement) {}

  private JpfTimes jpf(RealJpf real, BenchCase c, Result ours, int budget) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path dir = Files.createTempDirectory("mirrorcheck-bench-jpf");
      Path config = Files.writeString(dir.resolve("calibration.jpf"),
          c.jpfConfig(JpfExport.classesDir().toString()));
      Path log = dir.resolve("jpf.txt");
      long t0 = System.nanoTime();
      RealJpf.Run run;
      try (PrintWriter p = new PrintWriter(Files.newBufferedWriter(log))) {
        run = real.run(config, List.of("+listener=gov.nasa.jpf.listener.BudgetChecker",
            "+budget.max_time=" + budget * 1000L), p, p, budget + 120L);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Agreement a = Agreement.of(ours, run);
      err.println("mirrorcheck: bench: JPF on " + c + ": " + a + String.format(" (%.1f s)",
          seconds));
      err.flush();
      boolean complete = run.killedAfter() == 0 && (run.outcome() == JpfLog.Outcome.NO_ERRORS
          || (run.outcome() == JpfLog.Outcome.ERRORS && c.mode != BenchCase.Mode.ALL_ERRORS));
      String verdict = run.killedAfter() > 0 ? "stopped" : switch (run.outcome()) {
        case NO_ERRORS -> "no errors";
        case ERRORS -> run.log().errors() + " error(s)";
        case CONSTRAINT -> "incomplete";
        default -> "no result";
      };
      return new JpfTimes(verdict, run.log().newStates(), seconds, complete,
          a.status().label());
    } catch (IOException e) {
      throw new UserError("cannot run Java PathFinder: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while Java PathFinder was running");
    }
  }

  private static Result run(BenchCase c, ExplorerOptions.Threads threads) {
    Harness harness = HarnessCatalog.standard()
        .resolve(CalibrationHarness.ref(c.pages, c.faulters, c.buggy));
    ExplorerOptions options = ExplorerOptions.builder().threads(threads)
        .stopAtFirst(c.mode != BenchCase.Mode.ALL_ERRORS).build();
    return new Explorer(options).explore(harness);
  }

  /** The result table, with columns sized to their contents. */
  private static final class BenchTable {
    private static final String[] HEADER = {"variant", "pages", "faulters", "mode", "verdict",
        "executions", "transitions", "best ms", "median ms"};
    private static final String[] JPF_HEADER = {"JPF", "JPF states", "JPF wall s", "speed-up",
        "engines"};

    private final boolean withJpf;
    private final List<String[]> rows = new ArrayList<>();

    BenchTable(boolean withJpf) {
      this.withJpf = withJpf;
    }

    void add(BenchCase c, Result r, double best, double median, boolean ok, JpfTimes jpf) {
      String verdict = r.verdict().name()
          + (c.mode == BenchCase.Mode.ALL_ERRORS ? " (" + r.findings().size() + " distinct)" : "")
          + (ok ? "" : " !");
      List<String> row = new ArrayList<>(List.of(c.variant(), Integer.toString(c.pages),
          Integer.toString(c.faulters), c.mode.label, verdict,
          String.format("%,d", r.statistics().executions()),
          String.format("%,d", r.statistics().transitions()), String.format("%.1f", best),
          String.format("%.1f", median)));
      if (withJpf) {
        row.add(jpf.verdict());
        row.add(jpf.states() < 0 ? "-" : String.format("%,d", jpf.states()));
        row.add(String.format("%.1f", jpf.seconds()));
        row.add((jpf.complete() ? "" : ">") + String.format("%,.0fx",
            jpf.seconds() * 1000 / Math.max(median, 0.01)));
        row.add(jpf.agreement());
      }
      rows.add(row.toArray(new String[0]));
    }

    void print(PrintWriter out) {
      String[] header = HEADER;
      if (withJpf) {
        header = Arrays.copyOf(HEADER, HEADER.length + JPF_HEADER.length);
        System.arraycopy(JPF_HEADER, 0, header, HEADER.length, JPF_HEADER.length);
      }
      List<String[]> all = new ArrayList<>();
      all.add(header);
      all.addAll(rows);
      Tables.print(out, all, i -> i <= 4 || i == 9 || i == 13);
    }
  }

  /** {@code --scale}: the same searches on 1..N workers. */
  private int scale() {
    if (reduction || jpf || repeat != null) {
      throw new UserError("--scale runs each case once per number of workers, without --reduction "
          + "or --jpf");
    }
    int n = maxWorkers == null ? ExplorerOptions.allCores() : maxWorkers;
    if (n < 1 || n > ExplorerOptions.MAX_WORKERS) {
      throw new UserError("--max-workers must be in 1.." + ExplorerOptions.MAX_WORKERS + ", got " + n);
    }
    Integer limit = timeLimit;
    if (limit != null && (limit < 1 || limit > 86_400)) {
      throw new UserError("--time-limit must be in 1..86400 seconds, got " + limit);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("mirrorcheck " + VersionProvider.version() + " bench --scale" + (quick ? " --quick"
        : ""));
    w.println("JVM:    " + VersionProvider.jvm());
    ExplorerOptions.SymmetryMode mode = ExplorerOptions.SymmetryMode.STATES;
    if (symmetry != null) {
      try {
        mode = ExplorerOptions.SymmetryMode.valueOf(symmetry.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserError("--symmetry must be off, start or states, got '" + symmetry + "'");
      }
    }
    int differ = new ScaleBench(w, limit == null ? null : java.time.Duration.ofSeconds(limit),
        threads.threads(), mode).run(specs == null ? Path.of("specs") : specs, quick, n);
    w.flush();
    if (differ > 0) {
      spec.commandLine().getErr().println("mirrorcheck: bench: " + differ + " run(s) on several "
          + "workers differed from one worker in verdict or completed executions; this is a bug in "
          + "mirrorcheck");
      return ExitCode.INTERNAL;
    }
    return ExitCode.PASS;
  }
}

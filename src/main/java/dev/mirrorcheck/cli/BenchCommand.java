package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.sync.Harness;
import java.io.PrintWriter;
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

/** {@code mirrorcheck bench}: times the calibration configurations against JPF's reference figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Time the calibration configurations against Java PathFinder's reference figures.",
    description = {
      "Time the explorer on the calibration configurations of docs/jpf-figures.md and "
          + "compare with Java PathFinder's wall times there. Each configuration runs once to warm "
          + "up the JIT, then --repeat times; rounds interleave the configurations so that noise "
          + "spreads evenly. A benchmark, not a test: timings vary with the machine and its load."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck bench                 # 5 timed rounds",
      "  ./mirrorcheck bench --quick         # one round, no warm-up",
      "  ./mirrorcheck bench --threads platform",
    })
final class BenchCommand implements Callable<Integer>, ExitCodes {
  private static final int DEFAULT_REPEAT = 5;

  @Spec CommandSpec spec;

  @Option(names = "--repeat", paramLabel = "N",
      description = "Timed rounds, 1..1000. Default: " + DEFAULT_REPEAT + ".")
  Integer repeat;

  @Option(names = "--quick", description = "One timed round and no warm-up.")
  boolean quick;

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
    if (quick && repeat != null) {
      throw new UserError("--quick and --repeat cannot be combined (--quick means one round)");
    }
    int rounds = quick ? 1 : repeat == null ? DEFAULT_REPEAT : repeat;
    if (rounds < 1 || rounds > 1000) {
      throw new UserError("--repeat must be in 1..1000, got " + rounds);
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
    out.println();
    BenchTable table = new BenchTable();
    int unexpected = 0;
    for (int i = 0; i < cases.size(); i++) {
      BenchCase c = cases.get(i);
      double[] sorted = millis[i].clone();
      Arrays.sort(sorted);
      double median = rounds % 2 == 1 ? sorted[rounds / 2]
          : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
      boolean ok = last[i].verdict() == c.expected();
      unexpected += ok ? 0 : 1;
      table.add(c, last[i], sorted[0], median, ok);
    }
    table.print(out);
    out.println();
    out.println("JPF wall s: Java PathFinder (jpf-core java-17, DFSearch, JDK 17) on this machine "
        + "kind, from docs/jpf-figures.md;");
    out.println("  it includes ~1.1 s of JVM/JPF start-up, our times exclude JVM start-up. "
        + "speed-up = JPF's fastest / our median.");
    out.flush();
    if (unexpected > 0) {
      spec.commandLine().getErr().println("mirrorcheck: bench: " + unexpected
          + " configuration(s) gave an unexpected verdict (marked !); this is a bug in mirrorcheck");
      return ExitCode.INTERNAL;
    }
    return ExitCode.PASS;
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
        "executions", "transitions", "best ms", "median ms", "JPF wall s", "speed-up"};
    /** Text columns are left-aligned, numbers right-aligned. */
    private static final boolean[] LEFT = {true, false, false, true, true, false, false, false,
        false, false, false};

    private final List<String[]> rows = new ArrayList<>();

    void add(BenchCase c, Result r, double best, double median, boolean ok) {
      String verdict = r.verdict().name()
          + (c.mode == BenchCase.Mode.ALL_ERRORS ? " (" + r.findings().size() + " distinct)" : "")
          + (ok ? "" : " !");
      rows.add(new String[] {c.variant(), Integer.toString(c.pages), Integer.toString(c.faulters),
          c.mode.label, verdict, String.format("%,d", r.statistics().executions()),
          String.format("%,d", r.statistics().transitions()), String.format("%.1f", best),
          String.format("%.1f", median), c.jpfRange(),
          String.format("%,.0fx", c.jpfMinSeconds * 1000 / Math.max(median, 0.01))});
    }

    void print(PrintWriter out) {
      int[] width = new int[HEADER.length];
      List<String[]> all = new ArrayList<>();
      all.add(HEADER);
      all.addAll(rows);
      for (String[] r : all) {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], r[i].length());
        }
      }
      for (String[] r : all) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          String pad = " ".repeat(width[i] - r[i].length());
          sb.append(i == 0 ? "" : "  ").append(LEFT[i] ? r[i] + pad : pad + r[i]);
        }
        out.println(sb.toString().stripTrailing());
      }
    }
  }
}

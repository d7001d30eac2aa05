package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.jpf.Agreement;
import dev.mirrorcheck.jpf.ConfigLoader;
import dev.mirrorcheck.jpf.Expectation;
import dev.mirrorcheck.jpf.JpfConfig;
import dev.mirrorcheck.jpf.JpfConfigException;
import dev.mirrorcheck.jpf.JpfLog;
import dev.mirrorcheck.jpf.JpfSettings;
import dev.mirrorcheck.jpf.JpfTarget;
import dev.mirrorcheck.jpf.RealJpf;
import dev.mirrorcheck.report.AgreementPages;
import dev.mirrorcheck.report.AgreementTable;
import dev.mirrorcheck.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code jpf --agree}: every configuration on our explorer (every distinct violation) and on Java
 * PathFinder (with a time budget), compared by {@link Agreement}, written as the agreement table.
 */
final class JpfAgree {
  /** JPF's budget for a hand-written configuration without a {@code # jpf-budget:} line. */
  static final int DEFAULT_BUDGET = 120;
  /**
   * JPF's budget for a generated configuration without one: they are many and run every property
   * checker after every step, so JPF rarely finishes one; a short budget still shows it runs them.
   */
  static final int DEFAULT_GENERATED_BUDGET = 30;
  static final int MAX_BUDGET = 86_400;
  private static final Pattern BUDGET_LINE = Pattern.compile("^# jpf-budget:(.*)$");
  /** How long past its budget a JPF process may run (start-up, statistics) before it is stopped. */
  private static final int GRACE_SECONDS = 120;

  private final RealJpf jpf;
  private final Integer budgetOverride;
  private final int jobs;
  private final ExplorerOptions.Threads threads;
  private final PrintWriter err;

  /**
   * {@code budgetOverride}: the budget of every configuration, or null for each one's own; {@code
   * jobs}: configurations run at once (each one JPF process).
   */
  JpfAgree(RealJpf jpf, Integer budgetOverride, int jobs, ExplorerOptions.Threads threads,
      PrintWriter err) {
    this.jpf = jpf;
    this.budgetOverride = budgetOverride;
    this.jobs = jobs;
    this.threads = threads;
    this.err = err;
  }

  /**
   * The header's {@code # jpf-budget: SECONDS}, or null without one: how long JPF needs for the
   * configuration, so that {@code jpf --agree} gives the slow ones enough time by default.
   */
  static Integer headerBudget(Path file, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = BUDGET_LINE.matcher(lines[i].strip());
      if (!m.matches()) {
        continue;
      }
      String v = m.group(1).strip();
      try {
        int seconds = Integer.parseInt(v);
        if (seconds >= 1 && seconds <= MAX_BUDGET) {
          return seconds;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UserError(file + ":" + (i + 1) + ": jpf-budget must be a whole number of seconds "
          + "in 1.." + MAX_BUDGET + ", got '" + v + "'");
    }
    return null;
  }

  /** Every {@code .jpf} file named, or below a named directory, in a stable order. */
  static List<Path> find(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.walk(in)) {
          s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jpf")).sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new UserError("cannot read directory " + in + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(in) && in.toString().endsWith(".jpf")) {
        out.add(in);
      } else {
        throw new UserError(in + ": no such .jpf file or directory");
      }
    }
    if (out.isEmpty()) {
      throw new UserError("no .jpf configurations found in " + inputs);
    }
    return out;
  }

  /** Runs both engines on every configuration and writes the table under {@code parent}. */
  int run(List<Path> configs, Path parent, PrintWriter out) {
    String runId = RunReport.defaultRunId(Instant.now()) + "-jpf-agree";
    Path dir = parent.resolve(runId);
    Path logs = dir.resolve("jpf-logs");
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UserError("cannot create " + logs + ": " + e.getMessage());
    }
    for (Path file : configs) {
      headerBudget(file, read(file)); // a malformed budget line stops the run before it starts
    }
    String started = Instant.now().toString();
    List<AgreementTable.Row> rows = rows(configs, logs);
    AgreementTable table = new AgreementTable(runId, started, VersionProvider.version(),
        VersionProvider.jvm(), jpf.describe(), budgetOverride, rows);
    try {
      Files.writeString(dir.resolve("agreement.md"), AgreementPages.markdown(table),
          StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("agreement.html"), AgreementPages.html(table),
          StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("agreement.json"), AgreementPages.json(table),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot write the agreement table under " + dir + ": " + e.getMessage());
    }
    out.print(AgreementPages.text(table));
    out.println("agreement table: " + dir.resolve("agreement.md"));
    out.println(table.satisfied() ? "RESULT: every hand-written configuration agrees as expected; "
        + "no generated one disagrees or could not run"
        : "RESULT: NOT AGREED (see the rows marked above)");
    out.flush();
    return table.satisfied() ? ExitCode.PASS : ExitCode.VIOLATION;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Every configuration's row, in the order given, {@link #jobs} at a time. */
  private List<AgreementTable.Row> rows(List<Path> configs, Path logs) {
    AgreementTable.Row[] rows = new AgreementTable.Row[configs.size()];
    int[] done = {0};
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < configs.size(); i++) {
        int k = i;
        futures.add(pool.submit(() -> {
          Path file = configs.get(k);
          AgreementTable.Row row = one(file, logs.resolve(String.format("%03d-%s.txt", k + 1,
              file.getFileName().toString().replaceFirst("\\.jpf$", ""))));
          rows[k] = row;
          synchronized (done) {
            done[0]++;
            err.println("mirrorcheck: jpf --agree [" + done[0] + "/" + configs.size() + "] "
                + row.config() + ": " + row.status() + " (" + row.reason() + "); ours "
                + AgreementPages.seconds(row.ourMillis()) + ", JPF "
                + AgreementPages.seconds(row.jpfMillis()) + " of " + row.jpfBudgetSeconds()
                + (row.jpfStates() < 0 ? "" : String.format(", %,d states", row.jpfStates())));
            err.flush();
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while the configurations were running");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.of(rows);
  }

  private AgreementTable.Row one(Path file, Path log) {
    String text = read(file);
    Expectation expected = Expectation.of(text);
    boolean generated = text.contains(JpfExport.MARK);
    Integer own = headerBudget(file, text);
    int budgetSeconds = budgetOverride != null ? budgetOverride : own != null ? own
        : generated ? DEFAULT_GENERATED_BUDGET : DEFAULT_BUDGET;
    long t0 = System.nanoTime();
    Result ours = ours(file, budgetSeconds);
    long oursMillis = (System.nanoTime() - t0) / 1_000_000;
    RealJpf.Run run;
    long t1 = System.nanoTime();
    try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        PrintWriter p = new PrintWriter(w)) {
      run = jpf.run(file, List.of("+listener=gov.nasa.jpf.listener.BudgetChecker",
          "+budget.max_time=" + budgetSeconds * 1000L), p, p, budgetSeconds + GRACE_SECONDS);
    } catch (IOException e) {
      throw new UserError("cannot run Java PathFinder on " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while Java PathFinder was running");
    }
    long jpfMillis = (System.nanoTime() - t1) / 1_000_000;
    Agreement a = Agreement.of(ours, run);
    JpfLog l = run.log();
    return new AgreementTable.Row(file.toString(), generated,
        expected == null ? "(no # expect: line)" : expected.toString(), ours.verdict().name(),
        new ArrayList<>(Agreement.violated(ours)), ours.statistics().executions(),
        ours.statistics().transitions(), oursMillis, outcome(run),
        l.propertyClass() == null ? "" : l.propertyClass().substring(
            l.propertyClass().lastIndexOf('.') + 1),
        l.propertyId() == null ? "" : l.propertyId(), l.newStates(), l.instructions(), jpfMillis,
        budgetSeconds,
        a.status().label(), a.reason(), asExpected(expected, ours, l),
        "jpf-logs/" + log.getFileName());
  }

  /**
   * Our explorer on the configuration as written, but reporting every distinct violation it meets
   * within the same time budget as JPF (every violation of a mutant can take far longer to collect
   * than its first). A search that met none in that time runs again to its end, as the
   * configuration states it, since its verdict is what the table compares.
   */
  private Result ours(Path file, int budgetSeconds) {
    try {
      JpfConfig config = ConfigLoader.load(file, List.of());
      JpfSettings settings = JpfSettings.of(config);
      try (JpfTarget target = JpfTarget.resolve(config, JpfAgree.class.getClassLoader())) {
        ExplorerOptions.Builder options = settings.applyTo(
            ExplorerOptions.builder().threads(threads)).stopAtFirst(false);
        Result every = new Explorer(options.timeLimit(Duration.ofSeconds(budgetSeconds)).build())
            .explore(target.harness());
        if (every.verdict() != Result.Verdict.INCOMPLETE) {
          return every;
        }
        return new Explorer(settings.applyTo(ExplorerOptions.builder().threads(threads)).build())
            .explore(target.harness());
      }
    } catch (JpfConfigException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static String outcome(RealJpf.Run run) {
    if (run.killedAfter() > 0) {
      return "stopped";
    }
    switch (run.outcome()) {
      case NO_ERRORS:
        return "no errors";
      case ERRORS:
        return "errors";
      case CONSTRAINT:
        return "incomplete";
      default:
        return "no result";
    }
  }

  /** Whether the verdict found is the one the header states. */
  private static boolean asExpected(Expectation e, Result ours, JpfLog jpf) {
    if (e == null) {
      return false;
    }
    if (!e.errors()) {
      return ours.verdict() == Result.Verdict.PASS;
    }
    if (ours.verdict() != Result.Verdict.VIOLATION) {
      return false;
    }
    return jpf.propertyClass() == null || jpf.propertyClass().equals(e.propertyClass());
  }
}

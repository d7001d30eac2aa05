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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jpf --agree}: every configuration on our explorer (every distinct violation) and on Java
 * PathFinder (with a time budget), compared by {@link Agreement}, written as the agreement table.
 */
final class JpfAgree {
  static final int DEFAULT_BUDGET = 120;
  /** How long past its budget a JPF process may run (start-up, statistics) before it is stopped. */
  private static final int GRACE_SECONDS = 120;

  private final RealJpf jpf;
  private final int budgetSeconds;
  private final ExplorerOptions.Threads threads;
  private final PrintWriter err;

  JpfAgree(RealJpf jpf, int budgetSeconds, ExplorerOptions.Threads threads, PrintWriter err) {
    this.jpf = jpf;
    this.budgetSeconds = budgetSeconds;
    this.threads = threads;
    this.err = err;
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
    String started = Instant.now().toString();
    List<AgreementTable.Row> rows = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      AgreementTable.Row row = one(configs.get(i), logs.resolve(String.format("%03d-%s.txt", i + 1,
          configs.get(i).getFileName().toString().replaceFirst("\\.jpf$", ""))));
      rows.add(row);
      err.println("mirrorcheck: jpf --agree [" + (i + 1) + "/" + configs.size() + "] "
          + row.config() + ": " + row.status() + " (" + row.reason() + "); ours "
          + AgreementPages.seconds(row.ourMillis()) + ", JPF "
          + AgreementPages.seconds(row.jpfMillis())
          + (row.jpfStates() < 0 ? "" : String.format(", %,d states", row.jpfStates())));
      err.flush();
    }
    AgreementTable table = new AgreementTable(runId, started, VersionProvider.version(),
        VersionProvider.jvm(), jpf.describe(), budgetSeconds, rows);
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

  private AgreementTable.Row one(Path file, Path log) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
    Expectation expected = Expectation.of(text);
    boolean generated = text.contains(JpfExport.MARK);
    long t0 = System.nanoTime();
    Result ours = ours(file);
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
        a.status().label(), a.reason(), asExpected(expected, ours, l),
        "jpf-logs/" + log.getFileName());
  }

  /** Our explorer on the configuration as written, but reporting every distinct violation. */
  private Result ours(Path file) {
    try {
      JpfConfig config = ConfigLoader.load(file, List.of());
      JpfSettings settings = JpfSettings.of(config);
      try (JpfTarget target = JpfTarget.resolve(config, JpfAgree.class.getClassLoader())) {
        ExplorerOptions options = settings.applyTo(ExplorerOptions.builder().threads(threads))
            .stopAtFirst(false).build();
        return new Explorer(options).explore(target.harness());
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

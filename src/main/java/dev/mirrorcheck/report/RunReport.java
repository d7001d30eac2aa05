package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.Result;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One run of mirrorcheck over one or more scenarios: when and how it ran (tool version, JVM, command
 * line) and a {@link SpecReport} per scenario.
 */
public final class RunReport {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String runId;
  private final Instant startTime;
  private final String toolVersion;
  private final String jvm;
  private final ImmutableList<String> commandLine;
  private final ImmutableList<SpecReport> specs;
  private final ImmutableList<String> specDirs;
  private final ImmutableList<String> unfinished;

  private RunReport(Builder b) {
    runId = b.runId;
    startTime = b.startTime;
    toolVersion = b.toolVersion;
    jvm = b.jvm;
    commandLine = ImmutableList.copyOf(b.commandLine);
    specs = ImmutableList.copyOf(b.specs);
    List<String> names = new ArrayList<>();
    specs.forEach(s -> names.add(s.name()));
    specDirs = SafeNames.assign(names);
    unfinished = ImmutableList.copyOf(b.unfinished);
  }

  public static Builder builder(String runId, Instant startTime) {
    return new Builder(runId, startTime);
  }

  /** A run id from the start time, such as {@code 20260314-093012} (UTC): sorts by time. */
  public static String defaultRunId(Instant startTime) {
    return RUN_ID.format(startTime.truncatedTo(ChronoUnit.SECONDS));
  }

  public String runId() {
    return runId;
  }

  public Instant startTime() {
    return startTime;
  }

  public String toolVersion() {
    return toolVersion;
  }

  /** The JVM and the engine it offers, such as {@code OpenJDK 64-Bit Server VM 21.0.2 (...)}. */
  public String jvm() {
    return jvm;
  }

  /** The command line as typed, one word per element. */
  public ImmutableList<String> commandLine() {
    return commandLine;
  }

  public ImmutableList<SpecReport> specs() {
    return specs;
  }

  /** Each spec's directory name under the run directory, parallel to {@link #specs()}: safe and unique. */
  public ImmutableList<String> specDirs() {
    return specDirs;
  }

  /**
   * The worst verdict over the specs: any violation, else any incomplete search, else any bound hit,
   * else PASS. What the specs expected is not considered; see {@link #outcome()}.
   */
  public Result.Verdict verdict() {
    Result.Verdict worst = Result.Verdict.PASS;
    for (SpecReport s : specs) {
      if (rank(s.verdict()) > rank(worst)) {
        worst = s.verdict();
      }
    }
    return worst;
  }

  /**
   * The specs an interrupted run (Ctrl-C, a kill) did not finish, in order; empty when the run
   * completed. A run with unfinished specs is incomplete, never a pass.
   */
  public ImmutableList<String> unfinished() {
    return unfinished;
  }

  /** The worst outcome over the specs (incomplete if some did not finish): the command's exit code. */
  public Outcome outcome() {
    Outcome worst = unfinished.isEmpty() ? Outcome.PASS : Outcome.INCOMPLETE;
    for (SpecReport s : specs) {
      worst = Outcome.worse(worst, s.outcome());
    }
    return worst;
  }

  /** The run's badge, as its exit code says it: PASS (0), FAILED (1) or NOT A PASS (3). */
  public String headline() {
    int code = outcome().exitCode();
    return code == 0 ? "PASS" : code == 1 ? "FAILED" : "NOT A PASS";
  }

  /** How many specs have verdict {@code v}. */
  public int count(Result.Verdict v) {
    int n = 0;
    for (SpecReport s : specs) {
      n += s.verdict() == v ? 1 : 0;
    }
    return n;
  }

  /** How many specs have outcome {@code o}. */
  public int count(Outcome o) {
    int n = 0;
    for (SpecReport s : specs) {
      n += s.outcome() == o ? 1 : 0;
    }
    return n;
  }

  private static int rank(Result.Verdict v) {
    switch (v) {
      case VIOLATION:
        return 3;
      case INCOMPLETE:
        return 2;
      case BOUND_HIT:
        return 1;
      default:
        return 0;
    }
  }

  /** Collects the run's parts; at least one spec is required. */
  public static final class Builder {
    private final String runId;
    private final Instant startTime;
    private String toolVersion = "(unknown)";
    private String jvm = System.getProperty("java.vm.name") + " " + Runtime.version();
    private List<String> commandLine = List.of();
    private final List<SpecReport> specs = new ArrayList<>();
    private List<String> unfinished = List.of();

    private Builder(String runId, Instant startTime) {
      Preconditions.checkArgument(runId != null && !runId.isBlank(), "a run needs an id");
      this.runId = runId;
      this.startTime = Objects.requireNonNull(startTime, "startTime");
    }

    public Builder toolVersion(String v) {
      toolVersion = Objects.requireNonNull(v);
      return this;
    }

    public Builder jvm(String v) {
      jvm = Objects.requireNonNull(v);
      return this;
    }

    public Builder commandLine(List<String> v) {
      commandLine = List.copyOf(v);
      return this;
    }

    public Builder spec(SpecReport v) {
      specs.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder specs(Collection<SpecReport> v) {
      v.forEach(this::spec);
      return this;
    }

    /** The specs an interrupted run did not finish. */
    public Builder unfinished(List<String> v) {
      unfinished = List.copyOf(v);
      return this;
    }

    public RunReport build() {
      Preconditions.checkState(!specs.isEmpty(), "run %s: a run report needs at least one spec", runId);
      return new RunReport(this);
    }
  }
}

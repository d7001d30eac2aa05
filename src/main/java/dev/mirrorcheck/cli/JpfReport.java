package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import dev.mirrorcheck.jpf.JpfConfig;
import dev.mirrorcheck.jpf.ReportTopics;
import dev.mirrorcheck.sync.Violation;
import java.io.PrintWriter;
import java.text.DateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Prints our explorer's run of a {@code .jpf} configuration in the shape of Java PathFinder's console
 * report (topics {@code search started}, {@code error n}, {@code trace #n}, {@code results},
 * {@code statistics}, {@code search finished}), honouring the configuration's report topics. A trace
 * is the replayed step log, one transition per run of steps by the same thread; thread numbers are
 * JPF's ({@code main} is 0, actors follow in creation order).
 */
final class JpfReport {
  static final String NO_EXCEPTIONS = "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty";
  static final String NOT_DEADLOCKED = "gov.nasa.jpf.vm.NotDeadlockedProperty";
  private static final String RULE = "======================================================";
  private static final String TRANSITION_RULE =
      "------------------------------------------------------";
  private static final int RESULT_DETAIL_CHARS = 50;

  private final PrintWriter out;
  private final ReportTopics topics;
  private final DateFormat dates = DateFormat.getDateTimeInstance(DateFormat.SHORT,
      DateFormat.SHORT);

  JpfReport(PrintWriter out, ReportTopics topics) {
    this.out = out;
    this.topics = topics;
  }

  /** The start topics, then {@code search started}. */
  void start(JpfConfig config, String application, String options) {
    for (String item : topics.start()) {
      switch (item.toLowerCase(Locale.ROOT)) {
        case "jpf" -> {
          out.println("mirrorcheck " + VersionProvider.version() + " - our explorer running a "
              + "Java PathFinder configuration (this is not JPF)");
          out.println();
        }
        case "sut" -> {
          topic("system under test");
          out.println("application: " + application);
          out.println("options:     " + options);
        }
        case "dtg" -> out.println("started: " + new Date());
        case "user" -> out.println("user: " + System.getProperty("user.name"));
        case "platform" -> platform();
        case "config" -> config(config);
        default -> { } // warned about while reading the configuration
      }
    }
    if (!topics.start().isEmpty()) {
      topic("search started: " + dates.format(new Date()));
    }
    out.flush();
  }

  /** One property violation: the {@code error} and {@code trace} topics. */
  void violation(int n, Finding f, Replay replay) {
    for (String item : topics.violation()) {
      switch (item.toLowerCase(Locale.ROOT)) {
        case "error" -> {
          topic("error " + n);
          out.println(property(f));
          out.println(details(f));
          String where = location(f, replay);
          if (where != null) {
            out.println(where);
          }
        }
        case "trace" -> trace(n, replay);
        default -> { } // warned about while reading the configuration
      }
    }
    out.flush();
  }

  /** The {@code search constraint} topic. */
  void constraint(String what) {
    if (ReportTopics.has(topics.constraint(), "constraint")) {
      topic("search constraint");
      out.println(what);
    }
  }

  /** The finished topics ({@code results}, {@code statistics}), then {@code search finished}. */
  void finished(Result r, boolean multipleErrors) {
    for (String item : topics.finished()) {
      switch (item.toLowerCase(Locale.ROOT)) {
        case "result" -> results(r, multipleErrors);
        case "statistics" -> statistics(r);
        default -> { } // warned about while reading the configuration
      }
    }
    if (!topics.finished().isEmpty()) {
      topic("search finished: " + dates.format(new Date()));
    }
    out.flush();
  }

  /** JPF's name of the property a finding violates. */
  static String property(Finding f) {
    return f.kind() == Finding.Kind.DEADLOCK ? NOT_DEADLOCKED : NO_EXCEPTIONS;
  }

  /** What JPF would print for the uncaught exception or deadlock, without its stack. */
  static String details(Finding f) {
    switch (f.kind()) {
      case ASSERTION:
      case INVARIANT: // the native runtime throws it in the actor whose step broke it
        return f.property() != null
            ? Violation.class.getName() + ": " + f.property() + ": " + f.message()
            : AssertionError.class.getName() + ": " + f.message();
      case EXCEPTION:
        return f.message();
      case DEADLOCK:
        StringBuilder sb = new StringBuilder("deadlock encountered:");
        for (String part : f.message().split(";\\s*")) {
          sb.append("\n  ").append(part.trim());
        }
        return sb.toString();
      default: // end checks fail in main, where the entry point throws them
        return AssertionError.class.getName() + ": "
            + (f.property() == null ? "" : f.property() + ": ") + f.message();
    }
  }

  private static String location(Finding f, Replay replay) {
    String actor = f.actor();
    if (actor == null && f.kind() == Finding.Kind.INVARIANT && !replay.steps().isEmpty()) {
      // The native runtime checks invariants in the actor that took the last step.
      actor = replay.steps().get(replay.steps().size() - 1).actor();
    }
    if (actor == null) {
      return f.kind() == Finding.Kind.DEADLOCK ? null : "\tin thread 0 (main), after every actor ended";
    }
    String last = null;
    for (StepLog.Step s : replay.steps()) {
      if (s.actor().equals(actor)) {
        last = s.label();
      }
    }
    return "\tin thread " + thread(replay, actor) + " (" + actor + ")"
        + (last == null ? "" : ", after its step " + last);
  }

  private static int thread(Replay replay, String actor) {
    return replay.actors().indexOf(actor) + 1;
  }

  private void trace(int n, Replay replay) {
    List<StepLog.Step> steps = replay.steps();
    if (steps.isEmpty()) {
      return;
    }
    topic("trace #" + n);
    int width = 0;
    for (StepLog.Step s : steps) {
      width = Math.max(width, s.label().length());
    }
    int transition = 0;
    String current = null;
    for (StepLog.Step s : steps) {
      if (!s.actor().equals(current)) {
        current = s.actor();
        out.println(TRANSITION_RULE + " transition #" + transition++ + " thread: "
            + thread(replay, current) + " (" + current + ")");
      }
      StringBuilder line = new StringBuilder("  ").append(s.label());
      if (!s.accesses().isEmpty()) {
        line.append(" ".repeat(width - s.label().length())).append(" : ");
        for (int i = 0; i < s.accesses().size(); i++) {
          line.append(i == 0 ? "" : ", ").append(s.accesses().get(i));
        }
      }
      out.println(line);
    }
  }

  private void results(Result r, boolean multipleErrors) {
    topic("results");
    List<Finding> findings = r.findings();
    if (findings.isEmpty()) {
      out.println("no errors detected");
      return;
    }
    long paths = 0;
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      String d = details(f).replace('\n', ' ').replace('\t', ' ').replace('\r', ' ');
      if (d.length() > RESULT_DETAIL_CHARS) {
        d = d.substring(0, RESULT_DETAIL_CHARS) + "...";
      }
      out.println("error #" + (i + 1) + ": " + property(f) + " \"" + d + "\"");
      paths += r.findingCounts().getOrDefault(f.key(), 1L);
    }
    if (multipleErrors) {
      out.println("(" + findings.size() + " distinct error(s), reached by " + paths
          + " execution(s); Java PathFinder lists each erroneous path it explores)");
    }
  }

  private void statistics(Result r) {
    Statistics s = r.statistics();
    topic("statistics");
    row("elapsed time", hms(s.wallMillis()));
    row("executions", "total=" + s.executions() + ",completed=" + s.completed()
        + ",sleepBlocked=" + s.sleepBlocked() + ",boundHits=" + s.boundHits());
    row("transitions", "total=" + s.transitions() + ",new=" + s.newTransitions());
    row("search", "maxDepth=" + s.maxDepth() + ",constraints="
        + (s.boundHits() + (r.incompleteReason() == null ? 0 : 1)));
    row("reduction", "sleepPruned=" + s.sleepPruned() + ",fallbacks=" + s.fallbacks()
        + ",restarts=" + s.restarts() + ",boundPruned=" + s.boundPruned());
    row("max memory", (s.peakHeapBytes() >> 20) + "MB");
    row("engine", r.engine());
  }

  private void platform() {
    topic("platform");
    String host = System.getenv("HOSTNAME");
    out.println("hostname: " + (host == null ? "unknown" : host));
    out.println("arch: " + System.getProperty("os.arch") + "/"
        + Runtime.getRuntime().availableProcessors());
    out.println("os: " + System.getProperty("os.name"));
    out.println("java: " + System.getProperty("java.vendor") + "/"
        + System.getProperty("java.version"));
  }

  private void config(JpfConfig config) {
    topic("JPF configuration");
    out.println("property source: " + config.file());
    out.println("properties:");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (String k : config.keys()) {
      sorted.put(k, config.get(k));
    }
    sorted.forEach((k, v) -> out.println("  " + k + "=" + v));
  }

  static String hms(long millis) {
    long s = millis / 1000;
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  private void topic(String title) {
    out.println();
    out.println(RULE + " " + title);
  }

  private void row(String name, String value) {
    out.println(String.format("%-20s%s", name + ":", value));
  }
}

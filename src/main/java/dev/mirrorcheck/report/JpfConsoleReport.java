package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.explore.StepLog;
import java.io.PrintWriter;
import java.text.DateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Our explorer's run of a {@code .jpf} configuration in the shape of Java PathFinder's console report
 * (topics {@code search started}, {@code error n}, {@code trace #n}, {@code results},
 * {@code statistics}, {@code search finished}), honouring the configuration's report topics. Each
 * topic is a template ({@code jpf-*.txt.mustache}); this class builds their models. A trace is the
 * replayed step log, one transition per run of steps by the same thread; thread numbers are JPF's
 * ({@code main} is 0, actors follow in creation order).
 */
public final class JpfConsoleReport {
  public static final String NO_EXCEPTIONS = "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty";
  public static final String NOT_DEADLOCKED = "gov.nasa.jpf.vm.NotDeadlockedProperty";
  private static final String VIOLATION_CLASS = dev.mirrorcheck.sync.Violation.class.getName();
  private static final int RESULT_DETAIL_CHARS = 50;

  /** The {@code report.console.*} topics of the configuration, per phase. */
  public record Topics(List<String> start, List<String> violation, List<String> constraint,
      List<String> finished) {}

  private final PrintWriter out;
  private final Topics topics;
  private final String toolVersion;
  private final DateFormat dates = DateFormat.getDateTimeInstance(DateFormat.SHORT,
      DateFormat.SHORT);

  public JpfConsoleReport(PrintWriter out, Topics topics, String toolVersion) {
    this.out = out;
    this.topics = topics;
    this.toolVersion = toolVersion;
  }

  /** The start topics, then {@code search started}. */
  public void start(String configFile, SortedMap<String, String> properties, String application,
      String options) {
    for (String item : topics.start()) {
      Map<String, Object> m = new LinkedHashMap<>();
      switch (item.toLowerCase(Locale.ROOT)) {
        case "jpf" -> {
          m.put("version", toolVersion);
          print("jpf-banner", m);
        }
        case "sut" -> {
          m.put("application", application);
          m.put("options", options);
          print("jpf-sut", m);
        }
        case "dtg" -> out.println("started: " + new Date());
        case "user" -> out.println("user: " + System.getProperty("user.name"));
        case "platform" -> {
          String host = System.getenv("HOSTNAME");
          m.put("host", host == null ? "unknown" : host);
          m.put("arch", System.getProperty("os.arch") + "/" + Runtime.getRuntime().availableProcessors());
          m.put("os", System.getProperty("os.name"));
          m.put("java", System.getProperty("java.vendor") + "/" + System.getProperty("java.version"));
          print("jpf-platform", m);
        }
        case "config" -> {
          m.put("file", configFile);
          List<String> lines = new ArrayList<>();
          properties.forEach((k, v) -> lines.add(k + "=" + v));
          m.put("properties", lines);
          print("jpf-config", m);
        }
        default -> { } // warned about while reading the configuration
      }
    }
    if (!topics.start().isEmpty()) {
      topic("search started: " + dates.format(new Date()));
    }
    out.flush();
  }

  /** One property violation: the {@code error} and {@code trace} topics. */
  public void violation(int n, Finding f, Replay replay) {
    for (String item : topics.violation()) {
      switch (item.toLowerCase(Locale.ROOT)) {
        case "error" -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("n", n);
          m.put("property", property(f));
          m.put("details", details(f));
          String where = location(f, replay);
          m.put("where", where == null ? "" : where);
          m.put("hasWhere", where != null);
          print("jpf-error", m);
        }
        case "trace" -> trace(n, replay);
        default -> { } // warned about while reading the configuration
      }
    }
    out.flush();
  }

  /** The {@code search constraint} topic. */
  public void constraint(String what) {
    if (has(topics.constraint(), "constraint")) {
      topic("search constraint");
      out.println(what);
    }
  }

  /** The finished topics ({@code results}, {@code statistics}), then {@code search finished}. */
  public void finished(Result r, boolean multipleErrors) {
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
  public static String property(Finding f) {
    return f.kind() == Finding.Kind.DEADLOCK ? NOT_DEADLOCKED : NO_EXCEPTIONS;
  }

  /** What JPF would print for the uncaught exception or deadlock, without its stack. */
  public static String details(Finding f) {
    switch (f.kind()) {
      case ASSERTION:
        return f.property() != null
            ? VIOLATION_CLASS + ": " + f.property() + ": " + f.message()
            : AssertionError.class.getName() + ": " + f.message();
      case EXCEPTION:
        return f.message();
      case DEADLOCK:
        StringBuilder sb = new StringBuilder("deadlock encountered:");
        for (String part : f.message().split(";\\s*")) {
          sb.append("\n  ").append(part.trim());
        }
        return sb.toString();
      default: // invariants and end checks fail in main, where the entry point throws them
        return AssertionError.class.getName() + ": "
            + (f.property() == null ? "" : f.property() + ": ") + f.message();
    }
  }

  /** Elapsed time as JPF prints it, {@code hh:mm:ss}. */
  public static String hms(long millis) {
    long s = millis / 1000;
    return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  private static String location(Finding f, Replay replay) {
    if (f.actor() == null) {
      return f.kind() == Finding.Kind.DEADLOCK ? null : "\tin thread 0 (main), after every actor ended";
    }
    String last = null;
    for (StepLog.Step s : replay.steps()) {
      if (s.actor().equals(f.actor())) {
        last = s.label();
      }
    }
    return "\tin thread " + thread(replay, f.actor()) + " (" + f.actor() + ")"
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
    int width = 0;
    for (StepLog.Step s : steps) {
      width = Math.max(width, s.label().length());
    }
    List<Map<String, Object>> transitions = new ArrayList<>();
    List<String> lines = null;
    String current = null;
    for (StepLog.Step s : steps) {
      if (!s.actor().equals(current)) {
        current = s.actor();
        lines = new ArrayList<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("n", transitions.size());
        t.put("thread", thread(replay, current));
        t.put("actor", current);
        t.put("steps", lines);
        transitions.add(t);
      }
      StringBuilder line = new StringBuilder(s.label());
      if (!s.accesses().isEmpty()) {
        line.append(" ".repeat(width - s.label().length())).append(" : ");
        for (int i = 0; i < s.accesses().size(); i++) {
          line.append(i == 0 ? "" : ", ").append(s.accesses().get(i));
        }
      }
      lines.add(line.toString());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("transitions", transitions);
    print("jpf-trace", m);
  }

  private void results(Result r, boolean multipleErrors) {
    List<Finding> findings = r.findings();
    List<String> errors = new ArrayList<>();
    long paths = 0;
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      String d = details(f).replace('\n', ' ').replace('\t', ' ').replace('\r', ' ');
      if (d.length() > RESULT_DETAIL_CHARS) {
        d = d.substring(0, RESULT_DETAIL_CHARS) + "...";
      }
      errors.add("error #" + (i + 1) + ": " + property(f) + " \"" + d + "\"");
      paths += r.findingCounts().getOrDefault(f.key(), 1L);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errors", errors);
    m.put("none", findings.isEmpty());
    m.put("multiple", multipleErrors && !findings.isEmpty());
    m.put("distinct", findings.size());
    m.put("paths", paths);
    print("jpf-results", m);
  }

  private void statistics(Result r) {
    Statistics s = r.statistics();
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("elapsed time", hms(s.wallMillis()));
    rows.put("executions", "total=" + s.executions() + ",completed=" + s.completed()
        + ",sleepBlocked=" + s.sleepBlocked() + ",boundHits=" + s.boundHits());
    rows.put("transitions", "total=" + s.transitions() + ",new=" + s.newTransitions());
    rows.put("search", "maxDepth=" + s.maxDepth() + ",constraints="
        + (s.boundHits() + (r.incompleteReason() == null ? 0 : 1)));
    rows.put("reduction", "sleepPruned=" + s.sleepPruned() + ",fallbacks=" + s.fallbacks()
        + ",restarts=" + s.restarts() + ",boundPruned=" + s.boundPruned());
    rows.put("max memory", (s.peakHeapBytes() >> 20) + "MB");
    rows.put("engine", r.engine());
    List<String> lines = new ArrayList<>();
    rows.forEach((k, v) -> lines.add(String.format("%-20s%s", k + ":", v)));
    print("jpf-statistics", Map.of("rows", lines));
  }

  private static boolean has(List<String> list, String item) {
    for (String t : list) {
      if (t.toLowerCase(Locale.ROOT).equals(item)) {
        return true;
      }
    }
    return false;
  }

  private void topic(String title) {
    print("jpf-topic", Map.of("title", title));
  }

  private void print(String template, Map<String, Object> scope) {
    out.print(Templates.TEXT.render(template + ".txt.mustache", scope));
  }
}

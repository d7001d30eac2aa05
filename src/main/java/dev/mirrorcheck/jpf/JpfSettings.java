package dev.mirrorcheck.jpf;

import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.vocabulary.DidYouMean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What our explorer makes of a JPF configuration: the search keys it maps to {@link ExplorerOptions},
 * the report topics it prints, and one warning per key it ignores.
 *
 * <p>Mapped: {@code search.multiple_errors} (collect every distinct error), {@code search.depth_limit}
 * (the step bound per execution), {@code budget.max_time} with the {@code BudgetChecker} listener (time
 * limit), {@code report.console.{start,property_violation,constraint,finished}}. Used to find the
 * program: {@code target}, {@code target.args}, {@code classpath}. Accepted because their effect is
 * built in: {@code sourcepath} (our traces name protocol steps, not source lines),
 * {@code vm.enable_assertions} (harness properties are explicit checks, always on),
 * {@code search.class} = {@code DFSearch} (our search is depth-first) and {@code search.properties}
 * naming the two standard properties (both always checked).
 */
public final class JpfSettings {
  static final String DFSEARCH = "gov.nasa.jpf.search.DFSearch";
  static final String NO_EXCEPTIONS = "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty";
  static final String NOT_DEADLOCKED = "gov.nasa.jpf.vm.NotDeadlockedProperty";
  static final String BUDGET_CHECKER = "gov.nasa.jpf.listener.BudgetChecker";

  private static final Set<String> TARGET_KEYS = Set.of("target", "target.args", "classpath");
  private static final Set<String> BUILT_IN = Set.of("sourcepath", "vm.enable_assertions",
      JpfConfig.CONFIG, JpfConfig.CONFIG_PATH);
  /** Every key our explorer reads or accepts, for suggestions. */
  private static final List<String> KNOWN = List.of("target", "target.args", "classpath",
      "sourcepath", "vm.enable_assertions", "search.multiple_errors", "search.depth_limit",
      "search.class", "search.properties", "listener", "budget.max_time", "report.console.start",
      "report.console.property_violation", "report.console.constraint", "report.console.finished");

  /** A configuration key our explorer does not honour, or honours only in part. */
  public record Warning(Origin origin, String message) {
    @Override
    public String toString() {
      return origin + ": " + message;
    }
  }

  private final boolean multipleErrors;
  private final int depthLimit; // 0: not set
  private final Duration timeLimit; // null: not set
  private final ReportTopics topics;
  private final List<Warning> warnings;

  private JpfSettings(Reader r) {
    multipleErrors = r.multipleErrors;
    depthLimit = r.depthLimit;
    timeLimit = r.timeLimit;
    topics = new ReportTopics(r.start, r.violation, r.constraint, r.finished);
    warnings = List.copyOf(r.warnings);
  }

  /** Reads the search and report keys of {@code config}; malformed values are errors. */
  public static JpfSettings of(JpfConfig config) throws JpfConfigException {
    Reader r = new Reader(config);
    r.read();
    return new JpfSettings(r);
  }

  /** Applies the mapped keys to {@code b}. */
  public ExplorerOptions.Builder applyTo(ExplorerOptions.Builder b) {
    if (depthLimit > 0) {
      b.maxSteps(depthLimit);
    }
    if (timeLimit != null) {
      b.timeLimit(timeLimit);
    }
    return b.stopAtFirst(!multipleErrors);
  }

  public boolean multipleErrors() {
    return multipleErrors;
  }

  /** The step bound from {@code search.depth_limit}, or 0 when the explorer's default applies. */
  public int depthLimit() {
    return depthLimit;
  }

  public ReportTopics topics() {
    return topics;
  }

  public List<Warning> warnings() {
    return warnings;
  }

  /** Reads one configuration; collects what it maps and warns about the rest. */
  private static final class Reader {
    private final JpfConfig config;
    private final List<Warning> warnings = new ArrayList<>();
    private boolean multipleErrors;
    private int depthLimit;
    private Duration timeLimit;
    private boolean budgetChecker;
    private List<String> start = ReportTopics.DEFAULT_START;
    private List<String> violation = ReportTopics.DEFAULT_VIOLATION;
    private List<String> constraint = ReportTopics.DEFAULT_CONSTRAINT;
    private List<String> finished = ReportTopics.DEFAULT_FINISHED;

    Reader(JpfConfig config) {
      this.config = config;
    }

    void read() throws JpfConfigException {
      budgetChecker = config.list("listener").stream().map(String::trim)
          .anyMatch(l -> l.equals(BUDGET_CHECKER) || l.equals(".listener.BudgetChecker"));
      for (String key : config.keys()) {
        readKey(key);
      }
      List<String> missing = new ArrayList<>();
      for (String path : config.paths("classpath")) {
        if (!Files.exists(Path.of(path))) {
          missing.add(path);
        }
      }
      if (!missing.isEmpty()) {
        warn("classpath", "no such directory or jar: " + String.join(", ", missing));
      }
    }

    private void readKey(String key) throws JpfConfigException {
      if (TARGET_KEYS.contains(key) || BUILT_IN.contains(key)) {
        return;
      }
      switch (key) {
        case "search.multiple_errors" -> multipleErrors = bool(key);
        case "search.depth_limit" -> depthLimit = depth(key);
        case "search.class" -> searchClass(key);
        case "search.properties" -> properties(key);
        case "listener" -> listeners(key);
        case "budget.max_time" -> maxTime(key);
        case "report.console.start" -> start = topics(key, ReportTopics.START);
        case "report.console.property_violation" -> violation = topics(key, ReportTopics.VIOLATION);
        case "report.console.constraint" -> constraint = topics(key, ReportTopics.CONSTRAINT);
        case "report.console.finished" -> finished = topics(key, ReportTopics.FINISHED);
        default -> warnings.add(new Warning(config.origin(key), "'" + key + "' ignored: not a key "
            + "our explorer reads" + DidYouMean.hint(key, KNOWN)
            + " (Java PathFinder or one of its extensions may read it)"));
      }
    }

    private boolean bool(String key) throws JpfConfigException {
      String v = config.get(key);
      if (!v.equals("true") && !v.equals("false")) {
        throw new JpfConfigException(config.origin(key), key + " must be true or false, got '" + v
            + "'");
      }
      return v.equals("true");
    }

    private int depth(String key) throws JpfConfigException {
      String v = config.get(key);
      if (v.equals("MAX")) {
        return ExplorerOptions.MAX_STEP_BOUND;
      }
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new JpfConfigException(config.origin(key), key + " must be an integer or MAX, got '"
            + v + "'");
      }
      if (n < 1 || n > ExplorerOptions.MAX_STEP_BOUND) {
        throw new JpfConfigException(config.origin(key), key + " must be in 1.."
            + ExplorerOptions.MAX_STEP_BOUND + " (our step bound; MAX for the largest), got " + v);
      }
      return (int) n;
    }

    private void searchClass(String key) {
      String v = config.get(key);
      if (!v.equals(DFSEARCH) && !v.equals(".search.DFSearch")) {
        warn(key, "'" + v + "' ignored: our explorer always searches depth-first, like "
            + DFSEARCH);
      }
    }

    private void properties(String key) {
      List<String> unknown = unknownItems(key, NO_EXCEPTIONS, NOT_DEADLOCKED,
          ".vm.NoUncaughtExceptionsProperty", ".vm.NotDeadlockedProperty");
      if (!unknown.isEmpty()) {
        warn(key, String.join(", ", unknown) + " ignored: our explorer checks uncaught "
            + "exceptions (assertions) and deadlocks, always both");
      }
    }

    private void listeners(String key) {
      List<String> unknown = unknownItems(key, BUDGET_CHECKER, ".listener.BudgetChecker");
      if (!unknown.isEmpty()) {
        warn(key, String.join(", ", unknown) + " ignored: our explorer runs no JPF listeners"
            + " (" + BUDGET_CHECKER + " only sets the time limit)");
      }
    }

    /** The class names in list {@code key} other than {@code known}. */
    private List<String> unknownItems(String key, String... known) {
      List<String> unknown = new ArrayList<>();
      for (String item : config.list(key)) {
        String name = item.trim();
        if (!name.isEmpty() && !List.of(known).contains(name)) {
          unknown.add(name);
        }
      }
      return unknown;
    }

    private void maxTime(String key) throws JpfConfigException {
      if (!budgetChecker) {
        warn(key, "ignored: it takes effect only with listener=" + BUDGET_CHECKER
            + ", in Java PathFinder too");
        return;
      }
      String v = config.get(key);
      long millis = 0;
      try {
        if (v.contains(":")) {
          String[] parts = v.split(":", -1);
          if (parts.length > 3) {
            throw new NumberFormatException(v);
          }
          for (String part : parts) {
            millis = millis * 60 + Long.parseLong(part);
          }
          millis *= 1000; // h:m:s or m:s
        } else {
          millis = Long.parseLong(v);
        }
      } catch (NumberFormatException e) {
        throw new JpfConfigException(config.origin(key), key
            + " must be milliseconds or h:m:s, got '" + v + "'");
      }
      if (millis > 0) {
        timeLimit = Duration.ofMillis(millis);
      }
    }

    private List<String> topics(String key, List<String> supported) {
      List<String> items = config.list(key);
      List<String> unknown = new ArrayList<>();
      for (String item : items) {
        if (!supported.contains(item.toLowerCase(Locale.ROOT))) {
          unknown.add("'" + item + "'");
        }
      }
      if (!unknown.isEmpty()) {
        warn(key, "topic(s) " + String.join(", ", unknown) + " ignored: our report prints "
            + String.join(", ", supported) + " here");
      }
      return items;
    }

    private void warn(String key, String message) {
      warnings.add(new Warning(config.origin(key), "'" + key + "': " + message));
    }
  }
}

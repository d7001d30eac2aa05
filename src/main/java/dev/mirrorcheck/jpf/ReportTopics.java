package dev.mirrorcheck.jpf;

import java.util.List;
import java.util.Locale;

/**
 * The {@code report.console.*} topic lists: what to print when the search starts, at each property
 * violation, at a search constraint and when it finishes. Defaults are jpf-core's.
 */
public record ReportTopics(List<String> start, List<String> violation, List<String> constraint,
    List<String> finished) {

  /** The topics our report can print, per phase. */
  static final List<String> START = List.of("jpf", "sut", "dtg", "user", "platform", "config");
  static final List<String> VIOLATION = List.of("error", "trace");
  static final List<String> CONSTRAINT = List.of("constraint");
  static final List<String> FINISHED = List.of("result", "statistics");

  /** jpf-core's defaults (its {@code jpf.properties}). */
  static final List<String> DEFAULT_START = List.of("jpf", "sut");
  static final List<String> DEFAULT_VIOLATION = List.of("error", "snapshot");
  static final List<String> DEFAULT_CONSTRAINT = List.of("constraint", "snapshot");
  static final List<String> DEFAULT_FINISHED = List.of("result", "statistics");

  /** Whether {@code topics} names {@code item} (JPF compares ignoring case, not blanks). */
  public static boolean has(List<String> topics, String item) {
    for (String t : topics) {
      if (t.toLowerCase(Locale.ROOT).equals(item)) {
        return true;
      }
    }
    return false;
  }
}

package dev.mirrorcheck.jpf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict a configuration's header promises: its {@code # expect: no errors} or
 * {@code # expect: error <JPF property class>} line.
 */
public record Expectation(String propertyClass) {
  private static final Pattern LINE = Pattern.compile(
      "(?m)^# expect: (no errors|error (gov\\.nasa\\.jpf\\.vm\\.\\w+))\\s*$");

  /** The header's expectation, or null when the file has no {@code # expect:} line. */
  public static Expectation of(String text) {
    Matcher m = LINE.matcher(text);
    return m.find() ? new Expectation(m.group(2)) : null;
  }

  /** Whether an error is expected ({@link #propertyClass} then names its JPF property). */
  public boolean errors() {
    return propertyClass != null;
  }

  @Override
  public String toString() {
    return propertyClass == null ? "no errors"
        : "error " + propertyClass.substring(propertyClass.lastIndexOf('.') + 1);
  }
}

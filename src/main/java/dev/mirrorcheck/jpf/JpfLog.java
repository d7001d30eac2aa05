package dev.mirrorcheck.jpf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Java PathFinder's console report says, read line by line: the verdict of its {@code results}
 * section, the first error (property class and the exception or deadlock it reports, with the
 * mirrorcheck property id in it), whether a search constraint stopped it, and its statistics.
 */
public final class JpfLog {
  /** JPF's verdict. */
  public enum Outcome {
    /** {@code no errors detected} after a complete search. */
    NO_ERRORS,
    /** At least one {@code error #n}. */
    ERRORS,
    /** {@code no errors detected}, but a search constraint (a budget, a depth limit) cut it short. */
    CONSTRAINT,
    /** No {@code results} section: JPF itself failed. */
    NO_RESULTS
  }

  public static final String NO_EXCEPTIONS = JpfSettings.NO_EXCEPTIONS;
  public static final String NOT_DEADLOCKED = JpfSettings.NOT_DEADLOCKED;

  /** {@code S3: ...} at the start of a message, after an exception class (ours, or the JDK's). */
  private static final Pattern PROPERTY = Pattern.compile(
      "^\\s*[\\w.$]+(?:Error|Exception|Violation):\\s+(S\\d+[ab]?|L\\d|data):");
  /** A blocked thread renamed by the native runtime: {@code fault (L1: waits for ...)}. */
  private static final Pattern DEADLOCK_ID = Pattern.compile("name:[^,]*\\((L\\d):");
  private static final Pattern EXCEPTION = Pattern.compile("^\\s*([\\w.$]+(?:Error|Exception))\\b.*");
  private static final Pattern NEW_STATES = Pattern.compile("^states:\\s+new=(\\d+)");
  private static final Pattern INSTRUCTIONS = Pattern.compile("^instructions:\\s+(\\d+)");
  private static final Pattern ELAPSED = Pattern.compile("^elapsed time:\\s+(\\d+):(\\d\\d):(\\d\\d)");

  private String topic = "";
  private boolean noErrors;
  private boolean constraint;
  private int errors;
  private String propertyClass;
  private final StringBuilder errorText = new StringBuilder();
  private long newStates = -1;
  private long instructions = -1;
  private long elapsedSeconds = -1;
  private boolean finished;

  /** Reads one line of the console output. */
  public void accept(String line) {
    String t = line.trim();
    if (t.startsWith("======")) {
      topic = t.replaceFirst("^=+\\s*", "");
      constraint |= topic.startsWith("search constraint");
      finished |= topic.startsWith("search finished");
      return;
    }
    if (topic.equals("results")) {
      if (t.equals("no errors detected")) {
        noErrors = true;
      } else if (t.startsWith("error #")) {
        errors++;
      }
    } else if (topic.equals("error 1")) {
      if (propertyClass == null && !t.isEmpty()) {
        propertyClass = t;
      } else if (errorText.length() < 4000) {
        errorText.append(line).append('\n');
      }
    } else if (topic.equals("statistics")) {
      Matcher m = NEW_STATES.matcher(t);
      if (m.find()) {
        newStates = Long.parseLong(m.group(1));
      }
      m = INSTRUCTIONS.matcher(t);
      if (m.find()) {
        instructions = Long.parseLong(m.group(1));
      }
      m = ELAPSED.matcher(t);
      if (m.find()) {
        elapsedSeconds = Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60
            + Long.parseLong(m.group(3));
      }
    }
  }

  public Outcome outcome() {
    if (errors > 0) {
      return Outcome.ERRORS;
    }
    if (noErrors) {
      return constraint ? Outcome.CONSTRAINT : Outcome.NO_ERRORS;
    }
    return Outcome.NO_RESULTS;
  }

  /** Errors listed in {@code results}. */
  public int errors() {
    return errors;
  }

  /** The first error's property class, e.g. {@code gov.nasa.jpf.vm.NotDeadlockedProperty}, or null. */
  public String propertyClass() {
    return propertyClass;
  }

  /** The first error's report: the uncaught exception and its stack, or the deadlocked threads. */
  public String errorText() {
    return errorText.toString();
  }

  /**
   * The mirrorcheck property the first error is about: the id a violated property's exception message
   * starts with, or for a deadlock the id the native runtime put in the blocked threads' names;
   * null when the error carries none (an exception in the model or in JPF itself).
   */
  public String propertyId() {
    if (NOT_DEADLOCKED.equals(propertyClass)) {
      Matcher m = DEADLOCK_ID.matcher(errorText);
      return m.find() ? m.group(1) : null;
    }
    if (NO_EXCEPTIONS.equals(propertyClass)) {
      String first = firstLine();
      Matcher m = PROPERTY.matcher(first);
      return m.find() ? m.group(1) : null;
    }
    return null;
  }

  /** The exception class of the first error when it carries no property id, e.g. {@code java.lang.NoSuchMethodError}. */
  public String exception() {
    Matcher m = EXCEPTION.matcher(firstLine());
    return m.matches() ? m.group(1) : null;
  }

  /** The first line of the first error's report. */
  public String firstLine() {
    int nl = errorText.indexOf("\n");
    return (nl < 0 ? errorText.toString() : errorText.substring(0, nl)).trim();
  }

  /** New states of the statistics section, or -1. */
  public long newStates() {
    return newStates;
  }

  /** Bytecode instructions executed, or -1. */
  public long instructions() {
    return instructions;
  }

  /** JPF's own elapsed time in seconds, or -1. */
  public long elapsedSeconds() {
    return elapsedSeconds;
  }

  /** Whether JPF printed {@code search finished}. */
  public boolean finished() {
    return finished;
  }
}

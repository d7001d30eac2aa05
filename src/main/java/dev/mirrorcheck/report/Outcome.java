package dev.mirrorcheck.report;

/**
 * What a checked scenario's result means for the person who reads the report: the explorer's verdict
 * read against what the spec expects. The same classification decides the headline of a report, the
 * badge of the index and the process exit code, so the three always agree.
 */
public enum Outcome {
  /** Every interleaving explored, no property violated, every must-reach step reached. */
  PASS(0, "PASS", "good"),
  /** The violation the spec declares with {@code expect:} was found: a finding kept as a regression. */
  EXPECTED_VIOLATION(0, "EXPECTED VIOLATION", "expected"),
  /** A property was violated and the spec did not expect it. */
  VIOLATION(1, "VIOLATION FOUND", "bad"),
  /** The spec expects a violation (of a given property) that the search did not find. */
  MISSING_VIOLATION(1, "EXPECTED VIOLATION NOT FOUND", "bad"),
  /** Exhaustive and violation-free, but a must-reach step never ran: the race never happened. */
  VACUOUS(3, "VACUOUS PASS", "warn"),
  /** No violation, but some execution reached the step bound: not a pass. */
  BOUND_HIT(3, "BOUND HIT (not a pass)", "warn"),
  /** No violation, but the search stopped early (time limit, preemption bound): not a pass. */
  INCOMPLETE(3, "INCOMPLETE (not a pass)", "warn");

  private final int exitCode;
  private final String headline;
  private final String css;

  Outcome(int exitCode, String headline, String css) {
    this.exitCode = exitCode;
    this.headline = headline;
    this.css = css;
  }

  /**
   * The exit code of a command whose worst result this is: 0 as the spec says it should be, 1 a
   * violation or a missing expected one, 3 a result that is not a proof.
   */
  public int exitCode() {
    return exitCode;
  }

  /** Words for a badge, such as {@code EXPECTED VIOLATION}. */
  public String headline() {
    return headline;
  }

  /** The style class of the badge and rows: good, expected, bad or warn. */
  public String css() {
    return css;
  }

  /** Whether the result is what the spec asks for (exit code 0). */
  public boolean asExpected() {
    return exitCode == 0;
  }

  /** The worse of two outcomes: by {@link #worseCode}, then the later constant. */
  public static Outcome worse(Outcome a, Outcome b) {
    if (a.exitCode != b.exitCode) {
      return worseCode(a.exitCode, b.exitCode) == a.exitCode ? a : b;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /**
   * The worse of two exit codes of results: a violation (1) outweighs a result that is no proof
   * (3), which outweighs a pass (0); any other code (usage, internal error) outweighs them all.
   */
  public static int worseCode(int a, int b) {
    return severity(a) >= severity(b) ? a : b;
  }

  private static int severity(int code) {
    switch (code) {
      case 0:
        return 0;
      case 3:
        return 1;
      case 1:
        return 2;
      default:
        return 3;
    }
  }
}

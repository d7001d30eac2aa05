package dev.mirrorcheck.explore;

/** A snapshot of a running exploration, for progress lines. */
public final class Progress {
  private final long executions;
  private final long transitions;
  private final long elapsedMillis;
  private final int findings;

  Progress(long executions, long transitions, long elapsedMillis, int findings) {
    this.executions = executions;
    this.transitions = transitions;
    this.elapsedMillis = elapsedMillis;
    this.findings = findings;
  }

  public long executions() {
    return executions;
  }

  public long transitions() {
    return transitions;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }

  public int findings() {
    return findings;
  }

  public long executionsPerSecond() {
    return elapsedMillis == 0 ? 0 : executions * 1000 / elapsedMillis;
  }

  @Override
  public String toString() {
    return String.format("%,d executions (%,d/s), %,d steps, %.1fs elapsed%s", executions,
        executionsPerSecond(), transitions, elapsedMillis / 1000.0,
        findings == 0 ? "" : ", " + findings + " violation(s)");
  }
}

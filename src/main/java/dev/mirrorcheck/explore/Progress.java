package dev.mirrorcheck.explore;

/** A snapshot of a running exploration, for progress lines. */
public final class Progress {
  private final long executions;
  private final long transitions;
  private final long elapsedMillis;
  private final int findings;
  private final int workers;
  private final int busy;

  Progress(long executions, long transitions, long elapsedMillis, int findings) {
    this(executions, transitions, elapsedMillis, findings, 1, 1);
  }

  Progress(long executions, long transitions, long elapsedMillis, int findings, int workers,
      int busy) {
    this.executions = executions;
    this.transitions = transitions;
    this.elapsedMillis = elapsedMillis;
    this.findings = findings;
    this.workers = workers;
    this.busy = busy;
  }

  /** Workers of the exploration (1 unless parallel). */
  public int workers() {
    return workers;
  }

  /** Workers exploring at the time (the others wait for work to be split off). */
  public int busy() {
    return busy;
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
    return String.format("%,d executions (%,d/s), %,d steps, %.1fs elapsed%s%s", executions,
        executionsPerSecond(), transitions, elapsedMillis / 1000.0,
        workers == 1 ? "" : ", " + busy + "/" + workers + " workers busy",
        findings == 0 ? "" : ", " + findings + " violation(s)");
  }
}

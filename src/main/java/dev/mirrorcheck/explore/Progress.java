package dev.mirrorcheck.explore;

/** A snapshot of a running exploration, for progress lines. */
public final class Progress {
  private final long executions;
  private final long transitions;
  private final long elapsedMillis;
  private final int findings;
  private final int workers;
  private final int busy;
  private final Estimate.Range estimate;

  Progress(long executions, long transitions, long elapsedMillis, int findings, int workers,
      int busy, Estimate.Range estimate) {
    this.executions = executions;
    this.transitions = transitions;
    this.elapsedMillis = elapsedMillis;
    this.findings = findings;
    this.workers = workers;
    this.busy = busy;
    this.estimate = estimate;
  }

  /**
   * Knuth's estimate of the total number of executions, as a range, and the fraction done it implies;
   * null before the first execution ended. Only an estimate (see {@link Estimate}).
   */
  public Estimate.Range estimate() {
    return estimate;
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
    return String.format("%,d executions (%,d/s), %,d steps, %.1fs elapsed%s%s%s", executions,
        executionsPerSecond(), transitions, elapsedMillis / 1000.0,
        ", " + busy + "/" + workers + (workers == 1 ? " worker" : " workers") + " busy",
        estimate == null ? "" : ", " + estimate,
        findings == 0 ? "" : ", " + findings + " violation(s)");
  }
}

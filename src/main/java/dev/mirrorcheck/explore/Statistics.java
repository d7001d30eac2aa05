package dev.mirrorcheck.explore;

/** Figures of one exploration, in the spirit of JPF's statistics block. */
public final class Statistics {
  private final long executions;
  private final long completed;
  private final long transitions;
  private final long newTransitions;
  private final int maxDepth;
  private final long sleepBlocked;
  private final long sleepPruned;
  private final long fallbacks;
  private final long guideMisses;
  private final long guideWakes;
  private final String reduction;
  private final String sourceBecause;
  private final long optimalExecutions;
  private final long boundHits;
  private final long boundPruned;
  private final long restarts;
  private final long wallMillis;
  private final long peakHeapBytes;
  private final Estimate.Range estimate;

  private Statistics(Builder b) {
    executions = b.executions;
    completed = b.completed;
    transitions = b.transitions;
    newTransitions = b.newTransitions;
    maxDepth = b.maxDepth;
    sleepBlocked = b.sleepBlocked;
    sleepPruned = b.sleepPruned;
    fallbacks = b.fallbacks;
    guideMisses = b.guideMisses;
    guideWakes = b.guideWakes;
    reduction = b.reduction;
    sourceBecause = b.sourceBecause;
    optimalExecutions = b.optimalExecutions;
    boundHits = b.boundHits;
    boundPruned = b.boundPruned;
    restarts = b.restarts;
    wallMillis = b.wallMillis;
    peakHeapBytes = b.peakHeapBytes;
    estimate = b.estimate;
  }

  /** Executions run, including pruned ones. */
  public long executions() {
    return executions;
  }

  /** Executions in which every actor finished. */
  public long completed() {
    return completed;
  }

  /** Steps executed, including prefixes re-executed to reach a branch point. */
  public long transitions() {
    return transitions;
  }

  /** Steps that were not a replay of an earlier execution's prefix. */
  public long newTransitions() {
    return newTransitions;
  }

  /** Longest execution, in steps. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Executions cut because every runnable actor was in the sleep set (redundant). */
  public long sleepBlocked() {
    return sleepBlocked;
  }

  /** Backtrack alternatives skipped because they were in a sleep set. */
  public long sleepPruned() {
    return sleepPruned;
  }

  /** Races whose reversal had to fall back to every enabled actor (a blocked initial). */
  public long fallbacks() {
    return fallbacks;
  }

  /**
   * Optimal DPOR: new nodes where no branch of the wakeup sequence being followed could run (a step
   * that blocks or changed what it accesses); the search explored freely from there.
   */
  public long guideMisses() {
    return guideMisses;
  }

  /**
   * Optimal DPOR: actors a wakeup sequence ran although the sleep set held them (their step there
   * accessed more than where it was explored).
   */
  public long guideWakes() {
    return guideWakes;
  }

  /**
   * The reduction that explored: {@code source}, {@code optimal}, or {@code optimal->source} when
   * optimal DPOR met a context-dependent step and the search restarted as source-DPOR; null for a
   * search that is no DPOR.
   */
  public String reduction() {
    return reduction;
  }

  /** Why optimal DPOR gave way to source-DPOR (the first context-dependent step), or null. */
  public String sourceBecause() {
    return sourceBecause;
  }

  /**
   * Executions optimal DPOR ran before it gave way to source-DPOR and started again (0 when it did
   * not, or gave way in its first execution and went on from there). They are not in
   * {@link #executions}, which counts the search that finished; what they found is kept.
   */
  public long optimalExecutions() {
    return optimalExecutions;
  }

  /**
   * The reduction in words, for reports: {@code optimal}, {@code source}, or
   * {@code optimal->source} with how many executions optimal DPOR ran and why it gave way; null
   * for a search that is no DPOR.
   */
  public String reductionDescription() {
    if (reduction == null || sourceBecause == null) {
      return reduction;
    }
    return reduction + (optimalExecutions > 0
        ? String.format(" (optimal DPOR ran %,d execution(s) first; gave way because ",
            optimalExecutions) : " (") + sourceBecause + ")";
  }

  /** Executions that reached the step bound (never a pass). */
  public long boundHits() {
    return boundHits;
  }

  /** Alternatives skipped by the preemption bound (non-zero means not exhaustive). */
  public long boundPruned() {
    return boundPruned;
  }

  /** Times the search restarted because an invariant read state not yet known to be visible. */
  public long restarts() {
    return restarts;
  }

  public long wallMillis() {
    return wallMillis;
  }

  public long peakHeapBytes() {
    return peakHeapBytes;
  }

  /**
   * Knuth's estimate of the total number of executions when the search ended, or null when no
   * execution gave a sample. For an exhaustive search it shows how good the estimate was; for one
   * stopped by a time limit, how far it got.
   */
  public Estimate.Range estimate() {
    return estimate;
  }

  /** Executions per second of wall time, 0 when no time passed. */
  public long executionsPerSecond() {
    return wallMillis == 0 ? 0 : executions * 1000 / wallMillis;
  }

  @Override
  public String toString() {
    return String.format(
        "executions=%d completed=%d transitions=%d new=%d maxDepth=%d sleepBlocked=%d "
            + "sleepPruned=%d boundHits=%d wall=%dms peakHeap=%dMB",
        executions, completed, transitions, newTransitions, maxDepth, sleepBlocked, sleepPruned,
        boundHits, wallMillis, peakHeapBytes >> 20);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Mutable accumulator. */
  static final class Builder {
    private long executions;
    private long completed;
    private long transitions;
    private long newTransitions;
    private int maxDepth;
    private long sleepBlocked;
    private long sleepPruned;
    private long fallbacks;
    private long guideMisses;
    private long guideWakes;
    private String reduction;
    private String sourceBecause;
    private long optimalExecutions;
    private long boundHits;
    private long boundPruned;
    private long restarts;
    private long wallMillis;
    private long peakHeapBytes;
    private Estimate.Range estimate;

    Builder estimate(Estimate.Range v) { estimate = v; return this; }
    Builder executions(long v) { executions = v; return this; }
    Builder completed(long v) { completed = v; return this; }
    Builder transitions(long v) { transitions = v; return this; }
    Builder newTransitions(long v) { newTransitions = v; return this; }
    Builder maxDepth(int v) { maxDepth = v; return this; }
    Builder sleepBlocked(long v) { sleepBlocked = v; return this; }
    Builder sleepPruned(long v) { sleepPruned = v; return this; }
    Builder fallbacks(long v) { fallbacks = v; return this; }
    Builder guideMisses(long v) { guideMisses = v; return this; }
    Builder guideWakes(long v) { guideWakes = v; return this; }
    Builder reduction(String v) { reduction = v; return this; }
    Builder sourceBecause(String v) { sourceBecause = v; return this; }
    Builder optimalExecutions(long v) { optimalExecutions = v; return this; }
    Builder boundHits(long v) { boundHits = v; return this; }
    Builder boundPruned(long v) { boundPruned = v; return this; }
    Builder restarts(long v) { restarts = v; return this; }
    Builder wallMillis(long v) { wallMillis = v; return this; }
    Builder peakHeapBytes(long v) { peakHeapBytes = v; return this; }

    /** Adds the counters of another worker's statistics (maxima for depths). */
    Builder add(Statistics s) {
      executions += s.executions;
      completed += s.completed;
      transitions += s.transitions;
      newTransitions += s.newTransitions;
      maxDepth = Math.max(maxDepth, s.maxDepth);
      sleepBlocked += s.sleepBlocked;
      sleepPruned += s.sleepPruned;
      fallbacks += s.fallbacks;
      guideMisses += s.guideMisses;
      guideWakes += s.guideWakes;
      optimalExecutions += s.optimalExecutions;
      if (reduction == null) {
        reduction = s.reduction;
        sourceBecause = s.sourceBecause;
      }
      boundHits += s.boundHits;
      boundPruned += s.boundPruned;
      return this;
    }

    Statistics build() {
      return new Statistics(this);
    }
  }
}

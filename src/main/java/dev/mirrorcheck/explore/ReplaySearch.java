package dev.mirrorcheck.explore;

/** Follows a recorded schedule exactly; the execution ends when it runs out. */
final class ReplaySearch implements SearchStrategy {
  private final int[] decisions;
  private int position;

  ReplaySearch(int[] decisions) {
    this.decisions = decisions.clone();
  }

  @Override
  public void reset(Trace trace) {
    position = 0;
  }

  @Override
  public void beginExecution() {
    position = 0;
  }

  @Override
  public int schedule(int running, long enabled, long state, Execution ex) {
    if (position >= decisions.length) {
      return -2;
    }
    int d = decisions[position++];
    if (d < 0 || (enabled & (1L << d)) == 0) {
      throw new ReplayDivergedException("replay diverged at decision " + (position - 1)
          + ": expected " + (d < 0 ? "a choice" : "actor " + d + " to be runnable")
          + "; the harness or its options differ from the recorded run");
    }
    return d;
  }

  @Override
  public int choose(int n) {
    if (position >= decisions.length || decisions[position] >= 0) {
      throw new ReplayDivergedException("replay diverged at decision " + position
          + ": the recorded schedule has no choice here");
    }
    int v = -decisions[position++] - 1;
    if (v >= n) {
      throw new ReplayDivergedException("replay diverged: recorded choice " + v + " is not below " + n);
    }
    return v;
  }

  @Override
  public int currentNode() {
    return position - 1;
  }

  @Override
  public boolean isNew() {
    return true;
  }

  @Override
  public void race(int earlier, int current, int[] currentClock, Execution ex) {}

  @Override
  public void raceWithPending(int earlier, int actor, int[] actorClock, Execution ex) {}

  @Override
  public void closed(int e, Execution ex) {}

  @Override
  public boolean nextExecution() {
    return false;
  }

  @Override
  public boolean exhaustive() {
    return false;
  }
}

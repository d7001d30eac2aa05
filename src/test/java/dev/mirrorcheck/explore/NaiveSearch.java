package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * The soundness oracle's search: every interleaving of every operation, and every value of every
 * choice, with no reduction at all. Deliberately simple; only for small programs.
 */
final class NaiveSearch implements SearchStrategy {
  private static final byte SCHED = 0;
  private static final byte CHOICE = 1;

  private byte[] kind = new byte[64];
  private int[] chosen = new int[64];
  private int[] choices = new int[64];
  private long[] enabled = new long[64];
  private int depth;
  private int frontier = -1;

  @Override
  public void reset(Trace trace) {
    depth = 0;
    frontier = -1;
  }

  @Override
  public void beginExecution() {
    depth = 0;
  }

  private void ensure(int d) {
    if (d >= kind.length) {
      int n = kind.length * 2;
      kind = Arrays.copyOf(kind, n);
      chosen = Arrays.copyOf(chosen, n);
      choices = Arrays.copyOf(choices, n);
      enabled = Arrays.copyOf(enabled, n);
    }
  }

  @Override
  public int schedule(int running, long en, long state, Execution ex) {
    int d = depth++;
    if (d <= frontier) {
      if (kind[d] != SCHED || enabled[d] != en) {
        throw ex.nondeterminism(d, "scheduling point", enabled[d], en);
      }
      return chosen[d];
    }
    ensure(d);
    kind[d] = SCHED;
    enabled[d] = en;
    chosen[d] = Long.numberOfTrailingZeros(en);
    return chosen[d];
  }

  @Override
  public int choose(int n) {
    int d = depth++;
    if (d <= frontier) {
      return chosen[d];
    }
    ensure(d);
    kind[d] = CHOICE;
    choices[d] = n;
    chosen[d] = 0;
    return 0;
  }

  @Override
  public int currentNode() {
    return depth - 1;
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
    for (int d = depth - 1; d >= 0; d--) {
      if (kind[d] == CHOICE) {
        if (chosen[d] + 1 < choices[d]) {
          chosen[d]++;
          frontier = d;
          return true;
        }
        continue;
      }
      long rest = enabled[d] & ~((2L << chosen[d]) - 1);
      if (rest != 0) {
        chosen[d] = Long.numberOfTrailingZeros(rest);
        frontier = d;
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean exhaustive() {
    return true;
  }
}

package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * How many executions the whole search will take, estimated from where the depth-first search is.
 * As in Knuth's tree-size estimator ("Estimating the efficiency of backtrack programs", 1975), the
 * branching factors along an execution's path stand for the whole tree: at each node of the path,
 * the branches explored before the current one, over the node's branches, are a share of its
 * subtree that is done, so the path gives the share of the tree done ({@link
 * SearchStrategy#doneFraction}), and executions over that share estimate the total. DPOR adds
 * branches to a node as it finds races, so a node's branching factor is known only once its subtree
 * is finished: the low end of the range counts the branches each node has now, the high end every
 * branch it may still gain (every enabled actor not asleep there). Samples are taken every so many
 * executions (the spacing doubles as the search grows, so at most {@value #KEEP} are kept); each end
 * is the extreme of its samples over the most recent half of the run, so how much the estimate
 * still moves shows in the range.
 *
 * <p>It is only an estimate: sibling subtrees are not of equal size (sleep sets prune later siblings
 * harder), and early in a search the low end is far too low. It firms up as the search proceeds.
 * (Knuth's plain mean of the products of branching factors overestimated the scenario library 5 to
 * 10,000 times: DFS paths are not random, and later siblings are smaller.)
 */
public final class Estimate {
  static final int KEEP = 64;

  /** The samples, as a checkpoint stores them: totals from the high and the low share done. */
  record State(long stride, double[] totals, double[] highTotals) {}

  private long stride = 16;
  private final double[] totals = new double[KEEP];
  private final double[] highTotals = new double[KEEP];
  private int count;

  Estimate() {}

  Estimate(State s) {
    stride = s.stride();
    count = Math.min(KEEP, s.totals().length);
    System.arraycopy(s.totals(), 0, totals, 0, count);
    double[] high = s.highTotals() == null ? s.totals() : s.highTotals();
    System.arraycopy(high, 0, highTotals, 0, count);
  }

  State state() {
    return new State(stride, Arrays.copyOf(totals, count), Arrays.copyOf(highTotals, count));
  }

  /** Whether a sample is due after {@code executions}. */
  boolean wants(long executions) {
    return executions % stride == 0;
  }

  /**
   * Records the totals implied by the shares done after {@code executions}: {@code fraction} with
   * the branches known now, {@code atMost} with every branch the nodes may still gain.
   */
  void add(long executions, double fraction, double atMost) {
    if (!(fraction > 0) || Double.isInfinite(fraction)) {
      return;
    }
    if (count == KEEP) {
      for (int i = 0; i < KEEP / 2; i++) {
        totals[i] = totals[2 * i + 1];
        highTotals[i] = highTotals[2 * i + 1];
      }
      count = KEEP / 2;
      stride *= 2;
    }
    double low = total(executions, fraction);
    totals[count] = low;
    highTotals[count] = atMost > 0 ? Math.max(low, total(executions, atMost)) : low;
    count++;
  }

  private static double total(long executions, double fraction) {
    return Math.max(executions, executions / Math.min(1, fraction));
  }

  /**
   * The estimated total after {@code executions}: the range of the samples over the recent half of
   * the run, never below {@code executions}; null before the first sample.
   */
  Range range(long executions) {
    if (count == 0) {
      return null;
    }
    double low = Double.MAX_VALUE;
    double high = 0;
    for (int i = count / 2; i < count; i++) {
      low = Math.min(low, totals[i]);
      high = Math.max(high, highTotals[i]);
    }
    low = Math.max(low, executions);
    return new Range(low, Math.max(low, high), executions);
  }

  /** An estimated total number of executions, and the fraction done it implies. */
  public record Range(double low, double high, long executions) {
    /** The least fraction of the search done (executions over the high end), 0..1. */
    public double doneLow() {
      return Math.min(1, executions / high);
    }

    /** The greatest fraction done (executions over the low end), 0..1. */
    public double doneHigh() {
      return Math.min(1, executions / low);
    }

    /** For example {@code 40–70}: the fraction done as a range of percentages. */
    public String donePercent() {
      String lo = percent(doneLow());
      String hi = percent(doneHigh());
      return lo.equals(hi) ? lo : lo + "–" + hi;
    }

    /** For example {@code est. total 1.2M–3.4M executions, 40–70% done}. */
    @Override
    public String toString() {
      String lo = compact(low);
      String hi = compact(high);
      return "est. total " + (lo.equals(hi) ? lo : lo + "–" + hi) + " executions, "
          + donePercent() + "% done";
    }

    private static String percent(double f) {
      return Long.toString(f < 1 ? Math.min(99, Math.round(f * 100)) : 100);
    }
  }

  /** 950, 12.3k, 4.5M, 7.8G, 1.2e+15. */
  static String compact(double v) {
    if (v < 999.5) {
      return Long.toString(Math.round(v));
    }
    if (v >= 1e15) {
      return String.format(java.util.Locale.ROOT, "%.1e", v);
    }
    String[] units = {"k", "M", "G", "T"};
    int u = -1;
    while (v >= 999.5 && u < units.length - 1) {
      v /= 1e3;
      u++;
    }
    return String.format(java.util.Locale.ROOT, v < 9.95 ? "%.1f%s" : "%.0f%s", v, units[u]);
  }
}

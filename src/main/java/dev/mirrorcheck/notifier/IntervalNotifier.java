package dev.mirrorcheck.notifier;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct mmu_interval_notifier}: a subscription to invalidations of pages {@code [start, end)}
 * of one mm. Its {@code seq} is always odd: the epoch of the last invalidation that hit it.
 */
public final class IntervalNotifier {
  private final String name;
  private final int start;
  private final int end;
  private final IntervalOps ops;
  private final LongCell seq;
  private final GhostSub ghost;

  public IntervalNotifier(Sync sync, String name, int start, int end, IntervalOps ops, GhostSub ghost) {
    Preconditions.checkArgument(0 <= start && start < end, "bad interval [%s, %s)", start, end);
    this.name = name;
    this.start = start;
    this.end = end;
    this.ops = Preconditions.checkNotNull(ops);
    this.seq = sync.newLong(name + ".seq", 1);
    this.ghost = Preconditions.checkNotNull(ghost);
  }

  public String name() {
    return name;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public IntervalOps ops() {
    return ops;
  }

  /** {@code interval_sub->invalidate_seq}. */
  public LongCell seqCell() {
    return seq;
  }

  public GhostSub ghost() {
    return ghost;
  }

  public boolean overlaps(int s, int e) {
    return s < end && start < e;
  }

  @Override
  public String toString() {
    return name + "[" + start + "," + end + ")";
  }
}

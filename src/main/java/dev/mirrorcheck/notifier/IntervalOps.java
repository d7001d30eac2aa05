package dev.mirrorcheck.notifier;

/** {@code struct mmu_interval_notifier_ops}. */
public interface IntervalOps {

  /**
   * {@code ops->invalidate}: called from {@code invalidate_range_start} before the CPU page table
   * changes, with the epoch {@code curSeq} to record with {@link Subscriptions#setSeq}. Returns false
   * only when the range is not blockable and the callback would have to sleep.
   */
  boolean invalidate(IntervalNotifier sub, NotifierRange range, long curSeq);

  /**
   * A classic {@code mmu_notifier_ops.invalidate_range_end} a driver may register beside its interval
   * notifier, run after the pages are freed. Correct drivers leave it empty; only the mutations that
   * defer work to the end of the range (M13) or hold a lock from start to end (M16) use it.
   */
  default void invalidateRangeEnd(IntervalNotifier sub, NotifierRange range) {}
}

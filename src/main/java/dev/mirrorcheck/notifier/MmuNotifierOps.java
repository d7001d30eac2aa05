package dev.mirrorcheck.notifier;

/** {@code struct mmu_notifier_ops} of a classic (hlist) {@code mmu_notifier}. */
public interface MmuNotifierOps {

  /**
   * {@code ->invalidate_range_start}: called (blockable) before the CPU page table of
   * {@code range} changes, after the interval notifiers of the same start.
   */
  void invalidateRangeStart(MmuNotifier mn, NotifierRange range);

  /** {@code ->invalidate_range_end}: called once the pages of {@code range} are unmapped and freed. */
  default void invalidateRangeEnd(MmuNotifier mn, NotifierRange range) {}

  /** {@code ->release}: the address space is being torn down ({@code exit_mmap}). */
  default void release(MmuNotifier mn) {}
}

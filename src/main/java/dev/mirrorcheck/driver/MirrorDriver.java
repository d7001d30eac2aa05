package dev.mirrorcheck.driver;

import dev.mirrorcheck.notifier.NotifierRange;

/**
 * What a device driver implements to mirror one process address space: the device fault handler,
 * the interval notifier's {@code invalidate} callback and the teardown at release. mirrorcheck calls
 * these from its own actors (device engines, CPU threads, the file's release) and checks every
 * property on the {@link DeviceMmu device page table} the driver updates, so a driver reports nothing itself.
 *
 * <p>A driver class has a public constructor taking one {@link DriverKernel}, the kernel and device
 * as this mirror sees them; it creates its own locks and state there, during set-up. Its methods run
 * concurrently: model them on the facade's primitives ({@link DriverKernel#sync()}), never on Java
 * monitors or the JDK's concurrency utilities.
 *
 * <p>Every call takes a {@code role}: the prefix of the step labels the driver's own steps should
 * carry ({@code role + ":lock"}, {@code role + ":install"}), so a trace reads like the kernel code.
 */
public interface MirrorDriver {

  /**
   * The device fault handler for pages {@code [start, end)} (nouveau's {@code nouveau_range_fault},
   * dmirror's {@code dmirror_fault}): make them accessible to the device, writable if
   * {@code write}. Returns 0 or a negative errno ({@code -EBUSY} after too many collisions,
   * {@code -EFAULT}, {@code -EPERM}); see {@link dev.mirrorcheck.ghost.Errno}.
   */
  int fault(String role, int start, int end, boolean write);

  /**
   * The most pages the device reports in one fault: a device fault on more is delivered as
   * consecutive faults of at most this many pages, each its own {@link #fault} call, stopping at the
   * first that fails. GPUs that raise a fault per page (nouveau's replayable fault buffer) say 1;
   * the default delivers any range at once, as dmirror's fault ioctl does.
   */
  default int faultWindowPages() {
    return Integer.MAX_VALUE;
  }

  /**
   * A prefetch that faults nothing in ({@code hmm_range_fault} without {@code HMM_PFN_REQ_FAULT}, as
   * RDMA's {@code IB_UVERBS_ADVISE_MR_ADVICE_PREFETCH_NO_FAULT} runs it): make {@code [start, end)}
   * accessible to the device only where the CPU maps it, with the CPU's permissions. Returns 0 or a
   * negative errno. Prefetching is advice: the default maps nothing.
   */
  default int prefetchNoFault(String role, int start, int end) {
    return 0;
  }

  /**
   * {@code mmu_interval_notifier_ops.invalidate}: called from {@code invalidate_range_start} before
   * the CPU page table of {@code range} changes, with the epoch {@code curSeq} to record through
   * {@link DriverKernel#mmuIntervalSetSeq}. Returns false only when
   * {@code mmu_notifier_range_blockable(range)} is false and the driver would have to sleep; it must
   * then have changed nothing.
   */
  boolean invalidate(NotifierRange range, long curSeq);

  /**
   * A classic {@code invalidate_range_end} the driver registers beside its interval notifier, run
   * after the pages were freed. Correct drivers leave it empty.
   */
  default void invalidateRangeEnd(NotifierRange range) {}

  /**
   * The release of the device file, once the last reference is gone: drop every translation and
   * DMA mapping the device still holds and remove the notifier
   * ({@link DriverKernel#mmuIntervalNotifierRemove}), in the driver's own order. Dropping the DMA
   * mappings only after the removal leaves a window in which an exit frees pages the IOMMU still
   * maps.
   */
  void release(String role);
}

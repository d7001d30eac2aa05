package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DevPte;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import java.util.List;

/**
 * The test driver's mirror protocol ({@code lib/test_hmm.c}) written against the public driver API:
 * {@code dmirror_interval_invalidate} (pseudo-code C), the fault handler (pseudo-code D, in
 * {@link DmirrorFault}) and the release teardown, with the catalogue's mutations switchable.
 */
public final class DmirrorDriver implements MirrorDriver {
  /** Fault rounds before giving up with -EBUSY ({@code HMM_RANGE_DEFAULT_TIMEOUT}). */
  public static final int DEFAULT_FAULT_BUDGET = 64;

  private final DriverKernel k;
  private final Mutations mut;
  private final Mutex lock;
  private final Sync sync;

  /** {@code dmirror_fops_open}'s allocation: the driver lock {@code dmirror->mutex}. */
  public DmirrorDriver(DriverKernel k, Mutations mut) {
    this.k = k;
    this.mut = mut;
    this.sync = k.sync();
    this.lock = sync.newMutex(k.name() + ".mutex");
    k.setPageTableLock(lock);
  }

  DriverKernel kernel() {
    return k;
  }

  Mutations mutations() {
    return mut;
  }

  /** {@code dmirror->mutex}. */
  Mutex lock() {
    return lock;
  }

  /** {@code dmirror_fault}. */
  @Override
  public int fault(String role, int start, int end, boolean write) {
    return DmirrorFault.handle(this, role, start, end, write, DEFAULT_FAULT_BUDGET);
  }

  // ------------------------------------------------------------------ invalidation (pseudo-code C)

  /** {@code dmirror_interval_invalidate}. */
  @Override
  public boolean invalidate(NotifierRange range, long cur) {
    int lo = Math.max(range.start(), k.notifierStart());
    int hi = Math.min(range.end(), k.notifierEnd());
    boolean own = range.owner() == k.deviceId() && range.event() == NotifierEvent.MIGRATE;
    if (mut.has(Mutation.M12)
        && (range.event() == NotifierEvent.MIGRATE || range.event().isProtection())) {
      return true; // M12: undoes lib/test_hmm.c's event handling: protection and every MIGRATE treated as no-ops
    }
    if (range.blockable()) {
      lock.lock("inval:lock");
    } else if (!lock.tryLock("inval:trylock")) {
      return false; // O9: no side effects
    }
    if (own) {
      // The driver's own migration updates devPT itself (lib/test_hmm.c owner filter), but the epoch is still
      // recorded (include/linux/mmu_notifier.h: unconditionally): test_hmm returns before set_seq, which lets a fault that
      // walked before migrate_vma_setup install the source page after it was freed.
      k.mmuIntervalSetSeq("inval", cur);
      lock.unlock("inval:unlock");
      return true;
    }
    boolean setSeqNow = !mut.has(Mutation.M4); // M4: undoes include/linux/mmu_notifier.h (set_seq under the driver lock)
    DeviceMmu mmu = k.devicePageTable();
    if (setSeqNow && mut.has(Mutation.M5)) {
      // M5: undoes include/linux/mmu_notifier.h "unconditionally": skip set_seq when nothing is mapped
      setSeqNow = k.atomic("inval:any_mapped", () -> mmu.anyMappedInStep("inval", lo, hi));
    }
    if (setSeqNow) {
      k.mmuIntervalSetSeq("inval", cur);
    }
    if (!mut.has(Mutation.M13)) { // M13: undoes include/linux/mmu_notifier.h (zap deferred to invalidate_range_end)
      teardown("inval", lo, hi);
    }
    lock.unlock("inval:unlock");
    if (mut.has(Mutation.M4)) {
      k.mmuIntervalSetSeq("inval", cur);
    }
    return true;
  }

  /** Only M13: the device invalidation done at {@code invalidate_range_end}, after the frees. */
  @Override
  public void invalidateRangeEnd(NotifierRange range) {
    if (!mut.has(Mutation.M13)) {
      return;
    }
    boolean own = range.owner() == k.deviceId() && range.event() == NotifierEvent.MIGRATE;
    if (own) {
      return;
    }
    lock.lock("inval_end:lock");
    teardown("inval_end", Math.max(range.start(), k.notifierStart()),
        Math.min(range.end(), k.notifierEnd()));
    lock.unlock("inval_end:unlock");
  }

  /**
   * {@code dmirror_fops_release}: {@code xa_destroy} under the driver lock, then
   * {@code mmu_interval_notifier_remove} (waiting for an open epoch). test_hmm removes the notifier
   * first because its page table holds no DMA mapping; this one does, so it unmaps while
   * invalidations still reach it, or a concurrent exit frees a page the IOMMU still maps (fuzz seed
   * 7, scenario 141; spec mirror_release_vs_exit).
   */
  @Override
  public void release(String role) {
    lock.lock(role + ":lock");
    teardown(role, 0, k.pages());
    lock.unlock(role + ":unlock");
    k.mmuIntervalNotifierRemove(role);
  }

  /**
   * Removes the translations of {@code [lo, hi)} with the driver lock held, in the order of O6: zap
   * and flush the device TLB, wait for in-flight DMA, then DMA-unmap and dirty write-enabled pages.
   */
  void teardown(String role, int lo, int hi) {
    DeviceMmu mmu = k.devicePageTable();
    if (mut.has(Mutation.M10)) {
      // M10: undoes mlx5_ib_invalidate_range's order: unmap and dirty before the zap lands
      sync.atomic(role + ":dma_unmap_set_dirty", () -> {
        for (int v = lo; v < hi; v++) {
          DevPte e = mmu.lookupInStep(role + ":dma_unmap_set_dirty", v);
          if (e != null) {
            unmapAndDirty(role + ":dma_unmap_set_dirty", v, e);
          }
        }
      });
    }
    boolean quiesce = !mut.has(Mutation.M9); // M9: undoes the Documentation/mm/hmm.rst contract (TLB flush + DMA fence)
    List<DeviceMmu.Zapped> zapped =
        k.atomic(role + ":zap_dev_pt", () -> mmu.zapInStep(role + ":zap_dev_pt", lo, hi, quiesce));
    if (quiesce) {
      mmu.waitForDma(role + ":wait_dma", lo, hi);
    }
    if (!mut.has(Mutation.M10) && !zapped.isEmpty()) {
      sync.atomic(role + ":dma_unmap_set_dirty", () -> {
        for (DeviceMmu.Zapped z : zapped) {
          unmapAndDirty(role + ":dma_unmap_set_dirty", z.v(), z.entry());
        }
      });
    }
  }

  private void unmapAndDirty(String label, int v, DevPte e) {
    k.devicePageTable().dmaUnmapInStep(label, v);
    if (e.writable() && !mut.has(Mutation.M11)) { // M11: undoes umem_odp.c's set_page_dirty on unmap
      k.setPageDirtyInStep(label, e.frame());
    }
  }

  @Override
  public String toString() {
    return k.name();
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.IntervalOps;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import java.util.List;

/**
 * {@code struct dmirror}: one open of a device file, mirroring one mm through an interval notifier
 * over the whole address space, with its lock ({@code dmirror->mutex}) and translation hardware. It
 * is its notifier's {@code ops} ({@code dmirror_interval_invalidate}, pseudo-code C).
 */
public final class Dmirror implements IntervalOps {
  /** Fault rounds before giving up with -EBUSY ({@code HMM_RANGE_DEFAULT_TIMEOUT}). */
  public static final int DEFAULT_FAULT_BUDGET = 64;

  private final DmirrorDevice device;
  private final Mm mm;
  private final String name;
  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final Mutations mut;
  private final Mutex lock;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final IntervalNotifier notifier;
  private DeviceFile file;
  private boolean fileTracked;

  /** Creates the mirror of {@code mm} on {@code device} (set-up); {@link #open} inserts it. */
  public Dmirror(DmirrorDevice device, Mm mm, String name) {
    this.device = device;
    this.mm = mm;
    this.name = name;
    this.sync = mm.sync();
    this.mem = mm.mem();
    this.ghost = mm.ghost();
    this.mut = device.mutations();
    this.lock = sync.newMutex(name + ".mutex");
    this.gm = ghost.newMirror(name, mm.id(), mm.pages());
    this.mmu = new DeviceMmu(mem, gm, name, mm.pages());
    this.notifier = new IntervalNotifier(sync, name + ".notifier", 0, mm.pages(), this,
        ghost.newSub(name + ".notifier", 0, mm.pages(), gm));
    device.addMirror(this);
  }

  public DmirrorDevice device() {
    return device;
  }

  public Mm mm() {
    return mm;
  }

  public String name() {
    return name;
  }

  public Mutex lock() {
    return lock;
  }

  public DeviceMmu mmu() {
    return mmu;
  }

  public IntervalNotifier notifier() {
    return notifier;
  }

  public GhostMirror ghostMirror() {
    return gm;
  }

  Mutations mutations() {
    return mut;
  }

  Subscriptions subscriptions() {
    return mm.notifier();
  }

  // ------------------------------------------------------------------ lifecycle

  /** {@code dmirror_fops_open} during world set-up: inserts the notifier into an idle mm. */
  public Dmirror openAtSetup() {
    mm.notifier().insertAtSetup(notifier);
    return this;
  }

  /**
   * Set-up, for a mirror a scenario opens or closes while it runs: its ioctls then hold a file
   * reference ({@code fdget}) and fail with {@code -EBADF} while the file is not open, and
   * {@link #release} waits for the ones in flight (the VFS runs {@code ->release} when the last
   * reference goes). A mirror open throughout needs none of it.
   */
  public void trackFile(boolean openAtStart) {
    file = new DeviceFile(sync, name, openAtStart);
    fileTracked = true;
  }

  /** {@code dmirror_fops_open}: {@code mmu_interval_notifier_insert} over the whole mm. */
  public void open() {
    mm.notifier().insert("open", notifier);
    if (fileTracked) {
      file.open("open");
    }
  }

  /**
   * {@code dmirror_fops_release} once the last file reference is gone: drop every translation and
   * DMA mapping ({@code xa_destroy}), then remove the notifier (waiting for an open epoch), then
   * free. test_hmm removes the notifier first because its page table holds no DMA mapping; a
   * driver that does hold them must unmap while invalidations still reach it, or a concurrent
   * exit frees a page the IOMMU still maps (fuzz seed 7, scenario 141).
   */
  public void release() {
    if (fileTracked) {
      file.closeAndDrain("release");
    }
    lock.lock("release:lock");
    teardown("release", 0, mm.pages());
    lock.unlock("release:unlock");
    mm.notifier().remove("release", notifier);
    sync.atomic("release:kfree", () -> ghost.subFreed(notifier.ghost()));
  }

  /**
   * {@code fdget} for an ioctl: false ({@code -EBADF}) when the file is not open; otherwise the
   * caller holds a reference until {@link #filePut}.
   */
  public boolean fileGet(String role) {
    return !fileTracked || file.get(role);
  }

  /** {@code fdput}. */
  public void filePut(String role) {
    if (fileTracked) {
      file.put(role);
    }
  }

  // ------------------------------------------------------------------ invalidation (pseudo-code C)

  /** {@code dmirror_interval_invalidate}. */
  @Override
  public boolean invalidate(IntervalNotifier sub, NotifierRange range, long cur) {
    int lo = Math.max(range.start(), sub.start());
    int hi = Math.min(range.end(), sub.end());
    boolean own = range.owner() == device.id() && range.event() == NotifierEvent.MIGRATE;
    if (mut.has(Mutation.M12)
        && (range.event() == NotifierEvent.MIGRATE || range.event().isProtection())) {
      if (!own) {
        ghost.callbackReturned(gm, lo, hi);
      }
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
      mm.notifier().setSeq("inval", sub, cur);
      lock.unlock("inval:unlock");
      return true;
    }
    boolean setSeqNow = !mut.has(Mutation.M4); // M4: undoes include/linux/mmu_notifier.h (set_seq under the driver lock)
    if (setSeqNow && mut.has(Mutation.M5)) {
      // M5: undoes include/linux/mmu_notifier.h "unconditionally": skip set_seq when nothing is mapped
      setSeqNow = Steps.atomic(sync, "inval:any_mapped", () -> mmu.anyMappedInStep("inval", lo, hi));
    }
    if (setSeqNow) {
      mm.notifier().setSeq("inval", sub, cur);
    }
    if (!mut.has(Mutation.M13)) { // M13: undoes include/linux/mmu_notifier.h (zap deferred to invalidate_range_end)
      teardown("inval", lo, hi);
    }
    ghost.callbackReturned(gm, lo, hi);
    lock.unlock("inval:unlock");
    if (mut.has(Mutation.M4)) {
      mm.notifier().setSeq("inval", sub, cur);
    }
    return true;
  }

  /** Only M13: the device invalidation done at {@code invalidate_range_end}, after the frees. */
  @Override
  public void invalidateRangeEnd(IntervalNotifier sub, NotifierRange range) {
    if (!mut.has(Mutation.M13)) {
      return;
    }
    boolean own = range.owner() == device.id() && range.event() == NotifierEvent.MIGRATE;
    if (own) {
      return;
    }
    lock.lock("inval_end:lock");
    teardown("inval_end", Math.max(range.start(), sub.start()), Math.min(range.end(), sub.end()));
    lock.unlock("inval_end:unlock");
  }

  /**
   * Removes the translations of {@code [lo, hi)} with the driver lock held, in the order of O6: zap
   * and flush the device TLB, wait for in-flight DMA, then DMA-unmap and dirty write-enabled pages.
   */
  void teardown(String role, int lo, int hi) {
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
        Steps.atomic(sync, role + ":zap_dev_pt", () -> mmu.zapInStep(role + ":zap_dev_pt", lo, hi,
            quiesce));
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
    mmu.dmaUnmapInStep(label, v);
    if (e.writable() && !mut.has(Mutation.M11)) { // M11: undoes umem_odp.c's set_page_dirty on unmap
      mem.setPageDirtyInStep(label, e.frame());
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

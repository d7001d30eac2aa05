package dev.mirrorcheck.legacyodp;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.odp.DmaEntry;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * A pre-HMM ODP {@code ib_umem} with its {@code odp_data} (v4.x, the v4 umem_odp.c/include/rdma/ib_umem_odp.h) over pages
 * {@code [start, end)}, and its mlx5 MR: {@code umem_mutex}, the KVM-style {@code notifiers_seq}
 * and {@code notifiers_count} with {@code notifier_completion}, {@code mn_counters_active},
 * {@code page_list}/{@code dma_list}, {@code npages}, {@code dying}, {@code private} (the MR), the
 * MR's {@code live} flag and mkey, and the MTTs the HCA walks ({@link #mmu()}).
 */
public final class IbUmem {
  private final IbUcontext ctx;
  private final Mm mm;
  private final String name;
  private final int start;
  private final int end;
  private final boolean writable;
  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final Mutations mut;
  private final Mutex umemMutex;
  private final IntCell notifiersSeq;
  private final IntCell notifiersCount;
  private final Completion completion;
  private final BoolCell countersActive;
  private final IntArray pageList;
  private final RefArray<DmaEntry> dmaList;
  private final IntCell npages;
  private final BoolCell dying;
  private final BoolCell live;
  private final BoolCell keyValid;
  private final BoolCell mrReady;
  private final IntCell srcuReaders;
  private final IntCell pendingPrefetch;
  private final WaitQueue prefetchDone;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final GhostSub ghostSub;

  /**
   * Allocates the umem and MR of {@code [start, end)} in {@code ctx} (set-up); {@link
   * #registerAtSetup} or {@link #register} make them live.
   *
   * @param writable {@code umem->writable}: faults map pages for write and grant write access
   */
  public IbUmem(IbUcontext ctx, String name, int start, int end, boolean writable) {
    Preconditions.checkArgument(0 <= start && start < end && end <= ctx.mm().pages(),
        "bad umem [%s, %s)", start, end);
    this.ctx = ctx;
    this.mm = ctx.mm();
    this.name = name;
    this.start = start;
    this.end = end;
    this.writable = writable;
    this.sync = mm.sync();
    this.mem = mm.mem();
    this.ghost = mm.ghost();
    this.mut = mm.mutations();
    umemMutex = sync.newMutex(name + ".umem_mutex");
    notifiersSeq = sync.newInt(name + ".notifiers_seq", 0);
    notifiersCount = sync.newInt(name + ".notifiers_count", 0);
    completion = new Completion(sync, name + ".notifier_completion");
    countersActive = sync.newBool(name + ".mn_counters_active", false);
    pageList = sync.newIntArray(name + ".page_list", end - start, -1);
    dmaList = sync.newRefArray(name + ".dma_list", end - start, null);
    npages = sync.newInt(name + ".npages", 0);
    dying = sync.newBool(name + ".dying", false);
    live = sync.newBool(name + ".mr.live", false);
    keyValid = sync.newBool(name + ".mr.mkey_valid", false);
    mrReady = sync.newBool(name + ".private", false);
    srcuReaders = ctx.mrSrcu().readerCount(name);
    pendingPrefetch = sync.newInt(name + ".mr.num_pending_prefetch", 0);
    prefetchDone = sync.newWaitQueue(name + ".system_unbound_wq.flush");
    gm = ghost.newMirror(name, mm.id(), mm.pages());
    mmu = new DeviceMmu(mem, gm, name + ".mtt", mm.pages());
    ghostSub = ghost.newSub(name, start, end, gm);
  }

  public IbUcontext context() {
    return ctx;
  }

  public Mm mm() {
    return mm;
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

  public boolean writable() {
    return writable;
  }

  Sync sync() {
    return sync;
  }

  Mutations mutations() {
    return mut;
  }

  public Mutex umemMutex() {
    return umemMutex;
  }

  public IntCell notifiersSeq() {
    return notifiersSeq;
  }

  public IntCell notifiersCount() {
    return notifiersCount;
  }

  public Completion completion() {
    return completion;
  }

  public BoolCell countersActive() {
    return countersActive;
  }

  /** {@code page_list}, indexed by page - start; -1 for none. */
  public IntArray pageList() {
    return pageList;
  }

  /** {@code dma_list}, indexed by page - start. */
  public RefArray<DmaEntry> dmaList() {
    return dmaList;
  }

  public IntCell npages() {
    return npages;
  }

  public BoolCell dying() {
    return dying;
  }

  /** {@code mr->live}; read with peek. */
  public BoolCell live() {
    return live;
  }

  public BoolCell keyValid() {
    return keyValid;
  }

  /** {@code odp_data->private != NULL && mr->ibmr.pd}. */
  public BoolCell mrReady() {
    return mrReady;
  }

  /** This MR's count of {@code mr_srcu} readers (the handlers using it). */
  IntCell srcuReaders() {
    return srcuReaders;
  }

  /** {@code mr->num_pending_prefetch} (5.1-5.4): queued prefetch work items using the MR. */
  public IntCell pendingPrefetch() {
    return pendingPrefetch;
  }

  /** Woken when a queued prefetch finishes ({@code flush_workqueue} waits on it). */
  WaitQueue prefetchDone() {
    return prefetchDone;
  }

  /** The MTTs, the HCA's translation cache, in-flight DMA and the IOMMU mappings. */
  public DeviceMmu mmu() {
    return mmu;
  }

  public GhostMirror ghostMirror() {
    return gm;
  }

  public GhostSub ghostSub() {
    return ghostSub;
  }

  /** Number of non-empty {@code dma_list} entries, by peek (S10 bookkeeping). */
  int mappedPeek() {
    int n = 0;
    for (int k = 0; k < end - start; k++) {
      n += dmaList.peek(k) != null ? 1 : 0;
    }
    return n;
  }

  // ------------------------------------------------------------------ registration

  /** {@code ib_umem_odp_get} + {@code mlx5_ib_reg_user_mr} during set-up. */
  public IbUmem registerAtSetup() {
    String label = "setup:ib_umem_odp_get";
    ctx.umemTree().set(label, IbUcontext.plus(ctx.umemTree().peek(), this));
    int n = ctx.odpMrsCount().peek() + 1;
    ctx.odpMrsCount().set(label, n);
    countersActive.set(label, true);
    if (n == 1) {
      mm.notifier().hlistAddAtSetup(ctx.mmuNotifier());
    }
    keyValid.set("setup:mlx5_ib_reg_user_mr", true);
    mrReady.set("setup:mlx5_ib_reg_user_mr", true);
    live.set("setup:mlx5_ib_reg_user_mr", true);
    return this;
  }

  /**
   * {@code ib_umem_odp_get} at run time: into the tree under {@code umem_rwsem} for write, with
   * private counters only if no invalidation runs (or it is the first umem); downgraded to read, the
   * first umem registers the context's mmu notifier; then {@code mlx5_ib_reg_user_mr}.
   */
  public void register() {
    String role = "reg";
    ctx.umemRwsem().downWrite(role + ":umem_rwsem_write");
    boolean first = Steps.atomic(sync, role + ":ib_umem_odp_get", () -> {
      String label = role + ":ib_umem_odp_get";
      int n = ctx.odpMrsCount().get(label) + 1;
      ctx.odpMrsCount().set(label, n);
      ctx.umemTree().set(label, IbUcontext.plus(ctx.umemTree().get(label), this));
      boolean active = ctx.notifierCount().get(label) == 0 || n == 1;
      countersActive.set(label, active);
      if (!active) {
        ctx.noPrivateCounters().set(label,
            IbUcontext.plus(ctx.noPrivateCounters().get(label), this));
      }
      return n == 1;
    });
    ctx.umemRwsem().upWrite(role + ":downgrade_write");
    ctx.umemRwsem().downRead(role + ":downgrade_write");
    if (first) {
      ctx.notifierCount().set(role + ":notifier_count_0", 0);
      mm.mmuNotifierRegister(role, ctx.mmuNotifier());
    }
    ctx.umemRwsem().upRead(role + ":umem_rwsem_unlock");
    sync.atomic(role + ":mlx5_ib_reg_user_mr", () -> {
      keyValid.set(role + ":create_mkey", true);
      mrReady.set(role + ":mr_private", true);
      live.set(role + ":mr_live", true);
    });
  }

  /**
   * {@code ib_umem_odp_release}: unmap everything, leave the tree (a umem without private counters
   * completes its waiters), and unregister the context's notifier with the last umem. The umem is
   * freed then (ib_umem_release's kfree): S9 holds the context's walks to it from there on.
   */
  void release(String role) {
    unmapDmaPages(role, start, end);
    ctx.umemRwsem().downWrite(role + ":umem_rwsem_write");
    int left = Steps.atomic(sync, role + ":ib_umem_odp_release", () -> {
      String label = role + ":ib_umem_odp_release";
      ctx.umemTree().set(label, IbUcontext.minus(ctx.umemTree().get(label), this));
      int n = ctx.odpMrsCount().get(label) - 1;
      ctx.odpMrsCount().set(label, n);
      if (!countersActive.get(label)) {
        ctx.noPrivateCounters().set(label,
            IbUcontext.minus(ctx.noPrivateCounters().get(label), this));
        completion.completeAllInStep(label);
      }
      ghost.subFreed(ghostSub);
      return n;
    });
    completion.wake(role + ":complete_all");
    ctx.umemRwsem().upWrite(role + ":downgrade_write");
    ctx.umemRwsem().downRead(role + ":downgrade_write");
    if (left == 0 && mm.mmgetNotZero(role + ":get_task_mm")) {
      mm.mmuNotifierUnregister(role, ctx.mmuNotifier());
      mm.mmput(role);
    }
    ctx.umemRwsem().upRead(role + ":umem_rwsem_unlock");
  }

  // ------------------------------------------------------------------ notifier accounting

  /** {@code ib_umem_notifier_start_account}: {@code notifiers_count++} under {@code umem_mutex}. */
  void startAccount(String role) {
    Steps.locked(sync, umemMutex, role + ":ib_umem_notifier_start_account", () -> {
      String label = role + ":ib_umem_notifier_start_account";
      ghost.subTouched(ghostSub);
      if (countersActive.get(label)) {
        int c = notifiersCount.get(label);
        notifiersCount.set(label, c + 1);
        if (c == 0) {
          completion.reinitInStep(label);
        }
      }
    });
  }

  /**
   * {@code ib_umem_notifier_end_account}: {@code notifiers_seq++}, {@code notifiers_count--} and
   * {@code complete_all} when it reaches zero, under {@code umem_mutex}.
   */
  void endAccount(String role) {
    Steps.locked(sync, umemMutex, role + ":ib_umem_notifier_end_account", () -> {
      String label = role + ":ib_umem_notifier_end_account";
      ghost.subTouched(ghostSub);
      if (countersActive.get(label)) {
        notifiersSeq.set(label, notifiersSeq.get(label) + 1);
        int c = notifiersCount.get(label) - 1;
        notifiersCount.set(label, c);
        if (c == 0) {
          completion.completeAllInStep(label); // complete_all under umem_mutex, as the kernel does
          completion.wake(label);
        }
      }
    });
  }

  /** The private counters become active once no invalidation runs ({@code notifier_count == 0}). */
  void activateCounters(String role) {
    String label = role + ":mn_counters_active";
    Steps.locked(sync, umemMutex, label, () -> {
      ghost.subTouched(ghostSub);
      countersActive.set(label, true);
      completion.completeAllInStep(label);
      completion.wake(label);
    });
  }

  /**
   * {@code ib_umem_mmu_notifier_retry} with {@code umem_mutex} held: retry while the counters are
   * not active, while an invalidation runs, or if one ended since {@code seq} was sampled.
   */
  boolean retryInStep(String label, int seq) {
    if (!countersActive.get(label)) {
      return true;
    }
    // M7: undoes ib_umem_mmu_notifier_retry's notifiers_count test (KVM's mmu_notifier_retry)
    if (!mut.has(Mutation.M7) && notifiersCount.get(label) != 0) {
      return true;
    }
    return notifiersSeq.get(label) != seq;
  }

  // ------------------------------------------------------------------ invalidation

  /**
   * {@code mlx5_ib_invalidate_range} (v4.x): zap the MTTs of the mapped pages with a synchronous UMR
   * (the {@code notifiers_count} keeps faults from rewriting them), then
   * {@code ib_umem_odp_unmap_dma_pages} under {@code umem_mutex}.
   */
  void invalidateRange(String role, int from, int to) {
    if (!mrReady.get(role + ":read_private")) {
      return;
    }
    int lo = Math.max(from, start);
    int hi = Math.min(to, end);
    if (lo >= hi) {
      return;
    }
    String label = role + ":mlx5_ib_update_mtt_zap";
    boolean zapped = Steps.atomic(sync, label, () -> {
      boolean any = false;
      for (int v = lo; v < hi; v++) {
        any |= dmaList.get(label, v - start) != null;
      }
      if (!any) {
        return false;
      }
      ghost.hwUpdate(gm, keyValid.get(label));
      mmu.zapInStep(label, lo, hi, true);
      return true; // the UMR is posted from the dma_list bits and waited for, whatever the MTTs held
    });
    if (zapped) {
      mmu.waitForDma(role + ":umr_wait", lo, hi);
    }
    unmapDmaPages(role, lo, hi);
  }

  /**
   * {@code ib_umem_odp_unmap_dma_pages} under {@code umem_mutex}: DMA-unmap, {@code set_page_dirty}
   * pages mapped for write, clear the entries, {@code npages--}.
   */
  void unmapDmaPages(String role, int lo, int hi) {
    Steps.locked(sync, umemMutex, role + ":ib_umem_odp_unmap_dma_pages", () -> {
      String label = role + ":ib_umem_odp_unmap_dma_pages";
      for (int v = lo; v < hi; v++) {
        int k = v - start;
        int f = pageList.get(label, k);
        if (f < 0) {
          continue;
        }
        mmu.dmaUnmapInStep(label, v);
        // M11: undoes umem_odp.c's set_page_dirty of write-enabled pages in ib_umem_odp_unmap_dma_pages
        if (dmaList.get(label, k).write() && !mut.has(Mutation.M11)) {
          mem.setPageDirtyInStep(label, f);
        }
        pageList.set(label, k, -1);
        dmaList.set(label, k, null);
        npages.set(label, npages.get(label) - 1);
      }
      ghost.bookkeeping(gm, npages.peek(), mappedPeek());
      ghost.callbackReturned(gm, lo, hi);
    });
  }

  // ------------------------------------------------------------------ HCA access

  /**
   * One HCA access to page {@code v} through this MR's mkey; {@link DeviceMmu#FAULT} on a missing
   * translation (an ODP page fault), a destroyed mkey, a page outside the MR or a write to a
   * read-only MR.
   */
  public int access(String role, int v, boolean write, int value) {
    if (v < start || v >= end || (write && !writable)) {
      return DeviceMmu.FAULT;
    }
    if (!keyValid.get(role + ":check_mkey")) {
      return DeviceMmu.FAULT;
    }
    return mmu.access(role, v, write, value);
  }

  @Override
  public String toString() {
    return name;
  }
}

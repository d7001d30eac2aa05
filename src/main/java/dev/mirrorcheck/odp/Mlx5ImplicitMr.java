package dev.mirrorcheck.odp;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;

/**
 * An implicit ODP MR as mlx5 keeps it (Linux 5.13+, with the 2025 fixes d3d930411ce3 and
 * 3d8c6f26893d): a KSM mkey over the whole address space whose entries point at child MRs, one per
 * window of {@code MLX5_IMR_MTT_SIZE} ({@link #childPages()} pages here), or at the null mkey.
 * Page faults create children ({@code implicit_get_child_mr}) into {@code implicit_children} and
 * then update the KSM under the parent's {@code umem_mutex}; an invalidation that empties a child
 * takes it out of the xarray and queues {@code free_implicit_child_mr_work}, which waits for the
 * child's users, points the KSM entry back at the null mkey and deregisters the child.
 *
 * <p>Children come from a pool built at set-up, as mlx5 takes child mkeys from its MR cache; the pool
 * holds one child per window for every page fault that may create one, so it never runs dry in the
 * scenario it was sized for.
 */
public final class Mlx5ImplicitMr {
  private final String name;
  private final Mm mm;
  private final Sync sync;
  private final int childPages;
  private final Mlx5Mr mr;
  private final Mutex umemMutex;
  private final RefArray<IbUmemOdp> children;
  private final RefArray<IbUmemOdp> ksm;
  private final IbUmemOdp[][] pool;
  private final IntArray allocated;

  /**
   * {@code mlx5_ib_alloc_implicit_mr} during set-up, with {@code poolPerWindow} cached child MRs for
   * each window.
   */
  public Mlx5ImplicitMr(Mm mm, Mutations mut, OdpContext ctx, String name, int childPages,
      int poolPerWindow) {
    Preconditions.checkArgument(childPages > 0 && poolPerWindow > 0, "bad implicit MR");
    Preconditions.checkArgument(ctx.device().lifetime() == MkeyLifetime.USECOUNT,
        "implicit MRs are modelled with the usecount mkey lifetime only");
    this.name = name;
    this.mm = mm;
    this.sync = mm.sync();
    this.childPages = childPages;
    this.mr = new Mlx5Mr(sync, null, name + ".mr", ctx.device(), mut, true);
    this.umemMutex = sync.newMutex(name + ".umem_mutex");
    int windows = (mm.pages() + childPages - 1) / childPages;
    this.children = sync.newRefArray(name + ".implicit_children", windows, null);
    this.ksm = sync.newRefArray(name + ".ksm", windows, null);
    this.allocated = sync.newIntArray(name + ".mr_cache", windows, 0);
    this.pool = new IbUmemOdp[windows][poolPerWindow];
    for (int w = 0; w < windows; w++) {
      for (int k = 0; k < poolPerWindow; k++) {
        pool[w][k] = new IbUmemOdp(mm, mut, ctx, name + ".child" + w + (k == 0 ? "" : "_" + k),
            w * childPages, Math.min((w + 1) * childPages, mm.pages()), this);
      }
    }
  }

  public String name() {
    return name;
  }

  public Mm mm() {
    return mm;
  }

  /** Pages per child MR ({@code MLX5_IMR_MTT_SIZE}). */
  public int childPages() {
    return childPages;
  }

  /** The parent's KSM mkey: {@code odp_mkeys} entry and usecount. */
  public Mlx5Mr mr() {
    return mr;
  }

  /** {@code imr->implicit_children}, by window. */
  public RefArray<IbUmemOdp> implicitChildren() {
    return children;
  }

  /** The KSM entries the HCA walks, by window (null: the null mkey). */
  public RefArray<IbUmemOdp> ksm() {
    return ksm;
  }

  /** Every child MR the pool can hand out, for the property checkers. */
  public ImmutableList<IbUmemOdp> pool() {
    ImmutableList.Builder<IbUmemOdp> b = ImmutableList.builder();
    for (IbUmemOdp[] w : pool) {
      b.add(w);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ HCA

  /**
   * One HCA access through the KSM: the parent's key, then the child MR of the window (its key and
   * MTT); {@link DeviceMmu#FAULT} on the null mkey or a missing translation (a page fault on the
   * implicit MR).
   */
  public int access(String role, int v, boolean write, int value) {
    if (!mr.keyValid().get(role + ":check_mkey")) {
      return DeviceMmu.FAULT;
    }
    IbUmemOdp child = ksm.get(role + ":ksm_lookup", v / childPages);
    return child == null ? DeviceMmu.FAULT : child.mr().access(role, v, write, value);
  }

  // ------------------------------------------------------------------ faults and prefetch

  /** {@code pagefault_single_data_segment} on the implicit MR's key, then the implicit fault. */
  public int pagefault(int start, int end, boolean write) {
    String role = "odp_fault";
    return OdpFault.withMkey(mr, role, OdpFault.MKEY_GONE,
        () -> pagefaultImplicit(role, start, end, write, true));
  }

  /** {@code mlx5_ib_advise_mr_prefetch} of the implicit MR (see {@link OdpFault#advise}). */
  public int advise(int start, int end, boolean write, boolean noFault, boolean flush) {
    boolean writeAccess = write || noFault;
    return OdpFault.advise(mr, flush,
        role -> pagefaultImplicit(role, start, end, writeAccess, !noFault));
  }

  /**
   * {@code pagefault_implicit_mr}: for each window, the child from {@code implicit_children} (a
   * usecount taken under the xarray lock) or a new one, {@code pagefault_real_mr} on it; then, if a
   * child was created, the KSM update of those windows under the parent's {@code umem_mutex}.
   */
  private int pagefaultImplicit(String role, int start, int end, boolean write, boolean fault) {
    int updFirst = -1;
    int updLast = -1;
    int rc = 0;
    for (int idx = start / childPages; idx <= (end - 1) / childPages && rc >= 0; idx++) {
      int w = idx;
      String load = role + ":xa_load_implicit_children";
      IbUmemOdp child = Steps.atomic(sync, load, () -> {
        IbUmemOdp c = children.get(load, w);
        if (c != null) {
          c.mr().getInStep(load);
        }
        return c;
      });
      if (child == null) {
        child = implicitGetChildMr(role, idx);
        updFirst = updFirst < 0 ? idx : updFirst;
        updLast = idx;
      }
      rc = OdpFault.run(child, role, Math.max(start, child.start()), Math.min(end, child.end()),
          write, fault);
      child.mr().deref(role);
    }
    if (updFirst >= 0) {
      // "Any time the implicit_children are changed we must perform an update of the xlt"
      umemMutex.lock(role + ":imr_umem_mutex");
      updateKsm(role, updFirst, updLast);
      umemMutex.unlock(role + ":imr_umem_mutex_unlock");
    }
    return Math.min(rc, 0);
  }

  /**
   * {@code implicit_get_child_mr}: a child umem ({@code ib_umem_odp_alloc_child}, which inserts its
   * interval notifier) and a cached mkey with usecount 2 (the xarray's and the caller's), stored with
   * {@code __xa_cmpxchg}; a fault that loses the race takes a reference on the winner and
   * deregisters its own child.
   */
  private IbUmemOdp implicitGetChildMr(String role, int idx) {
    String alloc = role + ":mlx5_mr_cache_alloc";
    IbUmemOdp mine = Steps.atomic(sync, alloc, () -> {
      int k = allocated.get(alloc, idx);
      Preconditions.checkState(k < pool[idx].length, "%s: the MR cache of window %s is sized "
          + "for %s children", name, idx, pool[idx].length);
      allocated.set(alloc, idx, k + 1);
      IbUmemOdp c = pool[idx][k];
      c.mr().setUsecountInStep(alloc, 2); // "First refcount is owned by the xarray and second ..."
      return c;
    });
    mine.kernel().mmuIntervalNotifierInsert(role); // ib_umem_odp_alloc_child
    String store = role + ":xa_cmpxchg_implicit_children";
    IbUmemOdp won = Steps.atomic(sync, store, () -> {
      IbUmemOdp cur = children.get(store, idx);
      if (cur != null) {
        cur.mr().getInStep(store); // "Another thread beat us to creating the child mr, use theirs"
        return cur;
      }
      children.set(store, idx, mine);
      return mine;
    });
    if (won != mine) {
      OdpFault.dereg(mine);
    }
    return won;
  }

  /** {@code mlx5r_umr_update_xlt(imr, ..., INDIRECT)}: the KSM entries from the xarray. */
  private void updateKsm(String role, int first, int last) {
    String label = role + ":update_xlt_ksm";
    sync.atomic(label, () -> {
      for (int idx = first; idx <= last; idx++) {
        IbUmemOdp c = children.get(label, idx);
        if (ksm.get(label, idx) != c) {
          ksm.set(label, idx, c);
        }
      }
    });
  }

  // ------------------------------------------------------------------ child destruction

  /**
   * {@code destroy_unused_implicit_child_mr}, called by the child's invalidation under its
   * {@code umem_mutex} once it is empty: a reference on the parent, the child taken out of
   * {@code implicit_children} only if it is still the one stored there (d3d930411ce3; the reference
   * is dropped otherwise, 3d8c6f26893d), and {@code free_implicit_child_mr_work} queued.
   */
  void destroyUnusedChild(IbUmemOdp child, String role) {
    if (!mr.tryGetNotZero(role)) {
      return; // the parent is being destroyed; mlx5_ib_free_odp_mr frees every child
    }
    int idx = child.start() / childPages;
    String erase = role + ":xa_cmpxchg_implicit_children";
    boolean mine = Steps.atomic(sync, erase, () -> {
      if (children.get(erase, idx) != child) {
        return false;
      }
      children.set(erase, idx, null);
      child.kernel().queueWorkInStep("free_implicit_child_mr_work");
      return true;
    });
    if (!mine) {
      mr.deref(role);
      return;
    }
    mr.device().wq().queueWork("free_implicit_child_mr_work", () -> freeChild(child, idx));
  }

  /**
   * {@code free_implicit_child_mr_work}: wait for the child's users, point its KSM entry at the
   * null mkey under the parent's {@code umem_mutex}, deregister the child, drop the parent.
   */
  private void freeChild(IbUmemOdp child, int idx) {
    String role = "free_child";
    child.mr().derefWait(role);
    umemMutex.lock(role + ":imr_umem_mutex");
    updateKsm(role, idx, idx);
    umemMutex.unlock(role + ":imr_umem_mutex_unlock");
    OdpFault.dereg(child);
    mr.deref(role);
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;

/**
 * An ODP {@code ib_umem} on HMM with its mlx5 MR (ODP-on-HMM RFC v1 33/36 to 35/36) over pages
 * {@code [start, end)}: the umem keeps only its {@code ib_mirror}, {@code private} (the MR) and its
 * node in the mirror's interval tree; the mirror page table {@code hmm_pt} is its DMA list, shared
 * with every other MR of the process, ODP access bits included. The MR has its own mkey, its own
 * MTTs (the HCA's translation cache and in-flight accesses go with them, {@link #mmu()}), a {@code
 * live} flag (page-fault handlers find only live MRs, under {@code mr_srcu}) and an mkey the HCA
 * checks on every access.
 */
public final class IbUmemHmm {
  /** {@code MLX5_UMR_MTT_ALIGNMENT / sizeof(u64)}: MTT entries per UMR-aligned block. */
  static final int UMR_BLOCK = 8;

  private final IbUcontextHmm context;
  private final IbDevice device;
  private final Mm mm;
  private final String name;
  private final int start;
  private final int end;
  private final boolean writable;
  private final Sync sync;
  private final IbMirror ibMirror;
  private final BoolCell live;
  private final BoolCell keyValid;
  private final BoolCell mrReady;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final GhostSub ghostSub;

  /**
   * Allocates the umem and MR of {@code [start, end)} in the uverbs context of {@code mm}'s process
   * on {@code device} (set-up); {@link #registerAtSetup} or {@link #register} make them live.
   *
   * @param writable {@code IB_ACCESS_LOCAL_WRITE}: the MR write-faults and grants write access
   */
  public IbUmemHmm(IbDevice device, Mm mm, String name, int start, int end, boolean writable) {
    this(device.ucontext(mm), name, start, end, writable);
  }

  /** Allocates the umem and MR of {@code [start, end)} in {@code context} (set-up). */
  public IbUmemHmm(IbUcontextHmm context, String name, int start, int end, boolean writable) {
    Mm mm = context.ibMirror().mm();
    Preconditions.checkArgument(0 <= start && start < end && end <= mm.pages(),
        "bad umem [%s, %s)", start, end);
    this.context = context;
    this.device = context.ibMirror().device();
    this.mm = mm;
    this.name = name;
    this.start = start;
    this.end = end;
    this.writable = writable;
    this.sync = mm.sync();
    this.ibMirror = context.ibMirror();
    this.live = sync.newBool(name + ".mr.live", false);
    this.keyValid = sync.newBool(name + ".mr.mkey_valid", false);
    this.mrReady = sync.newBool(name + ".private", false);
    this.gm = mm.ghost().newMirror(name, mm.id(), mm.pages());
    this.mmu = new DeviceMmu(mm.mem(), gm, name + ".mtt", mm.pages(), ibMirror.base().iommu());
    this.ghostSub = mm.ghost().newSub(name, start, end, gm);
  }

  public IbUcontextHmm context() {
    return context;
  }

  public IbDevice device() {
    return device;
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

  public IbMirror ibMirror() {
    return ibMirror;
  }

  /** {@code mr->live}; read with peek. */
  public BoolCell live() {
    return live;
  }

  /** Whether the HCA still accepts the mkey; read with peek. */
  public BoolCell keyValid() {
    return keyValid;
  }

  /** {@code umem->odp_data->private != NULL && mr->ibmr.pd}: the MR is set up. */
  public BoolCell mrReady() {
    return mrReady;
  }

  /**
   * This MR's translations on the HCA: its MTTs, the HCA's cache of them and its in-flight
   * accesses; the DMA addresses behind them are HMM's mappings ({@link HmmMirror#iommu()}).
   */
  public DeviceMmu mmu() {
    return mmu;
  }

  /** Ghost identity of this MR's translations. */
  public GhostMirror ghostMirror() {
    return gm;
  }

  /** Ghost identity of this region, for fault returns. */
  public GhostSub ghostSub() {
    return ghostSub;
  }

  // ------------------------------------------------------------------ registration (33/36)

  /** {@code ib_umem_odp_get} + {@code mlx5_ib_reg_user_mr} during set-up. */
  public IbUmemHmm registerAtSetup() {
    context.registerAtSetup(this);
    ibMirror.umemTree().set("setup:rbt_ib_umem_insert", Hmm.plus(ibMirror.umemTree().peek(), this));
    keyValid.set("setup:mlx5_ib_reg_user_mr", true);
    mrReady.set("setup:mlx5_ib_reg_user_mr", true);
    live.set("setup:mlx5_ib_reg_user_mr", true);
    return this;
  }

  /**
   * {@code ib_umem_odp_get} at run time: the process's {@code ib_mirror} under {@code hmm_mutex}
   * ({@code hmm_mirror_register} for a new one), the umem into its tree under {@code umem_rwsem};
   * then {@code mlx5_ib_reg_user_mr} creates the mkey, publishes {@code private} and makes the MR
   * live, and the MR joins the context's list.
   */
  public void register() {
    String role = "reg";
    context.getMirror(role);
    ibMirror.umemRwsem().downWrite(role + ":umem_rwsem_write");
    sync.atomic(role + ":rbt_ib_umem_insert", () -> ibMirror.umemTree().set(
        role + ":rbt_ib_umem_insert", Hmm.plus(ibMirror.umemTree().get(role + ":umem_tree"), this)));
    ibMirror.umemRwsem().upWrite(role + ":umem_rwsem_unlock");
    sync.atomic(role + ":mlx5_ib_reg_user_mr", () -> {
      keyValid.set(role + ":create_mkey", true);
      mrReady.set(role + ":mr_private", true);
      live.set(role + ":mr_live", true);
      context.addMrInStep(role + ":mr_list_add", this);
    });
  }

  /**
   * {@code ib_umem_odp_release} (33/36, 34/36): out of the interval tree under {@code umem_rwsem},
   * then {@code ib_mirror_unref}. The {@code hmm_pte}s and DMA mappings outlive the MR ("we can
   * have overlapping umem"); they go when HMM invalidates the pages or unregisters the mirror.
   */
  void release(String role) {
    ibMirror.umemRwsem().downWrite(role + ":umem_rwsem_write");
    sync.atomic(role + ":rbt_ib_umem_remove", () -> ibMirror.umemTree().set(
        role + ":rbt_ib_umem_remove", Hmm.minus(ibMirror.umemTree().get(role + ":umem_tree"), this)));
    ibMirror.umemRwsem().upWrite(role + ":umem_rwsem_unlock");
    ibMirror.unref(role);
  }

  // ------------------------------------------------------------------ invalidation and access

  /**
   * {@code mlx5_ib_umem_invalidate} (34/36) for {@code [from, to)}: nothing before the MR is set
   * up; otherwise, for each page whose shared {@code hmm_pte} carries ODP bits, mark it dirty if
   * {@code ODP_WRITE} (the HCA has no dirty bit) and clear the bits ("there can not be concurrent
   * overlapping munmap, page migrate, page write protect"), and zap this MR's MTTs in UMR-aligned
   * blocks from the first such page with a synchronous UMR that flushes the HCA's cache and drains
   * its in-flight accesses. Pages whose bits another MR already cleared are not zapped. The
   * per-page bit operations and the zap are one step (see the fidelity notes).
   */
  void invalidate(String role, int from, int to) {
    int lo = Math.max(from, start);
    int hi = Math.min(to, end);
    if (lo >= hi) {
      return;
    }
    HmmMirror m = ibMirror.base();
    String label = role + ":mlx5_ib_umem_invalidate";
    boolean dirtyOnWrite = !m.hmm().mutations().has(Mutation.M11);
    boolean zapped = Steps.atomic(sync, label, () -> {
      if (!mrReady.get(label)) {
        return false; // "Is this ib_mr active and registered yet ?"
      }
      RefArray<HmmPte> ptes = m.pt().ptes();
      boolean any = false;
      int blockStart = -1;
      for (int v = lo; v < hi; v++) {
        HmmPte h = ptes.get(label, v);
        if (h.test(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE)) {
          // M11: undoes the RFC's conservative hmm_pte_set_dirty of ODP_WRITE entries
          if (h.test(Mlx5HmmOps.ODP_WRITE) && dirtyOnWrite) {
            h = h.set(HmmPte.DIRTY);
          }
          ptes.set(label, v, h.clear(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE));
          if (blockStart < 0) {
            blockStart = v;
          }
        } else if (blockStart >= 0 && (v - start) % UMR_BLOCK == 0) {
          any |= zapBlockInStep(label, blockStart, v);
          blockStart = -1;
        }
      }
      if (blockStart >= 0) {
        any |= zapBlockInStep(label, blockStart, hi);
      }
      return any;
    });
    if (zapped) {
      mmu.waitForDma(role + ":umr_wait", lo, hi);
    }
  }

  /** {@code mlx5_ib_update_mtt(zap = 1)} of {@code [lo, hi)}: one UMR. */
  private boolean zapBlockInStep(String label, int lo, int hi) {
    mm.ghost().hwUpdate(gm, keyValid.get(label));
    mmu.zapInStep(label, lo, hi, true);
    return true;
  }

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

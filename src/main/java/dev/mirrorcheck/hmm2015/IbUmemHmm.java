package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;
import java.util.List;

/**
 * An ODP {@code ib_umem} on HMM (RFC patch 33) over pages {@code [start, end)} of an mm, with its
 * mlx5 MR: the umem keeps only its {@code ib_mirror}, {@code private} (the MR) and its node in the
 * mirror's interval tree; the mirror page table {@code hmm_pt} is its DMA list. The MR has a
 * {@code live} flag (page-fault handlers find only live MRs, under {@code mr_srcu}) and an mkey the
 * HCA checks on every access. The MTTs are the {@code ib_mirror}'s device page table, shared by
 * overlapping MRs of the mirror as their {@code hmm_pte}s (and ODP bits) are.
 */
public final class IbUmemHmm {
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
  private final GhostSub ghostSub;

  /**
   * Allocates the umem and MR of {@code [start, end)} (set-up); {@link #registerAtSetup} or
   * {@link #register} make them live.
   *
   * @param writable {@code IB_ACCESS_LOCAL_WRITE}: the MR write-faults and grants write access
   */
  public IbUmemHmm(IbDevice device, Mm mm, String name, int start, int end, boolean writable) {
    Preconditions.checkArgument(0 <= start && start < end && end <= mm.pages(),
        "bad umem [%s, %s)", start, end);
    this.device = device;
    this.mm = mm;
    this.name = name;
    this.start = start;
    this.end = end;
    this.writable = writable;
    this.sync = mm.sync();
    this.ibMirror = device.mirrorFor(mm);
    this.live = sync.newBool(name + ".mr.live", false);
    this.keyValid = sync.newBool(name + ".mr.mkey_valid", false);
    this.mrReady = sync.newBool(name + ".private", false);
    this.ghostSub = mm.ghost().newSub(name, start, end, ibMirror.base().ghostMirror());
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

  /** The HCA's translation of this process's pages: the MTTs, its cache, in-flight DMA, IOMMU. */
  public DeviceMmu mmu() {
    return ibMirror.base().mmu();
  }

  public GhostMirror ghostMirror() {
    return ibMirror.base().ghostMirror();
  }

  /** Ghost identity of this region, for fault returns. */
  public GhostSub ghostSub() {
    return ghostSub;
  }

  // ------------------------------------------------------------------ registration

  /** {@code ib_umem_odp_get} + {@code mlx5_ib_reg_user_mr} during set-up. */
  public IbUmemHmm registerAtSetup() {
    String label = "setup:ib_umem_odp_get";
    if (!device.ibMirrors().peek().contains(ibMirror)) {
      ibMirror.base().registerAtSetup();
      device.ibMirrors().set(label, Hmm.plus(device.ibMirrors().peek(), ibMirror));
    }
    ibMirror.kref().set(label, ibMirror.kref().peek() + 1);
    ibMirror.umemTree().set(label, Hmm.plus(ibMirror.umemTree().peek(), this));
    keyValid.set("setup:mlx5_ib_reg_user_mr", true);
    mrReady.set("setup:mlx5_ib_reg_user_mr", true);
    live.set("setup:mlx5_ib_reg_user_mr", true);
    return this;
  }

  /**
   * {@code ib_umem_odp_get} at run time: find or create the process's {@code ib_mirror} under
   * {@code hmm_mutex} ({@code hmm_mirror_register} for a new one), insert the umem under
   * {@code umem_rwsem}; then {@code mlx5_ib_reg_user_mr} creates the mkey and makes the MR live.
   */
  public void register() {
    String role = "reg";
    device.hmmMutex().lock(role + ":hmm_mutex");
    boolean found = Steps.atomic(sync, role + ":ib_mirror_lookup",
        () -> device.ibMirrors().get(role + ":ib_mirror_lookup").contains(ibMirror));
    if (!found) {
      ibMirror.base().register(role);
      sync.atomic(role + ":ib_mirrors_add", () -> device.ibMirrors().set(role + ":ib_mirrors_add",
          Hmm.plus(device.ibMirrors().get(role + ":ib_mirrors_add"), ibMirror)));
    }
    ibMirror.kref().getAndAdd(role + ":ib_mirror_ref", 1);
    device.hmmMutex().unlock(role + ":hmm_mutex_unlock");
    ibMirror.umemRwsem().downWrite(role + ":umem_rwsem_write");
    sync.atomic(role + ":rbt_ib_umem_insert", () -> ibMirror.umemTree().set(
        role + ":rbt_ib_umem_insert", Hmm.plus(ibMirror.umemTree().get(role + ":umem_tree"), this)));
    ibMirror.umemRwsem().upWrite(role + ":umem_rwsem_unlock");
    sync.atomic(role + ":mlx5_ib_reg_user_mr", () -> {
      keyValid.set(role + ":create_mkey", true);
      mrReady.set(role + ":mr_private", true);
      live.set(role + ":mr_live", true);
    });
  }

  /**
   * {@code ib_umem_odp_release}: out of the interval tree under {@code umem_rwsem}; then
   * {@code ib_mirror_unref}: the last umem takes the mirror off the device's list and
   * {@code hmm_mirror_unregister}s it. The {@code hmm_pte}s and DMA mappings outlive the MR until then.
   */
  void release(String role) {
    ibMirror.umemRwsem().downWrite(role + ":umem_rwsem_write");
    sync.atomic(role + ":rbt_ib_umem_remove", () -> ibMirror.umemTree().set(
        role + ":rbt_ib_umem_remove", Hmm.minus(ibMirror.umemTree().get(role + ":umem_tree"), this)));
    ibMirror.umemRwsem().upWrite(role + ":umem_rwsem_unlock");
    device.hmmMutex().lock(role + ":hmm_mutex");
    boolean last = Steps.atomic(sync, role + ":ib_mirror_unref", () -> {
      String label = role + ":ib_mirror_unref";
      int left = ibMirror.kref().get(label) - 1;
      ibMirror.kref().set(label, left);
      if (left == 0) {
        device.ibMirrors().set(label, Hmm.minus(device.ibMirrors().get(label), ibMirror));
      }
      return left == 0;
    });
    device.hmmMutex().unlock(role + ":hmm_mutex_unlock");
    if (last) {
      ibMirror.base().unregister(role);
    }
  }

  // ------------------------------------------------------------------ invalidation and access

  /**
   * {@code mlx5_ib_umem_invalidate}: for the live MR, clear the ODP bits of {@code [start, end)}
   * (marking {@code ODP_WRITE} entries dirty: the HCA has no dirty bit) and zap their MTTs with a
   * synchronous UMR that flushes the HCA's cache and drains in-flight accesses.
   */
  void invalidate(String role, int from, int to) {
    if (!mrReady.get(role + ":read_private")) {
      return; // "Is this ib_mr active and registered yet ?"
    }
    int lo = Math.max(from, start);
    int hi = Math.min(to, end);
    HmmMirror m = ibMirror.base();
    String label = role + ":mlx5_ib_umem_invalidate";
    boolean zapped = Steps.atomic(sync, label, () -> {
      boolean any = false;
      for (int v = lo; v < hi; v++) {
        HmmPte h = m.pt().ptes().get(label, v);
        if (h.test(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE)) {
          // M11: undoes the RFC's conservative hmm_pte_set_dirty of ODP_WRITE entries
          if (h.test(Mlx5HmmOps.ODP_WRITE) && !m.hmm().mutations().has(Mutation.M11)) {
            h = h.set(HmmPte.DIRTY);
          }
          m.pt().ptes().set(label, v, h.clear(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE));
          any = true;
        }
      }
      if (any) {
        mm.ghost().hwUpdate(m.ghostMirror(), keyValid.get(label));
        List<DeviceMmu.Zapped> z = m.mmu().zapInStep(label, lo, hi, true);
        return !z.isEmpty();
      }
      return false;
    });
    if (zapped) {
      m.mmu().waitForDma(role + ":umr_wait", lo, hi);
    }
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
    return mmu().access(role, v, write, value);
  }

  @Override
  public String toString() {
    return name;
  }
}

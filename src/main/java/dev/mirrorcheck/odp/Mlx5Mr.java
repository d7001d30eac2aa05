package dev.mirrorcheck.odp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * An mlx5 ODP memory region: its mkey (valid in the HCA until revoked at deregistration) over the
 * umem's MTTs, and the software side of the mkey's lifetime: its entry in the device's
 * {@code odp_mkeys} xarray, {@code mmkey->usecount} (5.13+) and {@code num_deferred_work} (5.6-5.12).
 * The HCA rejects accesses through a revoked mkey.
 */
public final class Mlx5Mr {
  private final IbUmemOdp umem; // null: the KSM mkey of an implicit MR
  private final Mlx5IbDev dev;
  private final Mutations mut;
  private final Sync sync;
  private final BoolCell keyValid;
  private final BoolCell inOdpMkeys;
  private final IntCell usecount;
  private final WaitQueue usecountWait;
  private final IntCell deferredWork;
  private final WaitQueue deferredWait;

  /**
   * @param umem the MR's umem, or null for the KSM mkey of an implicit MR
   * @param odpMkeys whether the mkey is stored in {@code odp_mkeys} ({@code mlx5r_store_odp_mkey},
   *     the xarray holding its first reference); implicit children are not
   */
  Mlx5Mr(Sync sync, IbUmemOdp umem, String name, Mlx5IbDev dev, Mutations mut, boolean odpMkeys) {
    this.umem = umem;
    this.dev = dev;
    this.mut = mut;
    this.sync = sync;
    this.keyValid = sync.newBool(name + ".mkey_valid", true);
    this.inOdpMkeys = sync.newBool(name + ".odp_mkeys", odpMkeys);
    this.usecount = sync.newInt(name + ".usecount", odpMkeys ? 1 : 0);
    this.usecountWait = sync.newWaitQueue(name + ".mmkey_wait");
    this.deferredWork = sync.newInt(name + ".num_deferred_work", 0);
    this.deferredWait = sync.newWaitQueue(name + ".q_deferred_work");
  }

  public IbUmemOdp umem() {
    return umem;
  }

  /** The HCA this MR's mkey lives in. */
  public Mlx5IbDev device() {
    return dev;
  }

  /** Whether the mkey is still valid; read with peek by properties. */
  public BoolCell keyValid() {
    return keyValid;
  }

  /** Whether the mkey is in {@code dev->odp_mkeys}, where page faults and prefetch find it. */
  public BoolCell inOdpMkeys() {
    return inOdpMkeys;
  }

  /** {@code mmkey->usecount} (5.13+): the xarray's reference plus one per fault or prefetch. */
  public IntCell usecount() {
    return usecount;
  }

  /** {@code mr->num_deferred_work} (5.6-5.12): queued prefetch work items using the MR. */
  public IntCell deferredWork() {
    return deferredWork;
  }

  /**
   * One RDMA access to page {@code v} through this MR; {@link DeviceMmu#FAULT} on a missing
   * translation (an ODP page fault) or a revoked key.
   */
  public int access(String role, int v, boolean write, int value) {
    if (!keyValid.get(role + ":check_mkey")) {
      return DeviceMmu.FAULT;
    }
    return umem.mmu().access(role, v, write, value);
  }

  // ------------------------------------------------------------------ mkey lifetime

  /**
   * 5.13+: {@code xa_lock(&dev->odp_mkeys); xa_load; refcount_inc(&mmkey->usecount); xa_unlock} as
   * {@code pagefault_single_data_segment} and {@code get_prefetchable_mr} do it. False when the mkey
   * is no longer in the xarray (deregistration started): the caller must not touch the MR.
   */
  boolean tryGet(String role) {
    String label = role + ":xa_load_odp_mkeys";
    return Steps.atomic(sync, label, () -> {
      if (!inOdpMkeys.get(label)) {
        return false;
      }
      usecount.set(label, usecount.get(label) + 1);
      return true;
    });
  }

  /** {@code refcount_inc_not_zero(&mmkey->usecount)}. */
  boolean tryGetNotZero(String role) {
    String label = role + ":refcount_inc_not_zero";
    return Steps.atomic(sync, label, () -> {
      int n = usecount.get(label);
      if (n == 0) {
        return false;
      }
      usecount.set(label, n + 1);
      return true;
    });
  }

  /** {@code refcount_inc(&mmkey->usecount)} inside the caller's step (under an xarray lock). */
  void getInStep(String label) {
    usecount.set(label, usecount.get(label) + 1);
  }

  /** {@code refcount_set(&mmkey->usecount, n)} inside the caller's step. */
  void setUsecountInStep(String label, int n) {
    usecount.set(label, n);
  }

  /**
   * {@code mlx5r_deref_wait_odp_mkey} (dereg and {@code free_implicit_child_mr_work}): drop a
   * reference, then sleep until none is left.
   */
  void derefWait(String role) {
    deref(role);
    if (mut.has(Mutation.M29)) {
      return; // M29: undoes mlx5r_deref_wait_odp_mkey's wait for the users of the mkey
    }
    String wait = role + ":mlx5r_deref_wait_odp_mkey";
    usecountWait.waitUntil(wait, () -> usecount.get(wait) == 0);
  }

  /** {@code mlx5r_deref_odp_mkey}: the last reference out wakes a waiting deregistration. */
  void deref(String role) {
    String label = role + ":mlx5r_deref_odp_mkey";
    if (usecount.getAndAdd(label, -1) == 1) {
      usecountWait.wakeAll(label);
    }
  }

  /** 5.6-5.12, under {@code odp_srcu}: whether {@code xa_load(&dev->odp_mkeys)} finds the MR. */
  boolean foundUnderSrcu(String role) {
    return inOdpMkeys.get(role + ":xa_load_odp_mkeys");
  }

  /** 5.6-5.12 {@code init_prefetch_work}: {@code atomic_inc(&mr->num_deferred_work)}. */
  void deferWork(String role) {
    deferredWork.getAndAdd(role + ":num_deferred_work_inc", 1);
  }

  /** 5.6-5.12 {@code destroy_prefetch_work}: {@code atomic_dec_and_test}, then wake dereg. */
  void deferredWorkDone(String role) {
    String label = role + ":num_deferred_work_dec";
    if (deferredWork.getAndAdd(label, -1) == 1) {
      deferredWait.wakeAll(label);
    }
  }

  /**
   * The first half of deregistration: take the mkey out of {@code odp_mkeys} so no new fault or
   * prefetch finds it, then wait for those that did. 5.13+ {@code mlx5_ib_dereg_mr}:
   * {@code xa_erase} then {@code mlx5r_deref_wait_odp_mkey}; 5.6-5.12 {@code mlx5_ib_fence_odp_mr}:
   * {@code xa_erase}, {@code synchronize_srcu(&dev->odp_srcu)}, then {@code wait_event} until
   * {@code num_deferred_work} is zero. M29 and M30 drop the waits.
   */
  void fence(String role) {
    String erase = role + ":xa_erase_odp_mkeys";
    boolean erased = Steps.atomic(sync, erase, () -> {
      boolean was = inOdpMkeys.get(erase);
      if (was) {
        inOdpMkeys.set(erase, false);
      }
      return was;
    });
    if (dev.lifetime() == MkeyLifetime.USECOUNT) {
      if (erased) {
        derefWait(role);
      }
    } else if (!mut.has(Mutation.M30)) { // M30: undoes mlx5_ib_fence_odp_mr's synchronize_srcu and deferred-work wait
      dev.odpSrcu().synchronize(role + ":synchronize_srcu");
      String wait = role + ":wait_num_deferred_work";
      deferredWait.waitUntil(wait, () -> deferredWork.get(wait) == 0);
    }
  }
}

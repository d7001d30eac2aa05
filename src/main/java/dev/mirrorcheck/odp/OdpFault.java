package dev.mirrorcheck.odp;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.Hmm;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.Srcu;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.Mutex;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The ODP fault and prefetch paths: the mkey looked up and kept alive as the HCA's generation does it
 * ({@link MkeyLifetime}), then {@code ib_umem_odp_map_dma_and_lock} followed by the MTT update
 * ({@code mlx5r_umr_update_xlt}) under {@code umem_mutex}, as {@code pagefault_real_mr} and
 * {@code mlx5_ib_advise_mr_prefetch} do; and deregistration.
 */
public final class OdpFault {
  /** Retry rounds before -EBUSY ({@code HMM_RANGE_DEFAULT_TIMEOUT}). */
  public static final int DEFAULT_BUDGET = 64;

  /**
   * Returned by {@link #pagefault} when the mkey was no longer in {@code odp_mkeys}: the kernel
   * treats it as a non-ODP key, maps nothing and reports success ("skipping non ODP MR").
   */
  public static final int MKEY_GONE = 1;

  private OdpFault() {}

  /**
   * {@code pagefault_single_data_segment} for this MR's key, then {@code pagefault_real_mr}: fault
   * {@code [start, end)} in (writable if {@code write}). Returns 0, {@link #MKEY_GONE} or -errno.
   */
  public static int pagefault(IbUmemOdp umem, int start, int end, boolean write) {
    String role = "odp_fault";
    return withMkey(umem.mr(), role, MKEY_GONE, () -> run(umem, role, start, end, write, true));
  }

  /** A synchronous ({@code FLUSH}) {@code PREFETCH_NO_FAULT}: map only what the CPU maps. */
  public static int prefetch(IbUmemOdp umem, int start, int end, boolean write) {
    return advise(umem, start, end, write, true, true);
  }

  /**
   * {@code mlx5_ib_advise_mr_prefetch} over {@code [start, end)}: {@code PREFETCH_WRITE} if
   * {@code write} (else {@code PREFETCH}, downgraded to read access), {@code PREFETCH_NO_FAULT} when
   * {@code noFault} (snapshot mode: map only what the CPU already maps). With {@code flush}
   * ({@code IB_UVERBS_ADVISE_MR_FLAG_FLUSH}) the prefetch runs before the call returns; otherwise the
   * MR is referenced and a work item on {@code system_unbound_wq} runs it later. Returns 0, or
   * -ENOENT/-EINVAL when the mkey is no longer registered.
   */
  public static int advise(IbUmemOdp umem, int start, int end, boolean write, boolean noFault,
      boolean flush) {
    // only PREFETCH downgrades the access mask; snapshot mode takes it from the pfns
    boolean writeAccess = write || noFault;
    return advise(umem.mr(), flush, role -> run(umem, role, start, end, writeAccess, !noFault));
  }

  /**
   * {@code mlx5_ib_advise_mr_prefetch} of one MR: {@code pagefault_mr} (the {@code body}, given its
   * role) now under the mkey ({@code flush}), or in a work item that holds the mkey.
   */
  static int advise(Mlx5Mr mr, boolean flush, ToIntFunction<String> body) {
    if (flush) {
      String role = "prefetch";
      // mlx5_ib_prefetch_sg_list: get_prefetchable_mr, pagefault_mr, deref
      return Math.min(withMkey(mr, role, Errno.ENOENT, () -> body.applyAsInt(role)), 0);
    }
    String role = "advise_mr";
    String work = "prefetch_work";
    Mlx5IbDev dev = mr.device();
    if (dev.lifetime() == MkeyLifetime.USECOUNT) {
      // init_prefetch_work: get_prefetchable_mr takes a usecount the work item drops
      if (!mr.tryGet(role)) {
        return Errno.EINVAL;
      }
      dev.wq().queueWork(work, () -> {
        body.applyAsInt(work);
        mr.deref(work); // destroy_prefetch_work
      });
      return 0;
    }
    Srcu srcu = dev.odpSrcu();
    srcu.readLock(role + ":srcu_read_lock");
    boolean found = mr.foundUnderSrcu(role);
    if (found) {
      mr.deferWork(role); // "Keep the MR pointer will valid outside the SRCU"
      dev.wq().queueWork(work, () -> {
        srcu.readLock(work + ":srcu_read_lock");
        body.applyAsInt(work);
        srcu.readUnlock(work + ":srcu_read_unlock");
        mr.deferredWorkDone(work);
      });
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    return found ? 0 : Errno.EINVAL;
  }

  /**
   * Runs {@code body} with the MR's mkey held as the HCA's generation holds it: 5.13+ a
   * {@code usecount} reference taken under the xarray lock, 5.6-5.12 an {@code odp_srcu} read
   * section. Returns {@code gone} without running it when the mkey left {@code odp_mkeys}.
   */
  static int withMkey(Mlx5Mr mr, String role, int gone, IntSupplier body) {
    if (mr.device().lifetime() == MkeyLifetime.USECOUNT) {
      if (!mr.tryGet(role)) {
        return gone;
      }
      int rc = body.getAsInt();
      mr.deref(role);
      return rc;
    }
    Srcu srcu = mr.device().odpSrcu();
    srcu.readLock(role + ":srcu_read_lock");
    int rc = mr.foundUnderSrcu(role) ? body.getAsInt() : gone;
    srcu.readUnlock(role + ":srcu_read_unlock");
    return rc;
  }

  /** {@code pagefault_real_mr} of {@code [start, end)} of one umem (no mkey handling). */
  static int run(IbUmemOdp umem, String role, int start, int end, boolean write,
      boolean fault) {
    Mm mm = umem.mm();
    int rc;
    if (!mm.mmgetNotZero(role + ":mmget_not_zero")) {
      rc = Errno.EFAULT;
    } else {
      long s = mapDmaAndLock(umem, role, start, end, write, fault);
      if (s >= 0) {
        Mutex lock = umem.umemMutex();
        if (umem.mutations().has(Mutation.M20)) {
          lock.unlock(role + ":umem_mutex_unlock"); // M20: undoes the 2019 mlx5_ib_update_xlt implicit-MR fix: UMR posted outside the lock
          updateXlt(umem, role, start, end, s);
        } else {
          updateXlt(umem, role, start, end, s);
          lock.unlock(role + ":umem_mutex_unlock");
        }
        rc = 0;
      } else {
        rc = (int) s;
      }
      // After umem_mutex is dropped: a last mmput under it would run exit_mmap into our own
      // callback; the kernel uses mmput_async there for that reason.
      mm.mmput(role);
    }
    umem.ghost().faultRet(umem.notifier().ghost(), start, end, rc);
    return rc;
  }

  /**
   * {@code ib_umem_odp_map_dma_and_lock}: returns the validated sequence with {@code umem_mutex}
   * held and {@code dma_list} updated from {@code pfn_list}, or a negative errno without the lock.
   */
  static long mapDmaAndLock(IbUmemOdp umem, String role, int start, int end, boolean write,
      boolean fault) {
    Mm mm = umem.mm();
    Mutations mut = umem.mutations();
    Mutex lock = umem.umemMutex();
    Subscriptions subs = mm.notifier();
    IntervalNotifier sub = umem.notifier();
    int flags = fault ? HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0) : 0;
    for (int round = 0; round < DEFAULT_BUDGET; round++) {
      long s;
      if (mut.has(Mutation.M15)) {
        lock.lock(role + ":umem_mutex"); // M15: undoes mm/mmu_notifier.c's rule (no driver lock across read_begin)
        s = subs.readBegin(role, sub);
        lock.unlock(role + ":umem_mutex_unlock");
      } else {
        s = subs.readBegin(role, sub);
      }
      boolean lockedEarly = mut.has(Mutation.M14); // M14: undoes Documentation/mm/hmm.rst (lock only after the walk)
      if (lockedEarly) {
        lock.lock(role + ":umem_mutex");
      }
      HmmRange range = new HmmRange(sub, s, start, end, flags, umem.pfns(), HmmRange.NO_OWNER);
      mm.mmapLock().downRead(role + ":mmap_read_lock");
      int r = Hmm.rangeFault(mm, role, range);
      mm.mmapLock().upRead(role + ":mmap_read_unlock");
      if (r != 0) {
        if (lockedEarly) {
          lock.unlock(role + ":umem_mutex_unlock");
        }
        if (r == Errno.EBUSY) {
          continue;
        }
        return r;
      }
      if (mut.has(Mutation.M24)) {
        // M24: undoes the 2019 nouveau review: pfn_list dereferenced (DMA-mapped) before read_retry
        mm.sync().atomic(role + ":dma_map_unvalidated", () -> {
          for (int v = start; v < end; v++) {
            HmmPfn pfn = umem.pfnList().get(role + ":dma_map_unvalidated", v - umem.start());
            if (pfn.valid()) {
              umem.mmu().dmaMapInStep(role + ":dma_map_unvalidated", v, pfn.frame());
            }
          }
        });
      }
      boolean retry = false;
      if (mut.has(Mutation.M3)) {
        retry = subs.readRetry(role, sub, s); // M3: undoes Documentation/mm/hmm.rst (read_retry outside umem_mutex)
      }
      if (!lockedEarly) {
        lock.lock(role + ":umem_mutex");
      }
      if (!mut.has(Mutation.M3) && !mut.has(Mutation.M23)) { // M23: no collision check at all
        retry = subs.readRetry(role, sub, s);
      }
      if (retry) {
        lock.unlock(role + ":umem_mutex_unlock");
        continue;
      }
      mapDma(umem, role, start, end, write, fault);
      return s;
    }
    return Errno.EBUSY;
  }

  /** The dma_list update under {@code umem_mutex}, from the validated {@code pfn_list}. */
  private static void mapDma(IbUmemOdp umem, String role, int start, int end, boolean write,
      boolean fault) {
    String label = role + ":map_dma";
    boolean fromRequest = umem.mutations().has(Mutation.M22);
    umem.sync().atomic(label, () -> {
      for (int v = start; v < end; v++) {
        int k = v - umem.start();
        HmmPfn pfn = umem.pfnList().get(label, k);
        if (!pfn.valid()) {
          continue; // snapshot mode skips pages the CPU does not map
        }
        // M22: undoes lib/test_hmm.c/umem_odp.c: access bits from the request rather than the validated snapshot
        boolean w = fromRequest ? write : pfn.write();
        DmaEntry old = umem.dmaList().get(label, k);
        if (old == null) {
          umem.mmu().dmaMapInStep(label, v, pfn.frame());
          umem.npages().set(label, umem.npages().get(label) + 1);
        } else if (old.frame() != pfn.frame()) {
          throw new IllegalStateException(umem + ": dma_list[" + k + "] maps " + old.frame()
              + " but the validated pfn is " + pfn.frame());
        }
        umem.dmaList().set(label, k, new DmaEntry(pfn.frame(), w)); // "Resync the flags"
      }
      umem.ghost().bookkeeping(umem.ghostMirror(), umem.npages().peek(), umem.mappedPeek());
    });
  }

  /** {@code mlx5r_umr_update_xlt}: post the MTTs of {@code [start, end)} from {@code dma_list}. */
  private static void updateXlt(IbUmemOdp umem, String role, int start, int end, long s) {
    String label = role + ":update_xlt";
    Steps.atomic(umem.sync(), label, () -> {
      umem.ghost().hwUpdate(umem.ghostMirror(), umem.mr().keyValid().get(label));
      for (int v = start; v < end; v++) {
        DmaEntry e = umem.dmaList().get(label, v - umem.start());
        if (e != null) {
          umem.mmu().installInStep(label, v, umem.mmu().entry(v, e.frame(), e.write()));
          umem.ghost().faultInstall(umem.notifier().ghost(), s, umem.mm().id(), v, e.frame(),
              e.write());
        }
      }
      return null;
    });
  }

  /**
   * {@code mlx5_ib_dereg_mr} then {@code ib_umem_odp_release}: take the mkey out of
   * {@code odp_mkeys} and wait for the faults and prefetches using it ({@link Mlx5Mr#fence}), revoke
   * the mkey and publish {@code private = NULL} under {@code umem_mutex} (commit abb604a1a9c8),
   * unmap everything, remove the notifier, free.
   */
  public static void dereg(IbUmemOdp umem) {
    String role = "dereg";
    umem.mr().fence(role);
    Mutex lock = umem.umemMutex();
    if (umem.mutations().has(Mutation.M19)) {
      // M19: undoes abb604a1a9c8 (commit abb604a1a9c8): mkey revoked without umem_mutex, private left set
      revokeMkey(umem, role);
      lock.lock(role + ":umem_mutex");
      unmapAll(umem, role);
      lock.unlock(role + ":umem_mutex_unlock");
    } else {
      // dma_fence_odp_mr: revoke, unmap every page and publish private = NULL in one umem_mutex
      // section, so an invalidation never finds the MR dead while pages are still DMA-mapped.
      lock.lock(role + ":umem_mutex");
      revokeMkey(umem, role);
      unmapAll(umem, role);
      umem.privateMr().set(role + ":private_null", null);
      lock.unlock(role + ":umem_mutex_unlock");
    }
    umem.mm().notifier().remove(role, umem.notifier());
    umem.sync().atomic(role + ":kfree", () -> umem.ghost().subFreed(umem.notifier().ghost()));
  }

  /** {@code ib_umem_odp_unmap_dma_pages} over the whole umem; the caller holds umem_mutex. */
  private static void unmapAll(IbUmemOdp umem, String role) {
    umem.sync().atomic(role + ":unmap_dma_pages", () -> {
      umem.unmapDmaPagesInStep(role + ":unmap_dma_pages", umem.start(), umem.end(), true);
      umem.ghost().bookkeeping(umem.ghostMirror(), umem.npages().peek(), umem.mappedPeek());
    });
  }

  /** {@code mlx5r_umr_revoke_mr}: the key dies with its translations; outstanding accesses drain. */
  private static void revokeMkey(IbUmemOdp umem, String role) {
    String label = role + ":revoke_mkey";
    umem.sync().atomic(label, () -> {
      umem.mr().keyValid().set(label, false);
      umem.mmu().zapInStep(label, umem.start(), umem.end(), true);
    });
    umem.mmu().waitForDma(role + ":revoke_wait", umem.start(), umem.end());
  }
}

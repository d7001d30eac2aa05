package dev.mirrorcheck.odp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;

/**
 * The mlx5 ODP memory-region driver of one {@link IbUmemOdp} written against the public driver API:
 * {@code pagefault_real_mr} ({@code ib_umem_odp_map_dma_and_lock}, then the MTT update under
 * {@code umem_mutex}), {@code mlx5_ib_invalidate_range}, and the deregistration teardown
 * ({@code mlx5_ib_dereg_mr} then {@code ib_umem_odp_release}), with the catalogue's mutations
 * switchable. Its state is the umem's ({@code umem_mutex}, {@code pfn_list}, {@code dma_list},
 * {@code npages}, {@code private}) and the MR's mkey; everything it asks of the kernel and the HCA's
 * MTTs goes through {@link DriverKernel}.
 */
public final class Mlx5OdpDriver implements MirrorDriver {
  /** Retry rounds before -EBUSY ({@code HMM_RANGE_DEFAULT_TIMEOUT}). */
  public static final int DEFAULT_BUDGET = 64;

  private final DriverKernel k;
  private final IbUmemOdp umem;
  private final Mutations mut;
  private final Sync sync;
  private final Mutex lock;

  /** {@code ib_umem_odp_get}'s driver half: {@code umem_mutex} serialises the MTT updates. */
  Mlx5OdpDriver(DriverKernel k, IbUmemOdp umem) {
    this.k = k;
    this.umem = umem;
    this.mut = umem.mutations();
    this.sync = k.sync();
    this.lock = umem.umemMutex();
    k.setPageTableLock(lock);
  }

  // ------------------------------------------------------------------ faults

  /** {@code pagefault_real_mr} of {@code [start, end)} (the mkey is the caller's business). */
  @Override
  public int fault(String role, int start, int end, boolean write) {
    return pagefaultRealMr(role, start, end, write, true);
  }

  /** {@code pagefault_real_mr} with {@code MLX5_PF_FLAGS_SNAPSHOT}: write access from the pfns. */
  @Override
  public int prefetchNoFault(String role, int start, int end) {
    return pagefaultRealMr(role, start, end, true, false);
  }

  private int pagefaultRealMr(String role, int start, int end, boolean write, boolean fault) {
    if (!k.mmgetNotZero(role)) {
      return Errno.EFAULT;
    }
    int rc;
    long s = mapDmaAndLock(role, start, end, write, fault);
    if (s >= 0) {
      if (mut.has(Mutation.M20)) {
        lock.unlock(role + ":umem_mutex_unlock"); // M20: undoes the 2019 mlx5_ib_update_xlt implicit-MR fix: UMR posted outside the lock
        updateXlt(role, start, end, s);
      } else {
        updateXlt(role, start, end, s);
        lock.unlock(role + ":umem_mutex_unlock");
      }
      rc = 0;
    } else {
      rc = (int) s;
    }
    // After umem_mutex is dropped: a last mmput under it would run exit_mmap into our own
    // callback; the kernel uses mmput_async there for that reason.
    k.mmput(role);
    return rc;
  }

  /**
   * {@code ib_umem_odp_map_dma_and_lock}: returns the validated sequence with {@code umem_mutex}
   * held and {@code dma_list} updated from {@code pfn_list}, or a negative errno without the lock.
   */
  private long mapDmaAndLock(String role, int start, int end, boolean write, boolean fault) {
    int flags = fault ? HmmRange.REQ_FAULT | (write ? HmmRange.REQ_WRITE : 0) : 0;
    for (int round = 0; round < DEFAULT_BUDGET; round++) {
      long s;
      if (mut.has(Mutation.M15)) {
        lock.lock(role + ":umem_mutex"); // M15: undoes mm/mmu_notifier.c's rule (no driver lock across read_begin)
        s = k.mmuIntervalReadBegin(role);
        lock.unlock(role + ":umem_mutex_unlock");
      } else {
        s = k.mmuIntervalReadBegin(role);
      }
      boolean lockedEarly = mut.has(Mutation.M14); // M14: undoes Documentation/mm/hmm.rst (lock only after the walk)
      if (lockedEarly) {
        lock.lock(role + ":umem_mutex");
      }
      HmmRange range = k.hmmRange(s, start, end, flags, umem.pfns());
      k.mmapReadLock(role);
      int r = k.hmmRangeFault(role, range);
      k.mmapReadUnlock(role);
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
        String label = role + ":dma_map_unvalidated";
        sync.atomic(label, () -> {
          for (int v = start; v < end; v++) {
            HmmPfn pfn = umem.pfnList().get(label, v - umem.start());
            if (pfn.valid()) {
              k.devicePageTable().dmaMapInStep(label, v, pfn.frame());
            }
          }
        });
      }
      boolean retry = false;
      if (mut.has(Mutation.M3)) {
        retry = k.mmuIntervalReadRetry(role, s); // M3: undoes Documentation/mm/hmm.rst (read_retry outside umem_mutex)
      }
      if (!lockedEarly) {
        lock.lock(role + ":umem_mutex");
      }
      if (!mut.has(Mutation.M3) && !mut.has(Mutation.M23)) { // M23: no collision check at all
        retry = k.mmuIntervalReadRetry(role, s);
      }
      if (retry) {
        lock.unlock(role + ":umem_mutex_unlock");
        continue;
      }
      mapDma(role, start, end, write);
      return s;
    }
    return Errno.EBUSY;
  }

  /** The dma_list update under {@code umem_mutex}, from the validated {@code pfn_list}. */
  private void mapDma(String role, int start, int end, boolean write) {
    String label = role + ":map_dma";
    boolean fromRequest = mut.has(Mutation.M22);
    DeviceMmu mmu = k.devicePageTable();
    sync.atomic(label, () -> {
      for (int v = start; v < end; v++) {
        int i = v - umem.start();
        HmmPfn pfn = umem.pfnList().get(label, i);
        if (!pfn.valid()) {
          continue; // snapshot mode skips pages the CPU does not map
        }
        // M22: undoes lib/test_hmm.c/umem_odp.c: access bits from the request rather than the validated snapshot
        boolean w = fromRequest ? write : pfn.write();
        DmaEntry old = umem.dmaList().get(label, i);
        if (old == null) {
          mmu.dmaMapInStep(label, v, pfn.frame());
          umem.npages().set(label, umem.npages().get(label) + 1);
        } else if (old.frame() != pfn.frame()) {
          throw new IllegalStateException(umem + ": dma_list[" + i + "] maps " + old.frame()
              + " but the validated pfn is " + pfn.frame());
        }
        umem.dmaList().set(label, i, new DmaEntry(pfn.frame(), w)); // "Resync the flags"
      }
      k.npagesInStep(umem.npages().peek(), umem.mappedPeek());
    });
  }

  /** {@code mlx5r_umr_update_xlt}: post the MTTs of {@code [start, end)} from {@code dma_list}. */
  private void updateXlt(String role, int start, int end, long s) {
    String label = role + ":update_xlt";
    DeviceMmu mmu = k.devicePageTable();
    sync.atomic(label, () -> {
      mmu.postUpdateInStep(umem.mr().keyValid().get(label));
      for (int v = start; v < end; v++) {
        DmaEntry e = umem.dmaList().get(label, v - umem.start());
        if (e != null) {
          k.installInStep(label, s, v, e.frame(), e.write());
        }
      }
    });
  }

  // ------------------------------------------------------------------ invalidation

  /** {@code mlx5_ib_invalidate_range}: the ODP umem's interval-notifier callback. */
  @Override
  public boolean invalidate(NotifierRange range, long cur) {
    int lo = Math.max(range.start(), k.notifierStart());
    int hi = Math.min(range.end(), k.notifierEnd());
    if (!range.blockable()) {
      return false; // mlx5 never sleeps-or-fails: it refuses every non-blockable range
    }
    if (mut.has(Mutation.M16)) {
      // M16: undoes "RDMA/odp: Use mmu_range_notifier_insert()": umem_rwsem read side held from start to end (released in invalidateRangeEnd)
      umem.context().umemRwsem().downRead("inval:umem_rwsem_read");
    }
    if (mut.has(Mutation.M12)
        && (range.event().isProtection() || range.event() == NotifierEvent.MIGRATE)) {
      return true; // M12: undoes lib/test_hmm.c's event handling: protection and migration ignored
    }
    lock.lock("inval:umem_mutex");
    boolean empty = umem.npages().get("inval:read_npages") == 0;
    // M4 (set_seq after unlock, include/linux/mmu_notifier.h) and M5 (set_seq after the npages check, include/linux/mmu_notifier.h/mlx5 odp.c) move this call
    if (!mut.has(Mutation.M4) && !mut.has(Mutation.M5)) {
      k.mmuIntervalSetSeq("inval", cur);
    }
    if (!empty) {
      if (mut.has(Mutation.M5)) {
        k.mmuIntervalSetSeq("inval", cur);
      }
      Mlx5Mr mr = umem.privateMr().get("inval:read_private");
      if (mr != null && !mut.has(Mutation.M13)) { // M13: undoes include/linux/mmu_notifier.h (zap deferred to range_end)
        zapAndUnmap(mr, "inval", lo, hi);
        if (umem.parent() != null && umem.npages().get("inval:read_npages") == 0) {
          umem.parent().destroyUnusedChild(umem, "inval");
        }
      }
    }
    if (!mut.has(Mutation.M21)) {
      queueChildDestroy("inval");
    }
    sync.atomic("inval:bookkeeping", () -> k.npagesInStep(umem.npages().peek(),
        umem.mappedPeek()));
    lock.unlock("inval:umem_mutex_unlock");
    if (mut.has(Mutation.M21)) {
      queueChildDestroy("inval"); // M21: undoes "RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()": npages/dying checked outside umem_mutex
    }
    if (mut.has(Mutation.M4)) {
      k.mmuIntervalSetSeq("inval", cur);
    }
    return true;
  }

  /** M13 (deferred zap) and M16 (release the rwsem read side) only. */
  @Override
  public void invalidateRangeEnd(NotifierRange range) {
    if (mut.has(Mutation.M13)) {
      lock.lock("inval_end:umem_mutex");
      Mlx5Mr mr = umem.privateMr().get("inval_end:read_private");
      if (mr != null) {
        zapAndUnmap(mr, "inval_end", Math.max(range.start(), k.notifierStart()),
            Math.min(range.end(), k.notifierEnd()));
      }
      lock.unlock("inval_end:umem_mutex_unlock");
    }
    if (mut.has(Mutation.M16) && umem.context().umemRwsem().heldByCurrentActor()) {
      umem.context().umemRwsem().upRead("inval_end:umem_rwsem_unlock");
    }
  }

  /**
   * The UMR ZAP of the MTTs (synchronous: the HCA's translation cache is flushed and outstanding
   * accesses drained), then {@code ib_umem_odp_unmap_dma_pages} (O6). M9, M10 and M11 break it.
   */
  private void zapAndUnmap(Mlx5Mr mr, String role, int lo, int hi) {
    boolean dirty = !mut.has(Mutation.M11); // M11: undoes umem_odp.c's set_page_dirty in unmap_dma_pages
    String unmap = role + ":unmap_dma_pages";
    if (mut.has(Mutation.M10)) {
      // M10: undoes mlx5_ib_invalidate_range's order: unmap and dirty before the zap
      sync.atomic(unmap, () -> unmapDmaPagesInStep(unmap, lo, hi, dirty));
    }
    boolean quiesce = !mut.has(Mutation.M9); // M9: undoes the synchronous UMR (flush + drain)
    DeviceMmu mmu = k.devicePageTable();
    // A ZAP UMR is posted for the dma_list entries with access bits (not for what the MTT holds:
    // another path may have zapped it already), and its completion drains the HCA's accesses.
    String label = role + ":umr_zap";
    // (With M10 the dma_list is already clear: zap what the MTT holds, as that variant did.)
    boolean inverted = mut.has(Mutation.M10);
    boolean posted = k.atomic(label, () -> {
      if (!inverted && !umem.anyMappedInStep(label, lo, hi)) {
        return false;
      }
      mmu.postUpdateInStep(mr.keyValid().get(label));
      return !mmu.zapInStep(label, lo, hi, quiesce).isEmpty() || !inverted;
    });
    if (quiesce && posted) {
      mmu.waitForDma(role + ":umr_wait", lo, hi);
    }
    if (!mut.has(Mutation.M10)) {
      sync.atomic(unmap, () -> unmapDmaPagesInStep(unmap, lo, hi, dirty));
    }
  }

  /**
   * {@code ib_umem_odp_unmap_dma_pages} for {@code [lo, hi)} inside the caller's step, with
   * {@code umem_mutex} held ("RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()"):
   * DMA-unmap, dirty writable pages, clear entries, {@code npages--}.
   */
  private void unmapDmaPagesInStep(String label, int lo, int hi, boolean dirty) {
    for (int v = lo; v < hi; v++) {
      DmaEntry e = umem.dmaList().get(label, v - umem.start());
      if (e == null) {
        continue;
      }
      k.devicePageTable().dmaUnmapInStep(label, v);
      if (e.write() && dirty) {
        k.setPageDirtyInStep(label, e.frame());
      }
      umem.dmaList().set(label, v - umem.start(), null);
      umem.npages().set(label, umem.npages().get(label) - 1);
    }
  }

  /** An implicit-MR child that became empty queues its destroy once ({@code dying}). */
  private void queueChildDestroy(String role) {
    if (!umem.implicitChild()) {
      return;
    }
    if (umem.npages().get(role + ":read_npages") == 0 && !umem.dying().get(role + ":read_dying")) {
      umem.dying().set(role + ":set_dying", true);
      sync.atomic(role + ":queue_work",
          () -> k.queueWorkInStep("destroy_unused_implicit_child_mr"));
    }
  }

  // ------------------------------------------------------------------ teardown

  /**
   * {@code mlx5_ib_dereg_mr} then {@code ib_umem_odp_release}: take the mkey out of
   * {@code odp_mkeys} and wait for the faults and prefetches using it ({@link Mlx5Mr#fence}), revoke
   * the mkey and publish {@code private = NULL} under {@code umem_mutex} (commit abb604a1a9c8),
   * unmap everything, remove the notifier.
   */
  @Override
  public void release(String role) {
    umem.mr().fence(role);
    if (mut.has(Mutation.M19)) {
      // M19: undoes abb604a1a9c8 (commit abb604a1a9c8): mkey revoked without umem_mutex, private left set
      revokeMkey(role);
      lock.lock(role + ":umem_mutex");
      unmapAll(role);
      lock.unlock(role + ":umem_mutex_unlock");
    } else {
      // dma_fence_odp_mr: revoke, unmap every page and publish private = NULL in one umem_mutex
      // section, so an invalidation never finds the MR dead while pages are still DMA-mapped.
      lock.lock(role + ":umem_mutex");
      revokeMkey(role);
      unmapAll(role);
      umem.privateMr().set(role + ":private_null", null);
      lock.unlock(role + ":umem_mutex_unlock");
    }
    k.mmuIntervalNotifierRemove(role);
  }

  /** {@code ib_umem_odp_unmap_dma_pages} over the whole umem; the caller holds umem_mutex. */
  private void unmapAll(String role) {
    String label = role + ":unmap_dma_pages";
    sync.atomic(label, () -> {
      unmapDmaPagesInStep(label, umem.start(), umem.end(), true);
      k.npagesInStep(umem.npages().peek(), umem.mappedPeek());
    });
  }

  /** {@code mlx5r_umr_revoke_mr}: the key dies with its translations; outstanding accesses drain. */
  private void revokeMkey(String role) {
    String label = role + ":revoke_mkey";
    DeviceMmu mmu = k.devicePageTable();
    sync.atomic(label, () -> {
      umem.mr().keyValid().set(label, false);
      mmu.zapInStep(label, umem.start(), umem.end(), true);
    });
    mmu.waitForDma(role + ":revoke_wait", umem.start(), umem.end());
  }

  @Override
  public String toString() {
    return umem.name();
  }
}

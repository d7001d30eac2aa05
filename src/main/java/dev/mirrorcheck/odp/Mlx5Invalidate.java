package dev.mirrorcheck.odp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.IntervalOps;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;

/** {@code mlx5_ib_invalidate_range}: the ODP umem's interval-notifier callback (mlx5 odp.c, 2.4). */
final class Mlx5Invalidate implements IntervalOps {
  private final IbUmemOdp umem;

  Mlx5Invalidate(IbUmemOdp umem) {
    this.umem = umem;
  }

  @Override
  public boolean invalidate(IntervalNotifier sub, NotifierRange range, long cur) {
    Mutations mut = umem.mutations();
    Ghost ghost = umem.ghost();
    Sync sync = umem.sync();
    int lo = Math.max(range.start(), umem.start());
    int hi = Math.min(range.end(), umem.end());
    if (!range.blockable()) {
      return false; // mlx5 never sleeps-or-fails: it refuses every non-blockable range
    }
    if (mut.has(Mutation.M16)) {
      // M16: undoes "RDMA/odp: Use mmu_range_notifier_insert()": umem_rwsem read side held from start to end (released in invalidateRangeEnd)
      umem.context().umemRwsem().downRead("inval:umem_rwsem_read");
    }
    if (mut.has(Mutation.M12)
        && (range.event().isProtection() || range.event() == NotifierEvent.MIGRATE)) {
      ghost.callbackReturned(umem.ghostMirror(), lo, hi);
      return true; // M12: undoes lib/test_hmm.c's event handling: protection and migration ignored
    }
    Mutex lock = umem.umemMutex();
    lock.lock("inval:umem_mutex");
    boolean empty = umem.npages().get("inval:read_npages") == 0;
    // M4 (set_seq after unlock, include/linux/mmu_notifier.h) and M5 (set_seq after the npages check, include/linux/mmu_notifier.h/mlx5 odp.c) move this call
    if (!mut.has(Mutation.M4) && !mut.has(Mutation.M5)) {
      umem.mm().notifier().setSeq("inval", sub, cur);
    }
    if (!empty) {
      if (mut.has(Mutation.M5)) {
        umem.mm().notifier().setSeq("inval", sub, cur);
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
    sync.atomic("inval:bookkeeping", () -> {
      ghost.bookkeeping(umem.ghostMirror(), umem.npages().peek(), umem.mappedPeek());
      ghost.callbackReturned(umem.ghostMirror(), lo, hi);
    });
    lock.unlock("inval:umem_mutex_unlock");
    if (mut.has(Mutation.M21)) {
      queueChildDestroy("inval"); // M21: undoes "RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()": npages/dying checked outside umem_mutex
    }
    if (mut.has(Mutation.M4)) {
      umem.mm().notifier().setSeq("inval", sub, cur);
    }
    return true;
  }

  /** M13 (deferred zap) and M16 (release the rwsem read side) only. */
  @Override
  public void invalidateRangeEnd(IntervalNotifier sub, NotifierRange range) {
    Mutations mut = umem.mutations();
    if (mut.has(Mutation.M13)) {
      umem.umemMutex().lock("inval_end:umem_mutex");
      Mlx5Mr mr = umem.privateMr().get("inval_end:read_private");
      if (mr != null) {
        zapAndUnmap(mr, "inval_end", Math.max(range.start(), umem.start()),
            Math.min(range.end(), umem.end()));
      }
      umem.umemMutex().unlock("inval_end:umem_mutex_unlock");
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
    Mutations mut = umem.mutations();
    Sync sync = umem.sync();
    boolean dirty = !mut.has(Mutation.M11); // M11: undoes umem_odp.c's set_page_dirty in unmap_dma_pages
    if (mut.has(Mutation.M10)) {
      // M10: undoes mlx5_ib_invalidate_range's order: unmap and dirty before the zap
      sync.atomic(role + ":unmap_dma_pages",
          () -> umem.unmapDmaPagesInStep(role + ":unmap_dma_pages", lo, hi, dirty));
    }
    boolean quiesce = !mut.has(Mutation.M9); // M9: undoes the synchronous UMR (flush + drain)
    DeviceMmu mmu = umem.mmu();
    // A ZAP UMR is posted for the dma_list entries with access bits (not for what the MTT holds:
    // another path may have zapped it already), and its completion drains the HCA's accesses.
    String label = role + ":umr_zap";
    // (With M10 the dma_list is already clear: zap what the MTT holds, as that variant did.)
    boolean inverted = mut.has(Mutation.M10);
    boolean posted = Steps.atomic(sync, label, () -> {
      if (!inverted && !umem.anyMappedInStep(label, lo, hi)) {
        return false;
      }
      umem.ghost().hwUpdate(umem.ghostMirror(), mr.keyValid().get(label));
      return !mmu.zapInStep(label, lo, hi, quiesce).isEmpty() || !inverted;
    });
    if (quiesce && posted) {
      mmu.waitForDma(role + ":umr_wait", lo, hi);
    }
    if (!mut.has(Mutation.M10)) {
      sync.atomic(role + ":unmap_dma_pages",
          () -> umem.unmapDmaPagesInStep(role + ":unmap_dma_pages", lo, hi, dirty));
    }
  }

  /** An implicit-MR child that became empty queues its destroy once ({@code dying}). */
  private void queueChildDestroy(String role) {
    if (!umem.implicitChild()) {
      return;
    }
    if (umem.npages().get(role + ":read_npages") == 0 && !umem.dying().get(role + ":read_dying")) {
      umem.dying().set(role + ":set_dying", true);
      umem.sync().atomic(role + ":queue_work", () ->
          umem.ghost().workQueued(umem.ghostMirror(), "destroy_unused_implicit_child_mr"));
    }
  }
}

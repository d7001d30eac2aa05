package dev.mirrorcheck.check;

import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.World;

/** L2: every invalidation ends and every epoch closes (bounded form). */
final class InvalidationProgress extends BaseProperty {

  InvalidationProgress() {
    super("L2", "invalidation progress", ALL, by(CheckedBy.END),
        "Bounded form: at the end of every complete execution (every actor finished), every "
            + "invalidate_range_start that returned 0 has had its invalidate_range_end, and every "
            + "mm's S.seq is even, i.e. every odd epoch opened by an invalidation was closed once "
            + "the CPU operations finished. An invalidation that never returns at all leaves its "
            + "actor blocked, which the explorer reports as L1 or L4. A PASS means no mm path "
            + "(munmap, mprotect, fork, reclaim, migration, the COW break, the OOM reaper) skips "
            + "its end, so read_begin and remove never wait for an epoch that cannot end; in this "
            + "design an invalidation waits only for the driver lock, never for a fault.",
        "Converse (every invalidate_range_end had its start): S8 checks it in every state, "
            + "since an end without a start drives S.active below 0 or above the starts in flight.");
  }

  @Override
  void install(World world, View view) {
    StartLedger ledger = StartLedger.install(view, id());
    for (Mm mm : view.mms) {
      world.atEnd(id(), () -> {
        int open = ledger.open(mm);
        long seq = mm.notifier().seqCell().peek();
        // mmu_notifier_invalidate_range_end must follow every successful _start (include/linux/mmu_notifier.h)
        if (open != 0) {
          return mm.name() + ": " + open + " invalidate_range_start without its "
              + "invalidate_range_end when every actor had finished";
        }
        // mn_itree_inv_end closes the epoch when the last invalidation ends (mm/mmu_notifier.c)
        return (seq & 1) == 0 ? null
            : mm.name() + ": S.seq " + seq + " still odd when every actor had finished";
      });
    }
  }
}

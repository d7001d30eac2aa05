package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.World;

/** S7: a fault installs only from a snapshot no invalidation has overtaken. */
final class RetrySoundness extends BaseProperty {

  RetrySoundness() {
    super("S7", "retry soundness", designs(Design.MODERN, Design.ODP, Design.LEGACY_ODP),
        by(CheckedBy.EVENT),
        "When a device fault (dmirror_range_fault, ODP map_dma_and_lock plus the MTT update) makes "
            + "a translation of page v to frame p device-visible after its successful read_retry: "
            + "the subscription's seq still equals the value read_begin returned for that round, "
            + "and the CPU page table still maps p at v. A PASS means no invalidation callback for "
            + "the subscription completed between the fault's read_begin and its install, so the "
            + "install used exactly the CPU state it validated (Documentation/mm/hmm.rst: read_retry under the driver "
            + "lock, which stays held until the device page table is updated). Legacy ODP states it "
            + "with its own counters: notifiers_count is 0 and notifiers_seq still equals the value "
            + "sampled before get_user_pages (ib_umem_mmu_notifier_retry). The 2015 design "
            + "validates with backoff flags instead (L5).",
        "Converse (read_retry reports a collision only when an invalidation changed seq): L3 "
            + "bounds each fault's retries by the invalidations that hit it, so a spurious retry is "
            + "an L3 violation.");
  }

  @Override
  void install(World world, View view) {
    view.ghost.addListener(new GhostListener() {
      @Override
      public void faultInstall(GhostSub sub, long seq, int mm, int v, int frame, boolean writable) {
        Mirror m = view.mirrorOfSub(sub);
        Mm space = view.mm(mm);
        if (m == null || m.retry == null || space == null) {
          return;
        }
        String stale = m.retry.stale(seq);
        Pte pte = space.pt().peek(v);
        // the retry predicate must hold, under the lock, until the update is visible (Documentation/mm/hmm.rst, include/rdma/ib_umem_odp.h)
        if (stale != null) {
          fail(view, m.name + " fault installs page " + v + " (frame " + frame
              + ") validated at seq " + seq + " but " + stale);
        } else if (!(pte.mapsFrame() && pte.frame() == frame)) {
          fail(view, m.name + " fault installs frame " + frame + " at page " + v
              + " but the CPU has " + pte);
        }
      }
    });
  }
}

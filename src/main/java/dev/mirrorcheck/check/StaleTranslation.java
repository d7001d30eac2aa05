package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.sync.World;

/** S2: no device access through a translation older than the last completed invalidation. */
final class StaleTranslation extends BaseProperty {

  StaleTranslation() {
    super("S2", "no access through a stale translation", ALL, by(CheckedBy.EVENT),
        "At every device access (a DMA read or write by the device engine, through its TLB or the "
            + "device page table, including an access already in flight) to page v of a mirror: "
            + "the translation used was installed after the last invalidation callback of that "
            + "mirror covering v returned (mapTime[v] > lastInvDone[v]). A PASS means that once "
            + "ops->invalidate returned, the device never again used a translation set up before it: "
            + "the callback zapped the device page table, invalidated the device TLB and waited for "
            + "in-flight DMA before returning (Documentation/mm/hmm.rst: the device must complete the update before the "
            + "driver callback returns).",
        "Converse (after an invalidation the device can reach the page again): a liveness "
            + "statement; the scenarios that repeat a device access after an invalidation check it "
            + "with their expect clauses, and L3 requires the repeated fault to return.");
  }

  @Override
  void install(World world, View view) {
    view.ghost.addListener(new GhostListener() {
      @Override
      public void devAcc(GhostMirror gm, int v, DevEntry entry, boolean write, int value) {
        Mirror m = view.mirror(gm);
        if (m == null) {
          return;
        }
        int done = gm.invGen().peek(v);
        // mlx5_ib_invalidate_range: the UMR ZAP is synchronous ("now sure that the device will not
        // access the memory"); dmirror serialises DMA with its mutex
        if (entry.installGen() < done) {
          fail(view, m.name + " DMA " + (write ? "write" : "read") + " of page " + v
              + " used frame " + entry.frame() + " through a translation older than the last "
              + "completed invalidation (" + entry.installGen() + " < " + done + ")");
        }
      }
    });
  }
}

package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.World;

/** L5: the 2015 design's backoff is honoured; applies to HMM2015 only. */
final class BackoffHonoured extends BaseProperty {

  BackoffHonoured() {
    super("L5", "backoff honoured (2015 design)", designs(Design.HMM2015),
        by(CheckedBy.EVENT, CheckedBy.END),
        "HMM v8..v10 (2015) only: every device fault registered in hmm->device_faults leaves "
            + "it again in every complete execution, whether it finished, failed or backed off "
            + "because an invalidation set its backoff flag, so an invalidation waiting in "
            + "hmm_wait_device_fault always proceeds (HMM v9 08/15 hmm_device_fault_start/_end). A "
            + "fault that blocks for good while registered (for instance on an invalidation that "
            + "waits for it, M27) is reported by the explorer as a deadlock with its wait-for "
            + "cycle. The device update a fault posts after the invalidation set backoff but before"
            + " it waited is harmless: the invalidation's own device update follows once the fault "
            + "has left (S1 and S3 check that). A PASS means no invalidation waited forever for a "
            + "fault: every registered fault unregistered, backed off or finished. The modern and "
            + "ODP designs have no backoff: faults retry and invalidations never wait for them.",
        "Converse (a fault leaves device_faults only after entering it): not meaningful; the "
            + "fault removes its own list entry (list_del in hmm_device_fault_end), which exists only "
            + "once it registered.");
  }

  @Override
  void install(World world, View view) {
    IntCell registered = view.sync.newInt("check.L5.registered", 0);
    view.ghost.addListener(new GhostListener() {
      @Override
      public void deviceFaultStart(GhostMirror mirror, Object fault, int start, int end) {
        registered.poke(registered.peek() + 1);
      }

      @Override
      public void deviceFaultEnd(GhostMirror mirror, Object fault) {
        registered.poke(registered.peek() - 1);
      }
    });
    world.atEnd(id(), () -> registered.peek() == 0 ? null
        : registered.peek() + " device fault(s) never left device_faults");
  }
}

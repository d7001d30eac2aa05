package dev.mirrorcheck.check;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.sync.World;

/** L5: the 2015 design's backoff is honoured; applies to HMM2015 only. */
final class BackoffHonoured extends BaseProperty {

  BackoffHonoured() {
    super("L5", "backoff honoured (2015 design)", designs(Design.HMM2015), by(CheckedBy.EVENT),
        "HMM v8..v10 (2015) only: a device fault registered in hmm->device_faults whose backoff "
            + "flag an invalidation has set eventually leaves device_faults without calling "
            + "device.update for the fault, so the invalidation waiting in hmm_wait_device_fault "
            + "proceeds (H9 hmm_device_fault_start/_end). A PASS means no invalidation waited "
            + "forever for a fault that ignored its backoff. The modern and ODP designs have no "
            + "backoff: faults retry and invalidations never wait for them.");
  }

  @Override
  void install(World world, View view) {
    throw new UnsupportedOperationException("L5 checks the HMM2015 mirror (device_faults and "
        + "backoff), which this build does not model; its subject holds only modern dmirror and "
        + "ODP mirrors");
  }
}

package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.World;

/** L1: deadlock freedom, reported by the explorer with the wait-for cycle. */
final class DeadlockFreedom extends BaseProperty {

  DeadlockFreedom() {
    super("L1", "deadlock freedom", ALL, by(CheckedBy.EXPLORER),
        "In every interleaving, whenever some actor has not finished, some actor can run: no cycle "
            + "of waits over mmap_lock, page locks, the driver lock (dmirror->mutex, umem_mutex), "
            + "S.lock, umem_rwsem and the end of an invalidation epoch (waited for by read_begin "
            + "and remove) ever closes. The explorer reports a state where no actor can run and "
            + "some actor holds or waits for a lock as L1, naming each blocked actor, what it "
            + "waits for and the cycle. A PASS means no driver lock is held across read_begin, "
            + "remove, hmm_range_fault or handle_mm_fault, and no lock is held from "
            + "invalidate_range_start to _end across nested starts (the lockdep priming in "
            + "mm/mmu_notifier.c, the fault pattern of Documentation/mm/hmm.rst, M. Hairgrove's "
            + "2015 review of HMM v10, \"RDMA/odp: Use mmu_range_notifier_insert()\").",
        "Converse: not meaningful; the explorer reports every reachable state in which no actor "
            + "can run while some have not finished.");
  }

  @Override
  void install(World world, View view) {
    // the explorer detects deadlocks itself; nothing to install
  }
}

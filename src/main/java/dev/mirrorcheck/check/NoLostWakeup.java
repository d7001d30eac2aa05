package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.World;

/** L4: no lost wake-up, reported by the explorer. */
final class NoLostWakeup extends BaseProperty {

  NoLostWakeup() {
    super("L4", "no lost wake-up", ALL, by(CheckedBy.EXPLORER),
        "Every actor sleeping on a wait queue (read_begin and remove waiting for the end of an "
            + "epoch, migration_entry_wait, a DMA fence) is woken after the change it waits for, "
            + "and its condition is re-evaluated atomically with going to sleep. The explorer "
            + "reports a state where some actor has not finished and every unfinished actor sleeps "
            + "on a wait queue, so no lock holder could ever wake it, as L4. A PASS means no "
            + "sleeper was left behind: conditions are tested under the lock that orders the "
            + "change (commit 319561669a59), never tested first and slept on later.",
        "Converse (no spurious wake-up): not meaningful; a sleeper re-tests its condition under "
            + "the lock after every wake-up, so an extra wake-up only costs a step.");
  }

  @Override
  void install(World world, View view) {
    // the explorer detects lost wake-ups itself; nothing to install
  }
}

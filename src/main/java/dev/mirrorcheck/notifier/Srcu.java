package dev.mirrorcheck.notifier;

import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * {@code struct srcu_struct} as a reader count and a wait queue: {@code synchronize_srcu} sleeps until
 * no reader is inside a read-side section. Waiting for every reader (not only the pre-existing ones)
 * is stronger than SRCU, which only delays the grace period while new readers keep arriving.
 */
public final class Srcu {
  private final IntCell readers;
  private final WaitQueue wq;

  public Srcu(Sync sync, String name) {
    this.readers = sync.newInt(name + ".readers", 0);
    this.wq = sync.newWaitQueue(name + ".gp_wait");
  }

  /** {@code srcu_read_lock}. */
  public void readLock(String label) {
    readers.getAndAdd(label, 1);
  }

  /** {@code srcu_read_lock} inside the caller's step. */
  public void readLockInStep(String label) {
    readers.set(label, readers.get(label) + 1);
  }

  /** {@code srcu_read_unlock}: the last reader out wakes a waiting {@code synchronize_srcu}. */
  public void readUnlock(String label) {
    if (readers.getAndAdd(label, -1) == 1) {
      wq.wakeAll(label);
    }
  }

  /** {@code synchronize_srcu}: sleeps until every read-side section has ended. */
  public void synchronize(String label) {
    wq.waitUntil(label, () -> readers.get(label) == 0);
  }

  /** Readers inside a read-side section; read with peek. */
  public IntCell readers() {
    return readers;
  }
}

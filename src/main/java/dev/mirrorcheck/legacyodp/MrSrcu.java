package dev.mirrorcheck.legacyodp;

import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mlx5_ib_dev->mr_srcu}: page-fault and prefetch handlers read-lock it while they use an MR;
 * deregistration's {@code synchronize_srcu} waits for them. The kernel counts readers per CPU, so
 * readers never contend with each other; here each MR has its own reader count (readers of one MR
 * share it) and {@code synchronize_srcu} waits until every count is zero. Like
 * {@link dev.mirrorcheck.notifier.Srcu}, it waits for every reader, not only the earlier ones.
 */
public final class MrSrcu {
  private final Sync sync;
  private final String name;
  private final List<IntCell> readers = new ArrayList<>();
  private final WaitQueue gp;

  public MrSrcu(Sync sync, String name) {
    this.sync = sync;
    this.name = name;
    this.gp = sync.newWaitQueue(name + ".gp_wait");
  }

  /** A reader count for the handlers of one MR (set-up). */
  IntCell readerCount(String owner) {
    IntCell c = sync.newInt(name + ".readers." + owner, 0);
    readers.add(c);
    return c;
  }

  /** {@code srcu_read_lock}, inside the caller's step (a right mover: it never blocks). */
  void readLockInStep(String label, IntCell count) {
    count.set(label, count.get(label) + 1);
  }

  /** {@code srcu_read_lock} as a step of its own. */
  public void readLock(String label, IntCell count) {
    sync.atomic(label, () -> readLockInStep(label, count));
  }

  /** {@code srcu_read_unlock}: the MR's last reader out wakes a waiting {@code synchronize_srcu}. */
  public void readUnlock(String label, IntCell count) {
    sync.atomic(label, () -> {
      int n = count.get(label) - 1;
      count.set(label, n);
      if (n == 0) {
        gp.wakeAll(label);
      }
    });
  }

  /** {@code synchronize_srcu}: sleeps until no handler of any MR of the device is inside. */
  public void synchronize(String label) {
    gp.waitUntil(label, () -> {
      for (IntCell c : readers) {
        if (c.get(label) != 0) {
          return false;
        }
      }
      return true;
    });
  }

  /** Every reader count; read with peek. */
  public List<IntCell> readers() {
    return readers;
  }
}

package dev.mirrorcheck.notifier;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code struct srcu_struct} as per-reader counters and a wait queue: {@code synchronize_srcu}
 * sleeps until no reader is inside a read-side section. Waiting for every reader (not only the
 * pre-existing ones) is stronger than SRCU, which only delays the grace period while new readers
 * keep arriving.
 *
 * <p>As with the kernel's per-CPU counters, readers never touch each other's state: each actor
 * counts its own sections in a slot of its own (assigned on first use, identically in every replay
 * of a schedule), so two read-side sections are independent of each other and only {@code
 * synchronize_srcu} is ordered against them.
 */
public final class Srcu {
  /** Reader slots; actors beyond this share the last one (still sound, only less independent). */
  static final int SLOTS = 8;

  private final Sync sync;
  private final IntArray readers;
  private final WaitQueue wq;
  private final Map<Actor, Integer> slots = new IdentityHashMap<>();

  public Srcu(Sync sync, String name) {
    this.sync = sync;
    this.readers = sync.newIntArray(name + ".readers", SLOTS, 0);
    this.wq = sync.newWaitQueue(name + ".gp_wait");
  }

  /** The calling actor's reader slot. */
  private int slot() {
    Actor a = sync.currentActor();
    Integer s = slots.get(a);
    if (s == null) {
      s = Math.min(slots.size(), SLOTS - 1);
      slots.put(a, s);
    }
    return s;
  }

  /** {@code srcu_read_lock}. */
  public void readLock(String label) {
    sync.atomic(label, () -> readLockInStep(label));
  }

  /** {@code srcu_read_lock} inside the caller's step. */
  public void readLockInStep(String label) {
    int s = slot();
    readers.set(label, s, readers.get(label, s) + 1);
  }

  /** {@code srcu_read_unlock}: leaves the section, then wakes any waiting {@code synchronize_srcu}. */
  public void readUnlock(String label) {
    int s = slot();
    sync.atomic(label, () -> readers.set(label, s, readers.get(label, s) - 1));
    wq.wakeAll(label);
  }

  /** {@code synchronize_srcu}: sleeps until every read-side section has ended. */
  public void synchronize(String label) {
    wq.waitUntil(label, () -> {
      for (int s = 0; s < SLOTS; s++) {
        if (readers.get(label, s) != 0) {
          return false;
        }
      }
      return true;
    });
  }
}

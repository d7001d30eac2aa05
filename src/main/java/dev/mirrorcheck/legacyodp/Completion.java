package dev.mirrorcheck.legacyodp;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/** {@code struct completion} used with {@code complete_all}/{@code reinit_completion} only. */
public final class Completion {
  private final BoolCell done;
  private final WaitQueue wq;

  /** {@code init_completion}: not done. */
  public Completion(Sync sync, String name) {
    this.done = sync.newBool(name + ".done", false);
    this.wq = sync.newWaitQueue(name + ".wait");
  }

  /** {@code reinit_completion}, inside the caller's step. */
  public void reinitInStep(String label) {
    done.set(label, false);
  }

  /** {@code complete_all}'s state change, inside the caller's step; follow with {@link #wake}. */
  public void completeAllInStep(String label) {
    done.set(label, true);
  }

  /** {@code complete_all}'s wake-up of the waiters. */
  public void wake(String label) {
    wq.wakeAll(label);
  }

  /** {@code wait_for_completion}: sleeps until the completion is done. */
  public void waitFor(String label) {
    wq.waitUntil(label, () -> done.get(label));
  }

  /** Read with peek. */
  public BoolCell done() {
    return done;
  }
}

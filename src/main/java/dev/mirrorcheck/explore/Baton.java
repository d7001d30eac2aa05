package dev.mirrorcheck.explore;

import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off token of one Java thread taking part in an execution. Exactly one thread holds the
 * right to run at any time; {@link #pass} gives it to another baton and parks the caller until the
 * right comes back. The volatile flag also publishes everything the previous runner wrote.
 */
final class Baton {
  private volatile boolean go;
  Thread owner;

  /** Parks the calling thread (the owner) until someone passes the right to run back to it. */
  void await() {
    while (!go) {
      LockSupport.park(this);
    }
    go = false;
  }

  /** Gives the right to run to this baton's owner. */
  void release() {
    go = true;
    LockSupport.unpark(owner);
  }

  /** Hands the right to run from {@code this} (the caller's baton) to {@code next}, then waits. */
  void pass(Baton next) {
    next.release();
    await();
  }
}

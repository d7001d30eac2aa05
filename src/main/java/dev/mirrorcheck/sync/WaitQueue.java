package dev.mirrorcheck.sync;

import java.util.function.BooleanSupplier;

/**
 * A wait queue. A sleeper is never a spin loop: it is disabled until another actor calls
 * {@link #wakeAll}.
 */
public interface WaitQueue {

  String name();

  /**
   * {@code wait_event}: returns once {@code condition} holds. The condition is evaluated atomically
   * together with queueing the caller, so a wake-up between the check and the sleep cannot be lost.
   * The condition must only read facade state and have no side effects.
   */
  void waitUntil(String label, BooleanSupplier condition);

  /** {@code wake_up_all}: makes every sleeper re-check its condition. */
  void wakeAll(String label);

  /**
   * Queues the caller and sleeps until the next {@link #wakeAll}, without checking any condition first
   * ({@code schedule()} after a separate test). Code that tests its condition and then calls this can
   * lose a wake-up; it exists to model exactly that bug.
   */
  void sleep(String label);
}

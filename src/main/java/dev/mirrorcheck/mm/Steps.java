package dev.mirrorcheck.mm;

import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import java.util.function.Supplier;

/** Small helpers for writing one-step critical sections against the facade. */
public final class Steps {
  private Steps() {}

  /** {@link Sync#atomic} returning a value. */
  public static <T> T atomic(Sync sync, String label, Supplier<T> body) {
    Object[] box = new Object[1];
    sync.atomic(label, () -> box[0] = body.get());
    @SuppressWarnings("unchecked")
    T result = (T) box[0];
    return result;
  }

  /** {@code lock; body as one atomic step; unlock}: a short spinlock critical section. */
  public static <T> T locked(Sync sync, Mutex lock, String label, Supplier<T> body) {
    lock.lock(label);
    T result = atomic(sync, label, body);
    lock.unlock(label);
    return result;
  }

  /** {@link #locked} without a result. */
  public static void locked(Sync sync, Mutex lock, String label, Runnable body) {
    lock.lock(label);
    sync.atomic(label, body);
    lock.unlock(label);
  }
}

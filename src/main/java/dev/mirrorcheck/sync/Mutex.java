package dev.mirrorcheck.sync;

/** A non-recursive mutual-exclusion lock ({@code mutex_lock}/{@code spin_lock}). */
public interface Mutex {

  String name();

  void lock(String label);

  void unlock(String label);

  /** {@code mutex_trylock}: takes the lock if it is free, never blocks. */
  boolean tryLock(String label);

  /** Whether the calling actor holds this lock ({@code lockdep_assert_held}); not a scheduling point. */
  boolean heldByCurrentActor();
}

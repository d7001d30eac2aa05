package dev.mirrorcheck.sync;

/**
 * Factory and context for shared objects, actors and nondeterminism. One instance per world (per
 * execution under the explorer); model objects receive it in their constructors.
 */
public interface Sync {

  /** A sleeping mutex ({@code struct mutex}); also used for spinlocks. */
  Mutex newMutex(String name);

  /**
   * A read-write semaphore ({@code struct rw_semaphore}).
   *
   * @param writerBlocksReaders when true, a writer that had to wait blocks new readers, as the kernel's
   *     rwsem does (needed to reproduce nested-read deadlocks)
   */
  RwSem newRwSem(String name, boolean writerBlocksReaders);

  IntCell newInt(String name, int initial);

  LongCell newLong(String name, long initial);

  BoolCell newBool(String name, boolean initial);

  <T> RefCell<T> newRef(String name, T initial);

  IntArray newIntArray(String name, int length, int initial);

  <T> RefArray<T> newRefArray(String name, int length, T initial);

  /** A wait queue ({@code wait_queue_head_t}) for sleeping until a condition holds. */
  WaitQueue newWaitQueue(String name);

  /**
   * Starts an actor (a kernel thread, a CPU, a device engine) running {@code body}. A scheduling point,
   * except before the caller's own first operation: there it belongs to start-up, and the child starts
   * after the actors the world declared.
   */
  Actor spawn(String name, Runnable body);

  /**
   * Data nondeterminism: returns a value in {@code [0, n)}. The explorer tries every value; the native
   * runtime asks Java PathFinder when running under it, and otherwise draws from a seeded generator.
   */
  int choose(String label, int n);

  /**
   * Runs {@code body} as one indivisible step: a single scheduling point, then every facade access in
   * the body belongs to that step. The body must not block.
   */
  void atomic(String label, Runnable body);

  /** Throws a {@link Violation} of {@code property} when {@code condition} is false. */
  default void check(boolean condition, String property, String message) {
    if (!condition) {
      throw new Violation(property, message);
    }
  }

  /**
   * The model ran out of a bounded resource ({@code reason} names it and the setting that raises
   * it): the execution ends as a bound hit, which is never a violation and never a pass.
   */
  default void boundReached(String reason) {
    throw new BoundReached(reason);
  }

  /**
   * The execution now depends on a bound of the model, for example a sequence counter wrapped at a
   * small study modulus: any violation later in the same execution is reported as a bound hit with
   * {@code reason}, not as a violation. Runtimes that cannot tell executions apart ignore it.
   */
  default void boundTouched(String reason) {}

  /** The actor running the caller, or {@code null} during world set-up. */
  Actor currentActor();
}

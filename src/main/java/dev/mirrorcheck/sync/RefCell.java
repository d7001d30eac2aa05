package dev.mirrorcheck.sync;

/**
 * A shared reference with sequentially consistent accesses. Values should be immutable: the facade
 * tracks accesses to the cell, not to the referenced object.
 */
public interface RefCell<T> {

  String name();

  T get(String label);

  void set(String label, T value);

  /** Atomic exchange; returns the previous value. */
  T getAndSet(String label, T value);

  /** Compares by identity, as {@code cmpxchg} on a pointer does. */
  boolean compareAndSet(String label, T expected, T value);

  /** Reads inside the current step; not a scheduling point. */
  T peek();

  /** Writes inside the current step; not a scheduling point. */
  void poke(T value);
}

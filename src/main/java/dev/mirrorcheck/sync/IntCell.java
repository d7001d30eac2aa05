package dev.mirrorcheck.sync;

/** A shared {@code int} with sequentially consistent accesses. */
public interface IntCell {

  String name();

  int get(String label);

  void set(String label, int value);

  /** Atomic add ({@code atomic_fetch_add}); returns the previous value. */
  int getAndAdd(String label, int delta);

  boolean compareAndSet(String label, int expected, int value);

  /** Reads inside the current step (ghost state, invariants); not a scheduling point. */
  int peek();

  /** Writes inside the current step (ghost state); not a scheduling point. */
  void poke(int value);
}

package dev.mirrorcheck.sync;

/** A shared {@code boolean} with sequentially consistent accesses. */
public interface BoolCell {

  String name();

  boolean get(String label);

  void set(String label, boolean value);

  /** Atomic exchange ({@code xchg}); returns the previous value. */
  boolean getAndSet(String label, boolean value);

  /** Reads inside the current step; not a scheduling point. */
  boolean peek();

  /** Writes inside the current step; not a scheduling point. */
  void poke(boolean value);
}

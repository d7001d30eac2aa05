package dev.mirrorcheck.sync;

/** A shared {@code long} with sequentially consistent accesses. */
public interface LongCell {

  String name();

  long get(String label);

  void set(String label, long value);

  /** Atomic add; returns the previous value. */
  long getAndAdd(String label, long delta);

  boolean compareAndSet(String label, long expected, long value);

  /** Reads inside the current step; not a scheduling point. */
  long peek();

  /** Writes inside the current step; not a scheduling point. */
  void poke(long value);
}

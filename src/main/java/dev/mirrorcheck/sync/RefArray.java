package dev.mirrorcheck.sync;

/** A fixed-length array of shared references; each element is a separate memory location. */
public interface RefArray<T> {

  String name();

  int length();

  T get(String label, int index);

  void set(String label, int index, T value);

  /** Compares by identity. */
  boolean compareAndSet(String label, int index, T expected, T value);

  /** Reads inside the current step; not a scheduling point. */
  T peek(int index);

  /** Writes inside the current step; not a scheduling point. */
  void poke(int index, T value);
}

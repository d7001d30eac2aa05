package dev.mirrorcheck.sync;

/** A fixed-length array of shared {@code int}s; each element is a separate memory location. */
public interface IntArray {

  String name();

  int length();

  int get(String label, int index);

  void set(String label, int index, int value);

  int getAndAdd(String label, int index, int delta);

  boolean compareAndSet(String label, int index, int expected, int value);

  /** Reads inside the current step; not a scheduling point. */
  int peek(int index);

  /** Writes inside the current step; not a scheduling point. */
  void poke(int index, int value);
}

package dev.mirrorcheck.selftest;

/** A shared memory location: a declared cell, or one element of a declared array. */
public record Loc(int cell, int element) {

  public static Loc of(int cell) {
    return new Loc(cell, 0);
  }
}

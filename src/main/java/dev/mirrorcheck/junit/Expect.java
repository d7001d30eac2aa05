package dev.mirrorcheck.junit;

/** What an {@link ExploreTest} expects the exploration to conclude. */
public enum Expect {
  /** Every interleaving explored, no violation (BOUND_HIT and INCOMPLETE fail the test). */
  PASS,
  /** Some interleaving violates the model (of {@link ExploreTest#property()}, when given). */
  VIOLATION
}

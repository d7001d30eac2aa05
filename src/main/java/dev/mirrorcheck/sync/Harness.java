package dev.mirrorcheck.sync;

/**
 * A bounded, closed program to check: it builds a fresh world (shared state, actors, properties) each
 * time it is called. Building must be deterministic; all nondeterminism goes through
 * {@link Sync#choose}.
 */
@FunctionalInterface
public interface Harness {
  void build(World world);
}

package dev.mirrorcheck.sync;

/**
 * A predicate over the world's shared state, read with {@code peek}. Returns {@code null} when it
 * holds and a description of the violation otherwise.
 */
@FunctionalInterface
public interface StateCheck {
  String violation();
}

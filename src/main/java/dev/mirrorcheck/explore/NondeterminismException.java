package dev.mirrorcheck.explore;

/**
 * Re-running a prefix of an earlier execution did not reproduce it: the harness keeps state outside
 * the facade or draws randomness outside {@code choose}.
 */
final class NondeterminismException extends HarnessException {
  private static final long serialVersionUID = 1L;

  NondeterminismException(String message) {
    super(message);
  }
}

package dev.mirrorcheck.explore;

/** A recorded schedule does not fit the harness it is replayed on. */
public final class ReplayDivergedException extends HarnessException {
  private static final long serialVersionUID = 1L;

  ReplayDivergedException(String message) {
    super(message);
  }
}

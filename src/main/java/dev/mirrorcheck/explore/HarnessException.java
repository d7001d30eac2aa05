package dev.mirrorcheck.explore;

/** The harness itself is broken (set-up failed, or it behaves nondeterministically). */
public class HarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }

  public HarnessException(String message) {
    super(message);
  }
}

package dev.mirrorcheck.sync;

/**
 * Thrown by {@link Sync#boundReached}: the model ran out of one of its bounded resources (frames,
 * slots, a counter's range). The explorer ends the execution as a bound hit, never as a violation.
 */
public final class BoundReached extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public BoundReached(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** What ran out, and which spec setting raises it. */
  public String reason() {
    return reason;
  }
}

package dev.mirrorcheck.sync;

/** A property violated inside model code; carries the property id (for example {@code "S3"}). */
public class Violation extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String detail;

  public Violation(String property, String message) {
    super(property + ": " + message);
    this.property = property;
    this.detail = message;
  }

  public String property() {
    return property;
  }

  /** The message without the property id. */
  public String detail() {
    return detail;
  }
}

package dev.mirrorcheck.sync;

/** A property violated inside model code; carries the property id (for example {@code "S3"}). */
public class Violation extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String property;

  public Violation(String property, String message) {
    super(property + ": " + message);
    this.property = property;
  }

  public String property() {
    return property;
  }
}

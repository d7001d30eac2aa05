package dev.mirrorcheck.spec;

/**
 * One term of a conditional expectation, {@code if NAME RESULT}: the operation tagged {@code as NAME}
 * completed before the expecting operation started, with that result ({@code ok}: it did not fault,
 * {@code fault}, {@code done}: any result, or a value read or written).
 */
public final class Condition {
  /** What the named operation must have returned. */
  public enum Result {
    OK,
    FAULT,
    DONE,
    VALUE
  }

  private final String name;
  private final Result result;
  private final int value;

  Condition(String name, Result result, int value) {
    this.name = name;
    this.result = result;
    this.value = value;
  }

  /** The {@code as} name of the operation it depends on. */
  public String name() {
    return name;
  }

  public Result result() {
    return result;
  }

  /** The value for {@link Result#VALUE}. */
  public int value() {
    return value;
  }

  @Override
  public String toString() {
    return name + " " + (result == Result.VALUE ? Integer.toString(value)
        : result.name().toLowerCase(java.util.Locale.ROOT));
  }
}

package dev.mirrorcheck.jpf;

/** A problem in a JPF configuration, located: {@code jpf-configs/x.jpf:12: malformed line}. */
public final class JpfConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Origin origin;
  private final String problem;

  public JpfConfigException(Origin origin, String problem) {
    super(origin + ": " + problem);
    this.origin = origin;
    this.problem = problem;
  }

  public Origin origin() {
    return origin;
  }

  /** The message without its location. */
  public String problem() {
    return problem;
  }
}

package dev.mirrorcheck.jpf;

import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether our explorer and Java PathFinder agree on a configuration, for the right reason: both
 * complete without errors, or JPF's first error is about a property our explorer also finds
 * violated (a deadlock as L1/L4 through {@code NotDeadlockedProperty}, any other property as the
 * exception naming it). An error that names no property — a method JPF's class library lacks, a
 * crash inside JPF — is never agreement.
 */
public final class Agreement {
  /** The comparison's outcome. */
  public enum Status {
    AGREE("agree"),
    DISAGREE("DISAGREE"),
    JPF_INCOMPLETE("JPF incomplete"),
    JPF_COULD_NOT_RUN("JPF could not run it"),
    OURS_INCOMPLETE("ours incomplete");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Status status;
  private final String reason;

  private Agreement(Status status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  public Status status() {
    return status;
  }

  /** One sentence: what each engine said. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return status.label() + ": " + reason;
  }

  /** The property ids our explorer found violated, e.g. {@code [S1, S3]}. */
  public static Set<String> violated(Result ours) {
    Set<String> ids = new TreeSet<>();
    for (Finding f : ours.findings()) {
      if (f.property() != null) {
        ids.add(f.property());
      }
    }
    return ids;
  }

  /** How our explorer's result compares with JPF's run on the same configuration. */
  public static Agreement of(Result ours, RealJpf.Run jpf) {
    JpfLog log = jpf.log();
    if (jpf.killedAfter() > 0) {
      return new Agreement(Status.JPF_INCOMPLETE, "Java PathFinder was stopped after "
          + jpf.killedAfter() + " s without a result");
    }
    boolean oursDone = ours.verdict() == Result.Verdict.PASS
        || ours.verdict() == Result.Verdict.VIOLATION;
    if (!oursDone) {
      return new Agreement(Status.OURS_INCOMPLETE, "our explorer ended " + ours.verdict()
          + (ours.incompleteReason() == null ? "" : " (" + ours.incompleteReason() + ")"));
    }
    Set<String> ids = violated(ours);
    String oursSaid = ours.verdict() == Result.Verdict.PASS ? "our explorer finds no violation"
        : "our explorer finds " + (ids.isEmpty() ? "errors" : String.join(" ", ids));
    switch (log.outcome()) {
      case NO_RESULTS:
        return new Agreement(Status.JPF_COULD_NOT_RUN, "Java PathFinder ended (exit code "
            + jpf.exitCode() + ") without a results section");
      case CONSTRAINT:
        return new Agreement(Status.JPF_INCOMPLETE, "Java PathFinder's search was cut short (a "
            + "budget or depth limit) without finding an error; " + oursSaid);
      case NO_ERRORS:
        return ours.verdict() == Result.Verdict.PASS
            ? new Agreement(Status.AGREE, "both complete without errors")
            : new Agreement(Status.DISAGREE, "Java PathFinder completes without errors; "
                + oursSaid);
      default:
        return errors(log, ours, ids, oursSaid);
    }
  }

  private static Agreement errors(JpfLog log, Result ours, Set<String> ids, String oursSaid) {
    String id = log.propertyId();
    if (id == null) {
      String e = log.exception();
      String what = log.firstLine().isEmpty() ? String.valueOf(log.propertyClass()) : log.firstLine();
      if (e == null || isJpfGap(e)) {
        return new Agreement(Status.JPF_COULD_NOT_RUN, "Java PathFinder failed: " + what);
      }
      for (Finding f : ours.findings()) {
        if (f.kind() == Finding.Kind.EXCEPTION && f.message() != null && f.message().startsWith(e)) {
          return new Agreement(Status.AGREE, "both report " + e);
        }
      }
      return new Agreement(Status.DISAGREE, "Java PathFinder reports " + what + "; " + oursSaid);
    }
    boolean deadlock = JpfLog.NOT_DEADLOCKED.equals(log.propertyClass());
    boolean liveness = id.equals("L1") || id.equals("L4");
    if (ids.contains(id) && deadlock == liveness) {
      return new Agreement(Status.AGREE, "both find " + id + " ("
          + simpleName(log.propertyClass()) + ")");
    }
    String jpfSaid = "Java PathFinder finds " + id + " (" + simpleName(log.propertyClass()) + ")";
    if (ours.incompleteReason() != null) {
      // our search for every distinct violation stopped early: it may not have met this one yet
      return new Agreement(Status.OURS_INCOMPLETE, jpfSaid + "; " + oursSaid + " before its "
          + "search stopped (" + ours.incompleteReason() + ")");
    }
    return new Agreement(Status.DISAGREE, jpfSaid + "; " + oursSaid);
  }

  /** Linkage errors and JPF's own exceptions: JPF could not execute the program as written. */
  private static boolean isJpfGap(String exception) {
    return exception.startsWith("gov.nasa.jpf.") || exception.equals("java.lang.NoSuchMethodError")
        || exception.equals("java.lang.NoSuchFieldError")
        || exception.equals("java.lang.NoClassDefFoundError")
        || exception.equals("java.lang.UnsatisfiedLinkError")
        || exception.equals("java.lang.ClassFormatError")
        || exception.equals("java.lang.IncompatibleClassChangeError")
        || exception.equals("java.lang.ExceptionInInitializerError");
  }

  private static String simpleName(String className) {
    return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
  }
}

package dev.mirrorcheck.jpf;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.NativeRunner;
import java.util.List;

/**
 * Runs a harness once on plain threads, as a {@code main} under Java PathFinder or a JVM: a property
 * violated in an actor escapes its thread as an {@link AssertionError} (JPF's
 * {@code NoUncaughtExceptionsProperty}), actors blocked for good are JPF's
 * {@code NotDeadlockedProperty}, and failed end-of-run checks are thrown here, in {@code main}.
 */
public final class NativeMain {
  /** Seed of the native runtime's choices off JPF (under JPF, {@code Verify.getInt} chooses). */
  static final long SEED = 1L;

  private NativeMain() {}

  public static void run(Harness harness) throws InterruptedException {
    List<String> problems = NativeRunner.runOnce(harness, SEED);
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < problems.size(); i++) {
        sb.append(i == 0 ? "" : "; ").append(problems.get(i));
      }
      throw new AssertionError(sb.toString());
    }
  }

  /** Parses a count argument in {@code [min, max]}, trimmed; names it in the error. */
  static int count(String program, String name, String arg, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(arg.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(program + ": " + name + " must be an integer, got '" + arg
          + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(program + ": " + name + " must be in " + min + ".." + max
          + ", got " + n);
    }
    return n;
  }

  /** Parses {@code correct} or {@code buggy}; returns whether it is the buggy variant. */
  static boolean buggy(String program, String arg) {
    String v = arg.trim();
    if (v.equals("buggy")) {
      return true;
    }
    if (v.equals("correct")) {
      return false;
    }
    throw new IllegalArgumentException(program + ": variant must be correct or buggy, got '" + arg
        + "'");
  }
}

package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.StepLog;
import java.util.Locale;

/**
 * Reads the operations of a step log (as the explorer's runtime writes them): lock acquisitions and
 * releases, and writes to sequence counts.
 */
final class StepOps {
  private StepOps() {}

  /** Whether {@code a} took a mutex or rw-semaphore (a failed trylock logs the value {@code busy}). */
  static boolean acquires(StepLog.Access a) {
    String op = a.operation();
    return (op.equals("lock") || op.equals("down_read") || op.equals("down_write"))
        && !a.value().equals("busy");
  }

  static boolean releases(StepLog.Access a) {
    String op = a.operation();
    return op.equals("unlock") || op.equals("up_read") || op.equals("up_write");
  }

  /** Readers of an rw-semaphore share it; everything else excludes. */
  static boolean exclusive(StepLog.Access a) {
    return !a.operation().endsWith("_read");
  }

  /** Whether {@code a} changed a memory location (write, add, exchange, successful compare-exchange). */
  static boolean writes(StepLog.Access a) {
    String op = a.operation();
    return op.equals("write") || op.startsWith("add ") || op.equals("xchg")
        || op.startsWith("cmpxchg") && !a.value().startsWith("failed");
  }

  /** Whether {@code a} changed a sequence count: a write to an object whose name mentions "seq". */
  static boolean changesSeq(StepLog.Access a) {
    return writes(a) && a.object().toLowerCase(Locale.ROOT).contains("seq");
  }

  /** The value {@code a} left in its location ({@code xchg} logs {@code "new (was old)"}). */
  static String newValue(StepLog.Access a) {
    String v = a.value();
    int was = v.indexOf(" (was ");
    return a.operation().equals("xchg") && was >= 0 ? v.substring(0, was) : v;
  }

  /** The value before the access, when the log says it ({@code add} and {@code xchg}); else null. */
  static String oldValue(StepLog.Access a) {
    String op = a.operation();
    String v = a.value();
    if (op.equals("xchg") && v.endsWith(")") && v.contains(" (was ")) {
      return v.substring(v.indexOf(" (was ") + 6, v.length() - 1);
    }
    if (op.startsWith("add ")) {
      try {
        return Long.toString(Long.parseLong(v.trim()) - Long.parseLong(op.substring(4).trim()));
      } catch (NumberFormatException e) {
        return null; // not an integer cell: the old value is simply unknown
      }
    }
    return null;
  }

  /** Whether any access of {@code s} changed a sequence count. */
  static boolean changesSeq(StepLog.Step s) {
    for (StepLog.Access a : s.accesses()) {
      if (changesSeq(a)) {
        return true;
      }
    }
    return false;
  }
}

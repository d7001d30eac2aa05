package dev.mirrorcheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The short words every command prints for a spec's result, so that {@code check}, {@code compare}
 * and {@code mutants} describe the same run the same way.
 */
public final class Outcomes {
  private Outcomes() {}

  /**
   * For example {@code PASS}, {@code VIOLATION FOUND S3 (72 steps)}, {@code EXPECTED VIOLATION S1,
   * S3 (82 steps)}, {@code VACUOUS PASS: never reached read_retry}: the report's headline with the
   * distinct properties violated and the first counterexample's length.
   */
  public static String words(SpecReport r) {
    Outcome o = r.outcome();
    StringBuilder sb = new StringBuilder(o.headline());
    if (!r.counterexamples().isEmpty()) {
      sb.append(' ').append(String.join(", ", violated(r))).append(" (")
          .append(r.counterexamples().get(0).finding().steps()).append(" steps)");
    }
    if (o == Outcome.VACUOUS) {
      sb.append(": never reached ").append(String.join(", ", r.unreachedMustReach()));
    } else if (o == Outcome.MISSING_VIOLATION) {
      sb.append(": expected ").append(r.expectation().describe());
    } else if (o == Outcome.INCOMPLETE) {
      sb.append(" (").append(r.verdictReason()).append(')');
    }
    return sb.toString();
  }

  /** Property ids (or finding kinds) the run violated, in the order found, once each. */
  public static List<String> violated(SpecReport r) {
    List<String> out = new ArrayList<>();
    for (CounterexampleView cx : r.counterexamples()) {
      String id = SpecView.id(cx.finding());
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}

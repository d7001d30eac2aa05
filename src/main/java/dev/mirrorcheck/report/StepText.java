package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.StepLog;
import java.util.ArrayList;
import java.util.List;

/** A replayed step log as an aligned plain-text table (step, actor, label, object, op, value). */
public final class StepText {
  private static final String[] HEADER = {"step", "actor", "label", "object", "op", "value"};

  private StepText() {}

  /** The table, one line per access, each line prefixed by {@code indent}. */
  public static String table(List<StepLog.Step> steps, String indent) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (StepLog.Step s : steps) {
      String step = Integer.toString(s.index());
      if (s.accesses().isEmpty()) {
        rows.add(new String[] {step, s.actor(), s.label(), "", "", ""});
      }
      boolean first = true;
      for (StepLog.Access a : s.accesses()) {
        // Later accesses of a step leave step, actor and label blank so each step stands out.
        rows.add(first
            ? new String[] {step, s.actor(), s.label(), a.object(), a.operation(), a.value()}
            : new String[] {"", "", "", a.object(), a.operation(), a.value()});
        first = false;
      }
    }
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder(indent);
      sb.append(" ".repeat(width[0] - r[0].length())).append(r[0]);
      for (int i = 1; i < r.length; i++) {
        sb.append("  ").append(r[i]);
        if (i < r.length - 1) {
          sb.append(" ".repeat(width[i] - r[i].length()));
        }
      }
      out.append(sb.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.StepLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a replayed step log as an aligned table: step, actor, label, object, op, value. */
final class StepTable {
  private static final String[] HEADER = {"step", "actor", "label", "object", "op", "value"};

  private StepTable() {}

  static void print(PrintWriter out, List<StepLog.Step> steps, String indent) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (StepLog.Step s : steps) {
      String step = Integer.toString(s.index());
      if (s.accesses().isEmpty()) {
        rows.add(new String[] {step, s.actor(), s.label(), "", "", ""});
      }
      boolean first = true;
      for (StepLog.Access a : s.accesses()) {
        // Later accesses of the same step leave step/actor/label blank, so each step stands out.
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
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder(indent);
      sb.append(" ".repeat(width[0] - r[0].length())).append(r[0]); // step numbers right-aligned
      for (int i = 1; i < r.length; i++) {
        sb.append("  ").append(r[i]);
        if (i < r.length - 1) {
          sb.append(" ".repeat(width[i] - r[i].length()));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}

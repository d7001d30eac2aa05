package dev.mirrorcheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntPredicate;

/** Plain-text tables for the terminal: columns sized to their contents. */
final class Tables {
  private Tables() {}

  /** Prints {@code rows} (the first is the header); columns where {@code left} holds align left. */
  /** Adds {@code row} to {@code rows} and prints it at once: long benchmarks show rows as they go. */
  static void addAndShow(PrintWriter out, List<String[]> rows, String[] row) {
    rows.add(row);
    out.println("  " + String.join(" | ", row));
    out.flush();
  }

  static void print(PrintWriter out, List<String[]> rows, IntPredicate left) {
    int columns = 0;
    for (String[] r : rows) {
      columns = Math.max(columns, r.length);
    }
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String pad = " ".repeat(width[i] - r[i].length());
        sb.append(i == 0 ? "" : "  ").append(left.test(i) ? r[i] + pad : pad + r[i]);
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}

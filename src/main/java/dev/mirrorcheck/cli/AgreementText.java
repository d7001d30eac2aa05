package dev.mirrorcheck.cli;

import dev.mirrorcheck.report.AgreementTable;
import java.util.ArrayList;
import java.util.List;

/** The agreement table on the console: one line per configuration, columns sized to fit. */
final class AgreementText {
  private static final String[] HEADER = {"configuration", "ours", "exec", "ours s", "JPF",
      "JPF states", "JPF s", "status"};

  private AgreementText() {}

  static String text(AgreementTable t) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (AgreementTable.Row r : t.rows()) {
      rows.add(new String[] {r.config(),
          r.ourVerdict() + (r.ourProperties().isEmpty() ? "" : " " + String.join(" ",
              r.ourProperties())),
          String.format("%,d", r.ourExecutions()), seconds(r.ourMillis()),
          r.jpfOutcome() + (r.jpfPropertyId().isEmpty() ? "" : " " + r.jpfPropertyId()),
          r.jpfStates() < 0 ? "-" : String.format("%,d", r.jpfStates()), seconds(r.jpfMillis()),
          r.status() + (r.asExpected() ? "" : " (header expects otherwise)")});
    }
    int[] w = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean number = i == 2 || i == 3 || i == 5 || i == 6;
        String pad = " ".repeat(w[i] - r[i].length());
        line.append(i == 0 ? "" : "  ").append(number ? pad + r[i] : r[i] + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  static String seconds(long millis) {
    return String.format("%.1f", millis / 1000.0);
  }
}

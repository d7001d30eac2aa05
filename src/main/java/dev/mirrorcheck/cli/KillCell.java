package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.report.KillMatrix;

/** One cell of a kill matrix: what a mutant of one scenario violated, if anything. */
final class KillCell {
  final Result result;
  final Finding shown;
  final boolean catalogued;

  KillCell(Mutation m, Result result) {
    this.result = result;
    Finding best = null;
    boolean cat = false;
    // Prefer the shortest violation of a property the catalogue says this mutation breaks.
    for (Finding f : result.findings()) {
      boolean c = f.property() != null && m.breaks().contains(f.property());
      if (best == null || (c && !cat) || (c == cat && f.steps() < best.steps())) {
        best = f;
        cat = c;
      }
    }
    this.shown = best;
    this.catalogued = cat;
  }

  boolean killed() {
    return shown != null;
  }

  /** The cell as a kill matrix shows it, linking to {@code link} (empty: no report). */
  KillMatrix.Cell toMatrixCell(String link) {
    return killed()
        ? new KillMatrix.Cell(true, shown.property() == null ? shown.kind().name() : shown.property(),
            shown.steps(), catalogued, result.statistics().executions(), link)
        : new KillMatrix.Cell(false, "", 0, false, result.statistics().executions(), "");
  }

  String text() {
    if (!killed()) {
      return ".";
    }
    return (shown.property() == null ? shown.kind().name() : shown.property()) + "@" + shown.steps()
        + (catalogued ? "" : "*");
  }
}

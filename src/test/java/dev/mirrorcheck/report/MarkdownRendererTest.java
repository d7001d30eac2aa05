package dev.mirrorcheck.report;

import static dev.mirrorcheck.report.CalibrationReports.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Result;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Markdown report: tables that stay tables, verbatim code, flags and warnings. */
class MarkdownRendererTest {
  private static final String PASS = MarkdownRenderer.render(RUN, 0);
  private static final String VIOLATION = MarkdownRenderer.render(RUN, 1);

  @Test
  void violationShowsStepTableAndReplayCommand() {
    assertTrue(VIOLATION.startsWith("# calibration-buggy: VIOLATION FOUND\n"), VIOLATION);
    // The answer and the counterexample come before the property statements.
    assertTrue(VIOLATION.indexOf("## Counterexample #1") < VIOLATION.indexOf("## Properties"),
        VIOLATION);
    assertTrue(VIOLATION.contains("| step | actor | label | object | op | value |"), VIOLATION);
    assertTrue(VIOLATION.contains("| fault0 | fault:install | devPte\\["), VIOLATION);
    assertTrue(VIOLATION.contains("```sh\n./mirrorcheck replay "
        + "target/mirrorcheck/counterexamples/calibration-buggy-error1.json\n```"), VIOLATION);
    assertTrue(VIOLATION.contains("| **S3** | no use-after-free | **VIOLATED** (counterexample \\#1)"),
        VIOLATION);
    assertTrue(VIOLATION.contains("| mutations | M3: read_retry evaluated without the driver lock |"),
        VIOLATION);
  }

  @Test
  void unreachedLabelsAndWarningsAreFlagged() {
    for (String md : new String[] {PASS, VIOLATION}) {
      assertTrue(md.contains("> **Warnings**\n>\n> - " + CalibrationReports.WARNING), md);
      assertTrue(md.contains("| never_emitted | 0 |  | not reached |"), md);
    }
    assertTrue(VIOLATION.contains("| fault:read_retry | \u2717 NEVER REACHED  |"), VIOLATION);
  }

  @Test
  void sourceIsVerbatimInAFenceItCannotClose() {
    // The source holds ``` itself, so the fence must be longer.
    assertTrue(PASS.contains("````\n" + CalibrationReports.SOURCE + "````\n"), PASS);
  }

  @Test
  void everyTableRowHasTheColumnsOfItsHeader() {
    String md = MarkdownRenderer.render(run("a | b", "x|y\nz"), 0);
    int columns = -1;
    for (String line : md.split("\n")) {
      if (!line.startsWith("|")) {
        columns = -1;
        continue;
      }
      int cells = line.replace("\\|", "").split("\\|", -1).length;
      if (columns < 0) {
        columns = cells;
      }
      assertEquals(columns, cells, line);
    }
    assertTrue(md.contains("x\\|y z"), md);
  }

  @Test
  void tablePagesHaveAnUnescapedRuleUnderTheirHeader() {
    Table t = new Table("t", "Counts", null, java.util.List.of("status", "a | b", "n"), false)
        .rightAlign(2);
    t.row(java.util.List.of(Table.Cell.of("agree"), Table.Cell.of("x|y"), Table.Cell.number("2")));
    String md = TablePages.markdown(TablePage.builder("Page").table(t).build());
    assertTrue(md.contains("| status | a \\| b | n |\n|---|---|---:|\n| agree | x\\|y | 2 |\n"), md);
  }

  @Test
  void escapingKeepsIdentifiersReadable() {
    assertEquals("fault:read_begin", Escapes.markdown("fault:read_begin"));
    assertEquals("\\_x\\_", Escapes.markdown("_x_"));
    assertEquals("-1", Escapes.markdown("-1"));
    assertEquals("\\- item", Escapes.markdown("- item"));
    assertEquals("1\\. item", Escapes.markdown("1. item"));
    assertEquals("0.1.0", Escapes.markdown("0.1.0"));
    assertEquals("\\<b\\> \\&amp; \\`c\\`", Escapes.markdown("<b> &amp; `c`"));
    assertFalse(Escapes.markdown("a\nb").contains("\n"));
  }

  private static RunReport run(String warning, String option) {
    SpecReport spec = CalibrationReports.VIOLATION.toBuilder().warning(warning).option(option, option)
        .verdict(Result.Verdict.VIOLATION, option).build();
    return RunReport.builder("r", Instant.EPOCH).commandLine(java.util.List.of("a|b")).spec(spec)
        .build();
  }
}

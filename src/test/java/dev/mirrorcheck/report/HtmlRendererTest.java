package dev.mirrorcheck.report;

import static dev.mirrorcheck.report.CalibrationReports.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Result;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The HTML pages: self-contained, well-formed, escaped, and showing what a reviewer needs. */
class HtmlRendererTest {
  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final String PASS_PAGE = HtmlRenderer.render(RUN, 0);
  private static final String VIOLATION_PAGE = HtmlRenderer.render(RUN, 1);
  private static final String INDEX = IndexRenderer.render(RUN);

  @Test
  void pagesLoadNothingFromAnywhere() {
    for (String page : List.of(PASS_PAGE, VIOLATION_PAGE, INDEX)) {
      String lower = page.toLowerCase(Locale.ROOT);
      for (String banned : List.of("<script", "<link", "<img", "<iframe", "<object", "<embed",
          "src=", "@import", "@font-face", "xlink:href")) {
        assertFalse(lower.contains(banned), banned);
      }
      // The only URL-like text is the SVG namespace name, which is never fetched.
      assertEquals(lower.split("https?:", -1).length - 1,
          lower.split(Pattern.quote("http://www.w3.org/2000/svg"), -1).length - 1);
      Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(lower);
      while (url.find()) {
        assertTrue(url.group(1).startsWith("#"), url.group());
      }
      assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }
  }

  @Test
  void pagesAreWellFormedXmlWithInlineSvg() throws Exception {
    Document pass = Pages.parse(PASS_PAGE);
    assertEquals(0, pass.getElementsByTagNameNS(SVG_NS, "svg").getLength());
    Document violation = Pages.parse(VIOLATION_PAGE);
    NodeList svgs = violation.getElementsByTagNameNS(SVG_NS, "svg");
    assertEquals(1, svgs.getLength());
    Pages.parse(INDEX);
  }

  @Test
  void violationShowsStepTableDiagramAndReplayCommand() {
    String p = VIOLATION_PAGE;
    assertTrue(p.contains("<span class=\"badge\">VIOLATION FOUND</span>S3 (no use-after-free) is "
        + "violated: "), p);
    assertTrue(p.contains("Counterexample #1: S3 (no use-after-free) violated after"), p);
    assertTrue(p.contains("S3 violated (asserted by device): "), p);
    assertTrue(p.contains("<table class=\"steps\">"), p);
    assertTrue(p.contains("<td class=\"mono\">fault:install</td>"), p);
    assertTrue(p.contains("<code>./mirrorcheck replay "
        + "target/mirrorcheck/counterexamples/calibration-buggy-error1.json</code>"), p);
    assertTrue(p.contains("lock hand-off: "), p);
    assertTrue(p.contains("<a href=\"#cx1\">counterexample #1</a>"), p);
    assertTrue(p.contains("reproduced by a deterministic replay"), p);
  }

  @Test
  void theAnswerComesFirstAndStatementsFoldAway() {
    String p = VIOLATION_PAGE;
    int verdict = p.indexOf("id=\"verdict\"");
    int diagram = p.indexOf("<svg");
    int properties = p.indexOf("<h2>Properties</h2>");
    assertTrue(verdict > 0 && verdict < diagram && diagram < properties, p);
    assertTrue(p.contains("<details><summary>statement</summary>"
        + CalibrationReports.S3_STATEMENT + "</details>"), p);
    // A property not violated before the search stopped proves nothing: it is folded away.
    assertTrue(p.contains("<details><summary>1 not applicable to this design</summary>"), p);
    SpecReport more = CalibrationReports.VIOLATION.toBuilder()
        .property(PropertyVerdict.pass("S1", "mirror coherence", "the device maps what the CPU maps"))
        .build();
    String page = HtmlRenderer.render(run(more), 0);
    assertTrue(page.contains("<details><summary>1 other property was not violated before the search "
        + "stopped (not proven); 1 not applicable to this design</summary>"), page);
    assertFalse(PASS_PAGE.contains("<svg"), PASS_PAGE);
  }

  @Test
  void unreachedLabelsAndVacuityWarningsAreFlagged() {
    for (String p : List.of(PASS_PAGE, VIOLATION_PAGE)) {
      assertTrue(p.contains("<h2>Warnings</h2>"), p);
      assertTrue(p.contains("<li>" + CalibrationReports.WARNING + "</li>"), p);
      assertTrue(p.contains("<tr class=\"unreached\"><td class=\"mono\">"
          + CalibrationReports.UNEMITTED_STEP + "</td><td class=\"num\">0</td>"), p);
      assertTrue(p.contains("protocol steps of design calibration were reached; every step of the "
          + "design is listed, reached or not."), p);
    }
    // Without the retry check, the buggy variant never executes it: a must-reach step not reached.
    assertTrue(VIOLATION_PAGE.contains("<td class=\"mono\">fault:read_retry</td><td><span "
        + "class=\"status-bad\">\u2717 NEVER REACHED</span>"), VIOLATION_PAGE);
    assertTrue(VIOLATION_PAGE.contains("<tr class=\"bad\"><td class=\"mono\">read_retry <span "
        + "class=\"tag\">must-reach</span></td><td class=\"num\">0</td>"), VIOLATION_PAGE);
  }

  @Test
  void passIsConclusiveOnlyForAPassVerdict() {
    assertTrue(PASS_PAGE.contains("<span class=\"status-good\">PASS</span>"), PASS_PAGE);
    assertTrue(PASS_PAGE.contains("holds in every interleaving"), PASS_PAGE);
    SpecReport bounded = CalibrationReports.PASS.toBuilder()
        .verdict(Result.Verdict.BOUND_HIT, "3 execution(s) reached the step bound; raise it").build();
    String page = HtmlRenderer.render(run(bounded), 0);
    assertTrue(page.contains("BOUND HIT (not a pass)"), page);
    assertTrue(page.contains("not violated"), page);
    assertFalse(page.contains("holds in every interleaving"), page);
  }

  @Test
  void anExpectedViolationIsNotAFailure() {
    SpecReport expected = CalibrationReports.VIOLATION.toBuilder()
        .expectation(Expectation.violation(List.of("S3"), "specs/calibration-buggy.yaml:12",
            "Finding: the buggy variant drops the retry check.", "specs/calibration-buggy.yaml lines 1-2"))
        .build();
    RunReport run = RunReport.builder("r", Instant.EPOCH).spec(CalibrationReports.PASS).spec(expected)
        .build();
    String page = HtmlRenderer.render(run, 1);
    assertTrue(page.contains("<div class=\"verdict expected\" id=\"verdict\">"), page);
    assertTrue(page.contains("<span class=\"badge\">EXPECTED VIOLATION</span>"), page);
    assertTrue(page.contains("Why: Finding: the buggy variant drops the retry check. "
        + "(specs/calibration-buggy.yaml lines 1-2)"), page);
    String index = IndexRenderer.render(run);
    assertTrue(index.contains("<span class=\"badge\">PASS</span>") && index.contains("exit code 0"),
        index);
    assertTrue(index.contains("<span class=\"pill expected\">EXPECTED VIOLATION</span>"), index);
    assertTrue(index.contains("Explained in specs/calibration-buggy.yaml lines 1-2."), index);
  }

  @Test
  void userTextIsEscaped() throws Exception {
    String evil = "<script>alert('x')</script> & \"q\"\u0001";
    SpecReport spec = SpecReport.builder(evil)
        .source("specs/" + evil, "</pre><script>alert(1)</script>")
        .design(evil).mutation("M3", evil).option(evil, evil).engine(evil)
        .statistics(CalibrationReports.PASS.statistics()).verdict(Result.Verdict.PASS, evil)
        .property(PropertyVerdict.pass("S1", evil, evil)).coverage(java.util.Map.of(evil, 1L))
        .labels(List.of(evil + "2")).warning(evil).build();
    RunReport run = RunReport.builder("r", Instant.EPOCH).toolVersion(evil).jvm(evil)
        .commandLine(List.of(evil)).spec(spec).build();
    for (String page : List.of(HtmlRenderer.render(run, 0), IndexRenderer.render(run))) {
      assertFalse(page.toLowerCase(Locale.ROOT).contains("<script"), page);
      assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"),
          page);
      Pages.parse(page);
    }
  }

  private static RunReport run(SpecReport spec) {
    return RunReport.builder("r", Instant.EPOCH).spec(spec).build();
  }
}

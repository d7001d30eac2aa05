package dev.mirrorcheck.report;

/**
 * A spec's report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or images
 * from anywhere, and a Content-Security-Policy that forbids fetching any.
 */
public final class HtmlRenderer {
  private HtmlRenderer() {}

  /** The page for spec number {@code index} of {@code run}. */
  public static String render(RunReport run, int index) {
    return Templates.HTML.render("report.html.mustache", SpecView.of(run, index, true));
  }
}

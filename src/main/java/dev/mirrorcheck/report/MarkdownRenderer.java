package dev.mirrorcheck.report;

/** A spec's report as Markdown (for pasting into a review); the diagram is only in the HTML page. */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  /** The Markdown for spec number {@code index} of {@code run}. */
  public static String render(RunReport run, int index) {
    return Templates.MARKDOWN.render("report.md.mustache", SpecView.of(run, index, false));
  }
}

package dev.mirrorcheck.report;

/** The run's {@code index.html}: one table row per spec, linking to its report. */
public final class IndexRenderer {
  private IndexRenderer() {}

  public static String render(RunReport run) {
    return Templates.HTML.render("index.html.mustache", RunView.index(run));
  }
}

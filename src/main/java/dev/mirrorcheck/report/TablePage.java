package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A page made of tables (the design comparison, a kill matrix, an agreement table): a title, the
 * answer in a badge and a sentence, paragraphs that say how the numbers were made, links, and the
 * tables. {@link TablePages} renders it as HTML, Markdown or console text on the same templates and
 * styles as the spec reports.
 */
public final class TablePage {
  /** A link shown under the title (to the run's index, the JSON, ...). */
  public record Link(String text, String href) {}

  private final String title;
  private final String headline;
  private final String css;
  private final String sentence;
  private final ImmutableList<String> paragraphs;
  private final ImmutableList<Link> links;
  private final ImmutableList<Table> tables;
  private final String footer;

  private TablePage(Builder b) {
    title = b.title;
    headline = b.headline;
    css = b.css;
    sentence = b.sentence;
    paragraphs = ImmutableList.copyOf(b.paragraphs);
    links = ImmutableList.copyOf(b.links);
    tables = ImmutableList.copyOf(b.tables);
    footer = b.footer;
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public String title() {
    return title;
  }

  /** The badge, such as PASS or FAILED, or null for a page without a verdict. */
  public String headline() {
    return headline;
  }

  /** The badge's style: good, bad, warn or expected. */
  public String css() {
    return css;
  }

  /** One sentence saying what the badge means. */
  public String sentence() {
    return sentence;
  }

  public ImmutableList<String> paragraphs() {
    return paragraphs;
  }

  public ImmutableList<Link> links() {
    return links;
  }

  public ImmutableList<Table> tables() {
    return tables;
  }

  /** A last line, such as who wrote the page, or null. */
  public String footer() {
    return footer;
  }

  /** Collects a page. */
  public static final class Builder {
    private final String title;
    private String headline;
    private String css = "good";
    private String sentence = "";
    private final List<String> paragraphs = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private String footer;

    private Builder(String title) {
      this.title = Objects.requireNonNull(title);
    }

    public Builder verdict(String headline, String css, String sentence) {
      this.headline = headline;
      this.css = css;
      this.sentence = sentence;
      return this;
    }

    public Builder paragraph(String v) {
      paragraphs.add(v);
      return this;
    }

    public Builder link(String text, String href) {
      links.add(new Link(text, href));
      return this;
    }

    /** Adds a table; an empty one is left out. */
    public Builder table(Table t) {
      if (!t.isEmpty()) {
        tables.add(t);
      }
      return this;
    }

    public Builder footer(String v) {
      footer = v;
      return this;
    }

    public TablePage build() {
      return new TablePage(this);
    }
  }
}

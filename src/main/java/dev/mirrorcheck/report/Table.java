package dev.mirrorcheck.report;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * A titled table for the pages made of tables (compare, kill matrices, agreement tables): every
 * renderer (HTML, Markdown, console text) draws the same cells. Numbers are right-aligned; a cell may
 * carry a style (good, bad, warn, expected, na, miss), a link and a tooltip.
 */
public final class Table {
  /** One cell. {@code css} and {@code href} may be empty. */
  public record Cell(String text, String css, String href, String tip, boolean numeric) {
    public Cell {
      text = text == null ? "" : text;
      css = css == null ? "" : css;
      href = href == null ? "" : href;
      tip = tip == null ? "" : tip;
    }

    public static Cell of(String text) {
      return new Cell(text, "", "", "", false);
    }

    public static Cell number(String text) {
      return new Cell(text, "", "", "", true);
    }

    public static Cell styled(String text, String css) {
      return new Cell(text, css, "", "", false);
    }

    public Cell link(String url) {
      return new Cell(text, css, url, tip, numeric);
    }

    public Cell tip(String v) {
      return new Cell(text, css, href, v, numeric);
    }
  }

  private final String id;
  private final String title;
  private final String note;
  private final ImmutableList<String> header;
  private final boolean[] numeric;
  private final boolean matrix;
  private final List<ImmutableList<Cell>> rows = new ArrayList<>();

  /**
   * A table with an anchor {@code id}, a {@code title}, an optional {@code note} under it and the
   * column names; {@code matrix} tables scroll inside the page with sticky header row and first
   * column, for when they are wider than a screen.
   */
  public Table(String id, String title, String note, List<String> header, boolean matrix) {
    this.id = id;
    this.title = title;
    this.note = note;
    this.header = ImmutableList.copyOf(header);
    this.numeric = new boolean[header.size()];
    this.matrix = matrix;
  }

  /** Right-aligns column {@code i} (header included). */
  public Table rightAlign(int... columns) {
    for (int c : columns) {
      numeric[c] = true;
    }
    return this;
  }

  public Table row(List<Cell> cells) {
    Preconditions.checkArgument(cells.size() == header.size(), "%s: a row of %s cells for %s columns",
        title, cells.size(), header.size());
    rows.add(ImmutableList.copyOf(cells));
    return this;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The note under the title, or null. */
  public String note() {
    return note;
  }

  public ImmutableList<String> header() {
    return header;
  }

  public boolean numeric(int column) {
    return numeric[column];
  }

  public boolean matrix() {
    return matrix;
  }

  public List<ImmutableList<Cell>> rows() {
    return List.copyOf(rows);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }
}

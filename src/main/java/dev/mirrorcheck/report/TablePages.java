package dev.mirrorcheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link TablePage}: HTML and Markdown on the report templates ({@code tables.html.mustache},
 * {@code tables.md.mustache}, the shared style sheet), and console text with aligned columns.
 */
public final class TablePages {
  private TablePages() {}

  /** A self-contained HTML page. */
  public static String html(TablePage page) {
    return Templates.HTML.render("tables.html.mustache", scope(page));
  }

  /** Markdown, for pasting into a review. */
  public static String markdown(TablePage page) {
    return Templates.MARKDOWN.render("tables.md.mustache", scope(page));
  }

  /** The tables as console text: a title line, then aligned columns (numbers right-aligned). */
  public static String text(TablePage page) {
    StringBuilder sb = new StringBuilder();
    for (Table t : page.tables()) {
      sb.append(t.title()).append(":\n");
      List<List<String>> all = new ArrayList<>();
      all.add(t.header());
      for (List<Table.Cell> r : t.rows()) {
        List<String> texts = new ArrayList<>();
        r.forEach(c -> texts.add(c.text()));
        all.add(texts);
      }
      int[] w = new int[t.header().size()];
      for (List<String> r : all) {
        for (int i = 0; i < r.size(); i++) {
          w[i] = Math.max(w[i], r.get(i).length());
        }
      }
      for (List<String> r : all) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < r.size(); i++) {
          String pad = " ".repeat(w[i] - r.get(i).length());
          line.append(' ').append(t.numeric(i) ? pad + r.get(i) : r.get(i) + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static Map<String, Object> scope(TablePage page) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", page.title());
    m.put("hasVerdict", page.headline() != null);
    m.put("headline", page.headline() == null ? "" : page.headline());
    m.put("css", page.css());
    m.put("sentence", page.sentence());
    m.put("paragraphs", page.paragraphs());
    List<Map<String, Object>> links = new ArrayList<>();
    page.links().forEach(l -> links.add(Map.of("text", l.text(), "href", l.href())));
    m.put("links", links);
    m.put("hasLinks", !links.isEmpty());
    List<Map<String, Object>> toc = new ArrayList<>();
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Table t : page.tables()) {
      toc.add(Map.of("id", t.id(), "title", t.title()));
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", t.id());
      tm.put("title", t.title());
      tm.put("note", t.note() == null ? "" : t.note());
      tm.put("hasNote", t.note() != null);
      tm.put("matrix", t.matrix());
      List<Map<String, Object>> header = new ArrayList<>();
      for (int i = 0; i < t.header().size(); i++) {
        header.add(Map.of("text", t.header().get(i), "css", t.numeric(i) ? "num" : ""));
      }
      tm.put("header", header);
      tm.put("mdRule", mdRule(t));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (List<Table.Cell> r : t.rows()) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
          Table.Cell c = r.get(i);
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("text", c.text());
          String css = (t.numeric(i) || c.numeric() ? "num " : "")
              + (c.css().isEmpty() ? "" : "cell-" + c.css());
          cm.put("css", css.trim());
          cm.put("href", c.href());
          cm.put("hasHref", !c.href().isEmpty());
          cm.put("tip", c.tip());
          cm.put("hasTip", !c.tip().isEmpty());
          cells.add(cm);
        }
        rows.add(Map.of("cells", cells));
      }
      tm.put("rows", rows);
      tables.add(tm);
    }
    m.put("toc", toc);
    m.put("hasToc", toc.size() > 2);
    m.put("tables", tables);
    m.put("footer", page.footer() == null ? "" : page.footer());
    m.put("hasFooter", page.footer() != null);
    return m;
  }

  private static String mdRule(Table t) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < t.header().size(); i++) {
      sb.append(t.numeric(i) ? "---:|" : "---|");
    }
    return sb.toString();
  }
}

package dev.mirrorcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.html.HtmlEscapers;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.explore.Statistics;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link CompareCommand.Comparison} as console text, Markdown, HTML and JSON. */
final class CompareReport {
  private CompareReport() {}

  /** A titled table; every renderer draws the same ones. */
  private static final class Table {
    final String title;
    final String note;
    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();

    Table(String title, String note, List<String> header) {
      this.title = title;
      this.note = note;
      this.header = header;
    }
  }

  static String text(CompareCommand.Comparison c) {
    StringBuilder sb = new StringBuilder();
    for (Table t : tables(c)) {
      sb.append(t.title).append(":\n");
      int[] w = new int[t.header.size()];
      for (List<String> r : withHeader(t)) {
        for (int i = 0; i < r.size(); i++) {
          w[i] = Math.max(w[i], r.get(i).length());
        }
      }
      for (List<String> r : withHeader(t)) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < r.size(); i++) {
          line.append(' ').append(String.format("%-" + w[i] + "s", r.get(i)));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static void write(CompareCommand.Comparison c, Path dir, boolean quick, boolean noMutants) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("compare.md"), markdown(c), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("compare.html"), html(c), StandardCharsets.UTF_8);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("compare.json").toFile(), json(c, quick, noMutants));
    } catch (IOException ex) {
      throw new UserError("cannot write the comparison under " + dir + ": " + ex.getMessage());
    }
  }

  private static List<List<String>> withHeader(Table t) {
    List<List<String>> all = new ArrayList<>();
    all.add(t.header);
    all.addAll(t.rows);
    return all;
  }

  private static List<Table> tables(CompareCommand.Comparison c) {
    List<Table> out = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("scenario"));
    for (Design d : Design.values()) {
      header.add(d.word());
    }
    Table verdicts = new Table("Verdicts per design",
        "Each scenario explored exhaustively in every design that supports it ('-': not supported; "
            + "see the last table). '(expected)' marks a violation the spec declares with 'expect:'.",
        header);
    Table sizes = new Table("State space and time per design",
        "Executions and transitions the explorer needed to cover every trace (partial-order "
            + "reduced), and wall time.",
        List.of("scenario", "design", "verdict", "executions", "transitions", "time ms"));
    List<String> propHeader = new ArrayList<>(List.of("scenario", "design"));
    PropertyCatalog.all().forEach(p -> propHeader.add(p.id()));
    Table props = new Table("Properties per design",
        "pass: no violation in any trace; VIOLATED; ?: no violation found, but the run was not a "
            + "pass; n/a: not stated for the design.", propHeader);
    Table unsupported = new Table("Designs that do not support a scenario", null,
        List.of("scenario", "design", "why"));
    for (Map.Entry<Spec, Map<Design, CompareCommand.Comparison.Pair>> row : c.rows.entrySet()) {
      List<String> v = new ArrayList<>(List.of(row.getKey().name()));
      for (Design d : Design.values()) {
        CompareCommand.Comparison.Pair p = row.getValue().get(d);
        if (!p.supported()) {
          v.add("-");
          unsupported.rows.add(List.of(row.getKey().name(), d.word(), oneLine(p.unsupported)));
          continue;
        }
        SpecCheck.Outcome r = p.outcome;
        v.add(CompareCommand.Comparison.describe(r));
        Statistics s = r.result.statistics();
        sizes.rows.add(List.of(row.getKey().name(), d.word(), r.result.verdict().name(),
            String.format("%,d", s.executions()), String.format("%,d", s.transitions()),
            Long.toString(r.millis)));
        List<String> pr = new ArrayList<>(List.of(row.getKey().name(), d.word()));
        List<String> violated = CompareCommand.Comparison.violated(r);
        for (Property prop : PropertyCatalog.all()) {
          pr.add(!prop.appliesTo(d) ? "n/a" : violated.contains(prop.id()) ? "VIOLATED"
              : r.result.verdict() == Result.Verdict.PASS ? "pass" : "?");
        }
        props.rows.add(pr);
      }
      verdicts.rows.add(v);
    }
    out.add(verdicts);
    out.add(sizes);
    out.add(totals(c));
    out.add(props);
    for (Map.Entry<Design, Map<Mutation, Map<Spec, KillCell>>> k : c.kills.entrySet()) {
      out.add(killTable(k.getKey(), k.getValue(), c.variants(k.getKey()), c.survivors()));
    }
    if (!unsupported.rows.isEmpty()) {
      out.add(unsupported);
    }
    return out;
  }

  /** Sums over the scenarios every RDMA design supports: the like-for-like cost of each design. */
  private static Table totals(CompareCommand.Comparison c) {
    Table t = new Table("Like-for-like totals",
        "Sums over the scenarios that run in every one of these designs (those sharing a scenario "
            + "with another design): the same CPU operations, faults and device accesses in each.",
        List.of("design", "scenarios", "executions", "transitions", "time ms"));
    java.util.Set<Design> designs = java.util.EnumSet.noneOf(Design.class);
    for (Map<Design, CompareCommand.Comparison.Pair> row : c.rows.values()) {
      List<Design> supporting = new ArrayList<>();
      row.forEach((d, p) -> {
        if (p.supported()) {
          supporting.add(d);
        }
      });
      if (supporting.size() > 1) {
        designs.addAll(supporting);
      }
    }
    for (Design d : designs) {
      long n = 0;
      long ex = 0;
      long tr = 0;
      long ms = 0;
      for (Map<Design, CompareCommand.Comparison.Pair> row : c.rows.values()) {
        boolean common = designs.stream().allMatch(x -> row.get(x).supported());
        if (common) {
          SpecCheck.Outcome r = row.get(d).outcome;
          n++;
          ex += r.result.statistics().executions();
          tr += r.result.statistics().transitions();
          ms += r.millis;
        }
      }
      t.rows.add(List.of(d.word(), Long.toString(n), String.format("%,d", ex),
          String.format("%,d", tr), Long.toString(ms)));
    }
    return t;
  }

  private static Table killTable(Design d, Map<Mutation, Map<Spec, KillCell>> matrix,
      List<Spec> variants, java.util.Set<Mutation> survivors) {
    List<String> header = new ArrayList<>(List.of("mutation", "verdict"));
    variants.forEach(v -> header.add(v.name()));
    Table t = new Table("Kill matrix, design " + d.word(),
        "property@steps of the counterexample ('*': not a property the catalogue names for the "
            + "mutation; '.': not caught; blank: not run). 'not killed here': this design's "
            + "scenarios miss it, another design's kill it.", header);
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      boolean killed = row.getValue().values().stream().anyMatch(KillCell::killed);
      List<String> r = new ArrayList<>(List.of(row.getKey().id(), killed ? "killed"
          : survivors.contains(row.getKey()) ? "SURVIVED" : "not killed here"));
      for (Spec v : variants) {
        KillCell cell = row.getValue().get(v);
        r.add(cell == null ? "" : cell.text());
      }
      t.rows.add(r);
    }
    return t;
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }

  private static String markdown(CompareCommand.Comparison c) {
    StringBuilder sb = new StringBuilder("# Design comparison\n\n");
    for (Table t : tables(c)) {
      sb.append("## ").append(t.title).append("\n\n");
      if (t.note != null) {
        sb.append(t.note).append("\n\n");
      }
      sb.append(mdRow(t.header)).append("|---".repeat(t.header.size())).append("|\n");
      for (List<String> r : t.rows) {
        sb.append(mdRow(r));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String mdRow(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    return sb.append('\n').toString();
  }

  private static String html(CompareCommand.Comparison c) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>mirrorcheck design comparison</title><style>"
        + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
        + "table{border-collapse:collapse;margin-bottom:2em;font-size:90%}"
        + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f0f0}"
        + ".bad{background:#fdd}.good{background:#dfd}.na{color:#999}</style></head><body>\n"
        + "<h1>Design comparison</h1>\n");
    for (Table t : tables(c)) {
      sb.append("<h2>").append(esc(t.title)).append("</h2>\n");
      if (t.note != null) {
        sb.append("<p>").append(esc(t.note)).append("</p>\n");
      }
      sb.append("<table><tr>");
      t.header.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
      sb.append("</tr>\n");
      for (List<String> r : t.rows) {
        sb.append("<tr>");
        for (String cell : r) {
          sb.append("<td").append(cssClass(cell)).append('>').append(esc(cell)).append("</td>");
        }
        sb.append("</tr>\n");
      }
      sb.append("</table>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static String cssClass(String cell) {
    if (cell.contains("NOT as expected") || cell.equals("SURVIVED") || cell.startsWith("VACUOUS")) {
      return " class=\"bad\"";
    }
    if (cell.startsWith("PASS") || cell.equals("pass") || cell.equals("killed")) {
      return " class=\"good\"";
    }
    return cell.equals("n/a") || cell.equals("-") ? " class=\"na\"" : "";
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  private static ObjectNode json(CompareCommand.Comparison c, boolean quick, boolean noMutants) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", "mirrorcheck-compare/1");
    root.put("quick", quick);
    root.put("mutants", !noMutants);
    ArrayNode scenarios = root.putArray("scenarios");
    for (Map.Entry<Spec, Map<Design, CompareCommand.Comparison.Pair>> row : c.rows.entrySet()) {
      ObjectNode s = scenarios.addObject();
      s.put("scenario", row.getKey().name());
      s.put("file", row.getKey().file());
      ObjectNode designs = s.putObject("designs");
      for (Map.Entry<Design, CompareCommand.Comparison.Pair> e : row.getValue().entrySet()) {
        ObjectNode d = designs.putObject(e.getKey().word());
        CompareCommand.Comparison.Pair p = e.getValue();
        d.put("supported", p.supported());
        if (!p.supported()) {
          d.put("why", p.unsupported);
          continue;
        }
        SpecCheck.Outcome r = p.outcome;
        d.put("verdict", r.result.verdict().name());
        d.put("vacuous", r.vacuous());
        d.put("asExpected", r.asExpected());
        d.put("executions", r.result.statistics().executions());
        d.put("transitions", r.result.statistics().transitions());
        d.put("millis", r.millis);
        ArrayNode v = d.putArray("violated");
        CompareCommand.Comparison.violated(r).forEach(v::add);
      }
    }
    ObjectNode kills = root.putObject("killMatrix");
    for (Map.Entry<Design, Map<Mutation, Map<Spec, KillCell>>> k : c.kills.entrySet()) {
      ArrayNode rows = kills.putArray(k.getKey().word());
      for (Map.Entry<Mutation, Map<Spec, KillCell>> row : k.getValue().entrySet()) {
        ObjectNode r = rows.addObject();
        r.put("id", row.getKey().id());
        r.put("killed", row.getValue().values().stream().anyMatch(KillCell::killed));
        ObjectNode cells = r.putObject("scenarios");
        for (Map.Entry<Spec, KillCell> cell : row.getValue().entrySet()) {
          cells.put(cell.getKey().name(), cell.getValue().text());
        }
      }
    }
    return root;
  }
}

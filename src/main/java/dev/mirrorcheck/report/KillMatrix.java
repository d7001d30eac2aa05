package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutations against scenarios: for each catalogue mutation, what each scenario's run with it switched
 * on found. A cell is killed when the run found a violation; the property it names and the
 * counterexample's length are shown as {@code S3@72}, with {@code *} when the property is not one the
 * catalogue names for the mutation, or {@code .} when the scenario did not catch it.
 */
public final class KillMatrix {
  /** A scenario the mutations ran against, with its (correct protocol) report, if written. */
  public record Column(String scenario, String link) {}

  /**
   * One mutant run: whether it caught the mutation, with which property (or finding kind) after
   * how many steps, whether the catalogue names that property for the mutation, how many executions
   * the run took and the report of the run (empty when none was written).
   */
  public record Cell(boolean killed, String property, int steps, boolean catalogued, long executions,
      String link) {
    /** {@code S3@72}, {@code S3@72*} or {@code .}. */
    public String text() {
      return killed ? property + "@" + steps + (catalogued ? "" : "*") : ".";
    }
  }

  /**
   * One mutation: its id and title, its status over this matrix ({@code killed}, {@code SURVIVED},
   * or {@code not killed here} when another design's scenarios kill it) and its cells by scenario.
   */
  public record Row(String mutation, String title, String status, ImmutableMap<String, Cell> cells) {
    public boolean killed() {
      for (Cell c : cells.values()) {
        if (c.killed()) {
          return true;
        }
      }
      return false;
    }
  }

  private final String title;
  private final ImmutableList<Column> columns;
  private final ImmutableList<Row> rows;

  public KillMatrix(String title, List<Column> columns, List<Row> rows) {
    this.title = title;
    this.columns = ImmutableList.copyOf(columns);
    this.rows = ImmutableList.copyOf(rows);
  }

  public String title() {
    return title;
  }

  public ImmutableList<Column> columns() {
    return columns;
  }

  public ImmutableList<Row> rows() {
    return rows;
  }

  /** Row status for a mutation that some cell killed, none killed here, or none killed anywhere. */
  public static String status(boolean killedHere, boolean killedAnywhere) {
    return killedHere ? "killed" : killedAnywhere ? "not killed here" : "SURVIVED";
  }

  /** The matrix as a page table: mutations down, scenarios across, coloured and linked cells. */
  public Table table(String id, String note) {
    List<String> header = new ArrayList<>(List.of("mutation", "status"));
    columns.forEach(c -> header.add(c.scenario()));
    Table t = new Table(id, title, note, header, true);
    for (Row r : rows) {
      List<Table.Cell> cells = new ArrayList<>();
      cells.add(Table.Cell.of(r.mutation()).tip(r.title()));
      cells.add(Table.Cell.styled(r.status(), r.status().equals("killed") ? "good"
          : r.status().equals("SURVIVED") ? "bad" : "warn"));
      for (Column c : columns) {
        Cell cell = r.cells().get(c.scenario());
        if (cell == null) {
          cells.add(Table.Cell.styled("", "na").tip("not run"));
        } else if (!cell.killed()) {
          cells.add(Table.Cell.styled(".", "miss").tip("not caught in "
              + Formats.count(cell.executions()) + " executions"));
        } else {
          cells.add(Table.Cell.styled(cell.text(), cell.catalogued() ? "good" : "warn")
              .link(cell.link()).tip(r.mutation() + " caught by " + c.scenario() + ": "
                  + cell.property() + " after " + cell.steps() + " steps"));
        }
      }
      t.row(cells);
    }
    return t;
  }

  /** The matrix as JSON-ready maps: per mutation its id, whether it was killed, its cells' text. */
  public List<Map<String, Object>> jsonRows() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.mutation());
      m.put("killed", r.killed());
      Map<String, String> cells = new LinkedHashMap<>();
      r.cells().forEach((k, v) -> cells.put(k, v.text()));
      m.put("scenarios", cells);
      out.add(m);
    }
    return out;
  }
}

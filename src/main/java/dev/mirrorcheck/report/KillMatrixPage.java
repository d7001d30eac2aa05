package dev.mirrorcheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mirrorcheck mutants} writes next to the correct-protocol reports: kill-matrix.html and
 * .md (a {@link TablePage}) and kill-matrix.json ({@value #SCHEMA}).
 */
public final class KillMatrixPage {
  /** The value of the top-level {@code "schema"} field of kill-matrix.json. */
  public static final String SCHEMA = "mirrorcheck-kill-matrix/2";

  private KillMatrixPage() {}

  /** The page: verdict, how the runs were made, the matrix linked to every run's report. */
  public static TablePage page(KillMatrix m, RunReport correct, boolean quick, String options) {
    List<String> survived = new ArrayList<>();
    List<String> uncatalogued = new ArrayList<>();
    for (KillMatrix.Row r : m.rows()) {
      if (!r.killed()) {
        survived.add(r.mutation());
      } else if (r.cells().values().stream().noneMatch(c -> c.killed() && c.catalogued())) {
        uncatalogued.add(r.mutation());
      }
    }
    TablePage.Builder b = TablePage.builder("Kill matrix").link("correct-protocol reports",
        "index.html").link("kill-matrix.md", "kill-matrix.md").link("kill-matrix.json",
        "kill-matrix.json");
    Outcome worst = correct.outcome();
    if (!survived.isEmpty() || !uncatalogued.isEmpty() || worst.exitCode() == 1) {
      b.verdict("FAILED", "bad", (survived.isEmpty() ? "" : "Survived every scenario: "
          + String.join(", ", survived) + ". ") + (uncatalogued.isEmpty() ? ""
              : "Caught only through a property the catalogue does not name: "
                  + String.join(", ", uncatalogued) + ". ") + (worst.exitCode() == 1
                      ? "The correct protocol is not as a spec expects (see the reports)." : ""));
    } else if (worst.exitCode() == 3) {
      b.verdict("NOT A PASS", "warn", "Every mutation is killed, but a correct-protocol run is not "
          + "a proof (see the reports).");
    } else {
      b.verdict("PASS", "good", "Every mutation is killed with a property the catalogue names, and "
          + "the correct protocol behaves as every spec expects (" + RunView.summary(correct) + ").");
    }
    b.paragraph("The correct protocol ran as 'mirrorcheck check' runs it (" + options + "). Each "
        + "mutant run collects distinct violations until one of a property the catalogue names for "
        + "the mutation shows up" + (quick ? "; only the pairs each spec designates with 'kills:' "
            + "ran (--quick)." : "."));
    b.table(m.table("kills", "property@steps of the counterexample; *: a property the catalogue "
        + "does not name for the mutation; '.': not caught; blank: not run. Cells link to the mutant "
        + "run's report; hover a mutation for its title."));
    Table columns = new Table("scenarios", "Scenarios", null, List.of("scenario", "verdict "
        + "(correct protocol)", "executions"), false).rightAlign(2);
    for (KillMatrix.Column c : m.columns()) {
      SpecReport r = null;
      for (SpecReport s : correct.specs()) {
        if (s.name().equals(c.scenario())) {
          r = s;
        }
      }
      if (r != null) {
        columns.row(List.of(Table.Cell.of(c.scenario()).link(c.link()),
            Table.Cell.styled(Outcomes.words(r), r.outcome().css()),
            Table.Cell.number(Formats.count(r.statistics().executions()))));
      }
    }
    b.table(columns);
    return b.build();
  }

  /** Writes kill-matrix.html, .md and .json into {@code dir}. */
  public static void write(KillMatrix m, RunReport correct, boolean quick, String options, Path dir)
      throws IOException {
    TablePage page = page(m, correct, quick, options);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kill-matrix.html"), TablePages.html(page), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("kill-matrix.md"), TablePages.markdown(page), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("kill-matrix.json"), json(m, quick), StandardCharsets.UTF_8);
  }

  /** kill-matrix.json: per mutation its title, whether it was killed, and every cell. */
  static String json(KillMatrix m, boolean quick) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("quick", quick);
    ArrayNode rows = root.putArray("mutations");
    for (KillMatrix.Row r : m.rows()) {
      ObjectNode o = rows.addObject();
      o.put("id", r.mutation()).put("title", r.title()).put("killed", r.killed());
      ArrayNode cells = o.putArray("scenarios");
      r.cells().forEach((scenario, c) -> {
        ObjectNode cell = cells.addObject();
        cell.put("scenario", scenario).put("killed", c.killed());
        if (c.killed()) {
          cell.put("catalogued", c.catalogued()).put("property", c.property()).put("steps", c.steps());
        }
        cell.put("executions", c.executions()).put("report", c.link().isEmpty() ? null : c.link());
      });
    }
    return mapper.writeValueAsString(root) + "\n";
  }
}

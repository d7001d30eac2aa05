package dev.mirrorcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The agreement table as a {@link TablePage} ({@code agreement.md}, {@code agreement.html}, console
 * text) and as {@code agreement.json} ({@value #SCHEMA}, described by
 * {@code docs/agreement-schema.json}).
 */
public final class AgreementPages {
  public static final String SCHEMA = "mirrorcheck-jpf-agreement/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AgreementPages() {}

  public static String markdown(AgreementTable t) {
    return TablePages.markdown(page(t));
  }

  public static String html(AgreementTable t) {
    return TablePages.html(page(t));
  }

  /** The tables as console text. */
  public static String text(AgreementTable t) {
    return TablePages.text(page(t));
  }

  /** The page: the answer, how the engines ran, the counts, then one table per kind of configuration. */
  public static TablePage page(AgreementTable t) {
    TablePage.Builder b = TablePage.builder("Our explorer and Java PathFinder")
        .link("agreement.md", "agreement.md").link("agreement.json", "agreement.json");
    if (t.satisfied()) {
      b.verdict("AGREE", "good", "Every hand-written configuration agrees as its header expects; "
          + "no generated one disagrees or could not run.");
    } else {
      b.verdict("NOT AGREED", "bad", "A configuration disagrees, JPF could not run it, or a "
          + "hand-written one did not agree as its header expects (rows marked below).");
    }
    b.paragraph("Run " + t.runId() + ", started " + t.started() + " · mirrorcheck " + t.version()
        + " · JVM " + t.jvm() + " · Java PathFinder " + t.jpf() + " · JPF budget "
        + (t.budgetOverride() == null ? "per configuration (its jpf-budget line, or the default)"
        : t.budgetOverride() + " s for every configuration") + ".");
    b.paragraph("Every configuration ran on both engines: our explorer (every distinct violation) "
        + "and Java PathFinder itself, with its time budget. agree: both complete without errors, "
        + "or JPF's first error is about a property our explorer also finds violated. JPF "
        + "incomplete: the budget ran out first. JPF could not run it: an error naming no property "
        + "(a method JPF's class library lacks, a crash of JPF). Our size is executions / "
        + "transitions; JPF's is new states. JPF's console output for each configuration is under "
        + "jpf-logs/.");
    Table counts = new Table("counts", "Counts", null, List.of("status", "hand-written",
        "generated"), false).rightAlign(1, 2);
    for (String s : List.of("agree", "DISAGREE", "JPF incomplete", "JPF could not run it",
        "ours incomplete")) {
      counts.row(List.of(Table.Cell.of(s), Table.Cell.number(Long.toString(t.count(s, false))),
          Table.Cell.number(Long.toString(t.count(s, true)))));
    }
    b.table(counts);
    b.table(rows(t, false, "hand-written", "Hand-written configurations"));
    b.table(rows(t, true, "generated", "Generated configurations (jpf --export)"));
    return b.build();
  }

  private static Table rows(AgreementTable t, boolean generated, String id, String title) {
    Table table = new Table(id, title, null, List.of("configuration", "expected", "ours",
        "ours: executions / transitions", "ours: time", "JPF", "JPF: states", "JPF: time / budget",
        "status", "why"), false).rightAlign(3, 4, 6, 7);
    for (AgreementTable.Row r : t.rows()) {
      if (r.generated() != generated) {
        continue;
      }
      String css = r.good() ? "good" : r.status().equals("JPF incomplete") ? "warn" : "bad";
      table.row(List.of(Table.Cell.of(r.config()).link(r.log()),
          Table.Cell.of(r.expected() + (r.asExpected() ? "" : " (not as expected)")),
          Table.Cell.of(r.ourVerdict() + (r.ourProperties().isEmpty() ? ""
              : " " + String.join(" ", r.ourProperties()))),
          Table.Cell.number(String.format("%,d / %,d", r.ourExecutions(), r.ourTransitions())),
          Table.Cell.number(seconds(r.ourMillis())),
          Table.Cell.of(r.jpfOutcome() + (r.jpfPropertyId().isEmpty() ? "" : " "
              + r.jpfPropertyId()) + (r.jpfProperty().isEmpty() ? "" : " (" + r.jpfProperty()
              + ")")),
          Table.Cell.number(r.jpfStates() < 0 ? "-" : String.format("%,d", r.jpfStates())),
          Table.Cell.number(seconds(r.jpfMillis()) + " / " + r.jpfBudgetSeconds() + " s"),
          Table.Cell.styled(r.status(), css),
          Table.Cell.of(r.reason())));
    }
    return table;
  }

  public static String json(AgreementTable t) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    ObjectNode run = root.putObject("run");
    run.put("id", t.runId());
    run.put("started", t.started());
    run.put("version", t.version());
    run.put("jvm", t.jvm());
    run.put("jpf", t.jpf());
    if (t.budgetOverride() == null) {
      run.putNull("budgetOverride");
    } else {
      run.put("budgetOverride", t.budgetOverride());
    }
    root.put("satisfied", t.satisfied());
    ArrayNode configs = root.putArray("configs");
    for (AgreementTable.Row r : t.rows()) {
      ObjectNode c = configs.addObject();
      c.put("config", r.config());
      c.put("generated", r.generated());
      c.put("expected", r.expected());
      c.put("status", r.status());
      c.put("asExpected", r.asExpected());
      c.put("reason", r.reason());
      ObjectNode ours = c.putObject("ours");
      ours.put("verdict", r.ourVerdict());
      ArrayNode props = ours.putArray("properties");
      r.ourProperties().forEach(props::add);
      ours.put("executions", r.ourExecutions());
      ours.put("transitions", r.ourTransitions());
      ours.put("millis", r.ourMillis());
      ObjectNode jpf = c.putObject("jpf");
      jpf.put("outcome", r.jpfOutcome());
      jpf.put("property", r.jpfProperty());
      jpf.put("propertyId", r.jpfPropertyId());
      jpf.put("states", r.jpfStates());
      jpf.put("instructions", r.jpfInstructions());
      jpf.put("millis", r.jpfMillis());
      jpf.put("budgetSeconds", r.jpfBudgetSeconds());
      jpf.put("log", r.log());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For example {@code 4.9 s}. */
  public static String seconds(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }
}

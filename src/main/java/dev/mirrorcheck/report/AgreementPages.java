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
 * The agreement table as {@code agreement.md}, {@code agreement.html} (templates
 * {@code agreement.*.mustache}) and {@code agreement.json} ({@value #SCHEMA}, described by
 * {@code docs/agreement-schema.json}).
 */
public final class AgreementPages {
  public static final String SCHEMA = "mirrorcheck-jpf-agreement/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AgreementPages() {}

  public static String markdown(AgreementTable t) {
    return Templates.MARKDOWN.render("agreement.md.mustache", new View(t));
  }

  public static String html(AgreementTable t) {
    return Templates.HTML.render("agreement.html.mustache", new View(t));
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
    run.put("budgetSeconds", t.budgetSeconds());
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
      jpf.put("log", r.log());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the templates read. */
  static final class View {
    final String runId;
    final String started;
    final String version;
    final String jvm;
    final String jpf;
    final int budget;
    final boolean satisfied;
    final String headline;
    final String css;
    final List<Line> handWritten = new ArrayList<>();
    final List<Line> generated = new ArrayList<>();
    final List<Count> counts = new ArrayList<>();

    View(AgreementTable t) {
      runId = t.runId();
      started = t.started();
      version = t.version();
      jvm = t.jvm();
      jpf = t.jpf();
      budget = t.budgetSeconds();
      satisfied = t.satisfied();
      headline = satisfied ? "AGREE" : "NOT AGREED";
      css = satisfied ? "good" : "bad";
      for (AgreementTable.Row r : t.rows()) {
        (r.generated() ? generated : handWritten).add(new Line(r));
      }
      for (String s : List.of("agree", "DISAGREE", "JPF incomplete", "JPF could not run it",
          "ours incomplete")) {
        counts.add(new Count(s, t.count(s, false), t.count(s, true)));
      }
    }

    boolean hasGenerated() {
      return !generated.isEmpty();
    }

    boolean hasHandWritten() {
      return !handWritten.isEmpty();
    }
  }

  /** One row, formatted. */
  static final class Line {
    final String config;
    final String expected;
    final String ours;
    final String ourSize;
    final String ourTime;
    final String jpf;
    final String jpfStates;
    final String jpfTime;
    final String status;
    final String reason;
    final String css;
    final String log;

    Line(AgreementTable.Row r) {
      config = r.config();
      expected = r.expected() + (r.asExpected() ? "" : " (not as expected)");
      ours = r.ourVerdict() + (r.ourProperties().isEmpty() ? "" : " " + String.join(" ",
          r.ourProperties()));
      ourSize = String.format("%,d / %,d", r.ourExecutions(), r.ourTransitions());
      ourTime = seconds(r.ourMillis());
      jpf = r.jpfOutcome() + (r.jpfPropertyId().isEmpty() ? "" : " " + r.jpfPropertyId())
          + (r.jpfProperty().isEmpty() ? "" : " (" + r.jpfProperty() + ")");
      jpfStates = r.jpfStates() < 0 ? "-" : String.format("%,d", r.jpfStates());
      jpfTime = seconds(r.jpfMillis());
      status = r.status();
      reason = r.reason();
      css = r.good() ? "good" : r.status().equals("JPF incomplete") ? "warn" : "bad";
      log = r.log();
    }
  }

  /** How many rows have a status. */
  static final class Count {
    final String status;
    final long handWritten;
    final long generated;

    Count(String status, long handWritten, long generated) {
      this.status = status;
      this.handWritten = handWritten;
      this.generated = generated;
    }
  }

  static String seconds(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }
}

package dev.mirrorcheck.report;

import static dev.mirrorcheck.report.CalibrationReports.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON reports conform to {@code docs/report-schema.json}, and the schema documents every field. */
class JsonRendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonNode schemaNode;
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schemaNode = MAPPER.readTree(Files.readString(Path.of("docs/report-schema.json")));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
  }

  @Test
  void runAndSpecDocumentsConformToTheSchema() throws IOException {
    assertValid(JsonRenderer.renderRun(RUN));
    for (int i = 0; i < RUN.specs().size(); i++) {
      assertValid(JsonRenderer.renderSpec(RUN, i));
    }
  }

  @Test
  void theSchemaRejectsMissingUnknownAndMistypedFields() throws IOException {
    ObjectNode missing = (ObjectNode) MAPPER.readTree(JsonRenderer.renderRun(RUN));
    ((ObjectNode) missing.get("specs").get(1)).remove("verdict");
    assertFalse(schema.validate(missing).isEmpty());
    ObjectNode unknown = (ObjectNode) MAPPER.readTree(JsonRenderer.renderRun(RUN));
    ((ObjectNode) unknown.get("specs").get(0).get("statistics")).put("speed", 1);
    assertFalse(schema.validate(unknown).isEmpty());
    ObjectNode mistyped = (ObjectNode) MAPPER.readTree(JsonRenderer.renderRun(RUN));
    ((ObjectNode) mistyped.get("specs").get(0).get("verdict")).put("status", "MAYBE");
    assertFalse(schema.validate(mistyped).isEmpty());
  }

  @Test
  void contentMatchesTheModel() throws IOException {
    JsonNode root = MAPPER.readTree(JsonRenderer.renderRun(RUN));
    assertEquals(JsonRenderer.SCHEMA, root.get("schema").asText());
    assertEquals("VIOLATION", root.get("summary").get("verdict").asText());
    assertEquals(1, root.get("summary").get("pass").asInt());
    JsonNode pass = root.get("specs").get(0);
    assertTrue(pass.get("verdict").get("pass").asBoolean());
    assertEquals(CalibrationReports.SOURCE, pass.get("source").get("text").asText());
    assertEquals(RUN.specs().get(0).statistics().executions(),
        pass.get("statistics").get("executions").asLong());
    JsonNode bad = root.get("specs").get(1);
    assertEquals("calibration-buggy", bad.get("dir").asText());
    JsonNode s3 = bad.get("properties").get(0);
    assertEquals("VIOLATED", s3.get("status").asText());
    assertEquals(1, s3.get("counterexample").asInt());
    JsonNode cx = bad.get("counterexamples").get(0);
    assertEquals("S3", cx.get("property").asText());
    assertEquals(cx.get("steps").asInt(), cx.get("stepLog").size());
    assertEquals(cx.get("steps").asInt(), cx.get("schedule").size());
    assertTrue(cx.get("reproduced").asBoolean());
    List<String> unreached = new ArrayList<>();
    bad.get("coverage").get("unreached").forEach(n -> unreached.add(n.asText()));
    assertTrue(unreached.contains(CalibrationReports.UNEMITTED_STEP), unreached::toString);
    assertTrue(unreached.contains("read_retry"), unreached::toString);
    assertEquals("VIOLATION", bad.get("outcome").get("status").asText());
    assertEquals(1, root.get("summary").get("exitCode").asInt());
    assertFalse(bad.get("coverage").get("mustReach").get(1).get("reached").asBoolean());
    assertEquals(CalibrationReports.WARNING, bad.get("warnings").get(0).asText());
  }

  @Test
  void everyFieldOfTheSchemaIsDocumented() {
    List<String> undocumented = new ArrayList<>();
    walk(schemaNode, "#", undocumented);
    assertTrue(undocumented.isEmpty(), "fields without a description: " + undocumented);
  }

  /** Each named property needs a description of its own or on the definition it refers to. */
  private static void walk(JsonNode schema, String path, List<String> undocumented) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode props = schema.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        if (!documented(e.getValue())) {
          undocumented.add(path + "/properties/" + e.getKey());
        }
        walk(e.getValue(), path + "/properties/" + e.getKey(), undocumented);
      }
    }
    for (String keyword : List.of("$defs", "oneOf", "anyOf", "allOf", "items", "additionalProperties")) {
      JsonNode sub = schema.get(keyword);
      if (sub == null) {
        continue;
      }
      if (keyword.equals("$defs")) {
        sub.properties().forEach(e -> walk(e.getValue(), path + "/$defs/" + e.getKey(), undocumented));
      } else if (sub.isArray()) {
        for (int i = 0; i < sub.size(); i++) {
          walk(sub.get(i), path + "/" + keyword + "/" + i, undocumented);
        }
      } else {
        walk(sub, path + "/" + keyword, undocumented);
      }
    }
  }

  private static boolean documented(JsonNode property) {
    if (property.has("description")) {
      return true;
    }
    JsonNode ref = property.get("$ref");
    return ref != null && schemaNode.at(ref.asText().substring(1)).has("description");
  }

  private static void assertValid(String json) throws IOException {
    List<com.networknt.schema.Error> errors = schema.validate(MAPPER.readTree(json));
    assertTrue(errors.isEmpty(), () -> errors + "\n" + json);
  }
}

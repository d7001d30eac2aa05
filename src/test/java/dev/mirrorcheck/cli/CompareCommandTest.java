package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} runs a scenario in every design that supports it and writes one report. */
class CompareCommandTest {
  @TempDir Path tmp;

  @Test
  void comparesTheThreeOdpGenerationsAndKillsEachDesignsMutations() throws IOException {
    CliRun r = CliRun.of("compare", "--quick", "--out", tmp.toString(),
        "specs/odp_madvise_teardown.yaml", "specs/odp_dereg_vs_munmap.yaml",
        "specs/hmm2015_ucontext_close_vs_munmap.yaml");
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    String out = r.out;
    assertTrue(out.contains("odp_madvise_teardown@hmm2015"), out);
    assertTrue(out.matches("(?s).*odp_dereg_vs_munmap\\s+-\\s+PASS\\s+PASS\\s+PASS.*"), out);
    assertTrue(out.matches(
        "(?s).*hmm2015_ucontext_close_vs_munmap\\s+-\\s+-\\s+VIOLATION S3 \\(expected\\)\\s+-.*"),
        out);
    for (String row : new String[] {"Kill matrix, design hmm2015", "Kill matrix, design legacy-odp",
        "Like-for-like totals", "Designs that do not support a scenario"}) {
      assertTrue(out.contains(row), row + "\n" + out);
    }
    for (String m : new String[] {"M1", "M2", "M25", "M27", "M7", "M8"}) {
      assertTrue(out.matches("(?s).*\\n  " + m + "\\s+killed .*"), m + " killed\n" + out);
    }
    Path dir;
    try (Stream<Path> runs = Files.list(tmp)) {
      dir = runs.filter(p -> p.getFileName().toString().endsWith("-compare")).findFirst()
          .orElseThrow();
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
    assertEquals("mirrorcheck-compare/1", json.path("schema").asText());
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(new ObjectMapper().readTree(Path.of("docs/compare-schema.json").toFile()));
    assertEquals(List.of(), schema.validate(json), "compare.json follows docs/compare-schema.json");
    JsonNode broken = json.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("scenarios").get(0)
        .path("designs").path("odp")).put("verdict", "MAYBE");
    assertTrue(!schema.validate(broken).isEmpty(), "the schema rejects an unknown verdict");
    JsonNode dereg = json.path("scenarios").get(1).path("designs");
    assertEquals("PASS", dereg.path("hmm2015").path("verdict").asText());
    assertTrue(dereg.path("legacy-odp").path("executions").asLong() > 0);
    assertTrue(!dereg.path("modern").path("supported").asBoolean());
    JsonNode close = json.path("scenarios").get(2).path("designs");
    assertEquals("VIOLATION", close.path("hmm2015").path("verdict").asText());
    assertTrue(close.path("hmm2015").path("asExpected").asBoolean());
    assertTrue(!close.path("odp").path("supported").asBoolean());
    assertTrue(json.path("killMatrix").path("hmm2015").size() >= 4);
    String html = Files.readString(dir.resolve("compare.html"));
    assertTrue(html.contains("<h2>Kill matrix, design legacy-odp</h2>") && !html.contains("http"),
        "self-contained HTML");
    assertTrue(Files.readString(dir.resolve("compare.md")).contains("## Verdicts per design"));
  }

  @Test
  void aDesignFailingAScenarioThatExpectsAPassFailsTheComparison() throws IOException {
    String text = Files.readString(Path.of("specs/odp_fault_vs_exit.yaml"))
        .replaceAll("(?s)expect:\\n  hmm2015: violation S1 S3\\n", "");
    Path spec = tmp.resolve("odp_fault_vs_exit.yaml");
    Files.writeString(spec, text);
    CliRun r = CliRun.of("compare", "--no-mutants", "--out", tmp.toString(), spec.toString());
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertTrue(r.out.matches("(?s).*VIOLATION S[13][ S0-9]* \\(NOT as expected\\).*"), r.out);
    assertTrue(r.out.contains("RESULT: FAILED"), r.out);
  }
}

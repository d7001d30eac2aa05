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
    assertTrue(out.matches("(?s).*hmm2015_ucontext_close_vs_munmap\\s+-\\s+-\\s+EXPECTED VIOLATION S3 "
        + "\\(\\d+ steps\\)\\s+-.*"), out);
    for (String row : new String[] {"Kill matrix, design hmm2015", "Kill matrix, design legacy-odp",
        "Like-for-like totals", "Designs that do not support a scenario"}) {
      assertTrue(out.contains(row), row + "\n" + out);
    }
    for (String m : new String[] {"M1", "M2", "M25", "M27", "M7", "M8"}) {
      assertTrue(out.matches("(?s).*\\n  " + m + "\\s+killed .*"), m + " killed\n" + out);
    }
    // The same scenario and design give the same numbers as check (its options, its violations).
    CliRun check = CliRun.of("check", "specs/odp_dereg_vs_munmap.yaml", "--out", tmp.toString());
    for (String design : new String[] {"odp", "hmm2015", "legacy-odp"}) {
      String name = "odp_dereg_vs_munmap" + (design.equals("odp") ? "" : "@" + design);
      assertEquals(executions(check.out, name), executions(out, name), name + "\n" + check.out + out);
    }
    Path dir;
    try (Stream<Path> runs = Files.list(tmp)) {
      dir = runs.filter(p -> p.getFileName().toString().endsWith("-compare")).findFirst()
          .orElseThrow();
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("compare.json").toFile());
    assertEquals("mirrorcheck-compare/2", json.path("schema").asText());
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
    assertTrue(html.contains(">Kill matrix, design legacy-odp</h2>") && !html.contains("http:")
        && !html.contains("https:") && html.contains("Content-Security-Policy"),
        "self-contained HTML");
    assertTrue(html.contains("<a href=\"hmm2015_ucontext_close_vs_munmap/report.html\">"
        + "EXPECTED VIOLATION S3"), "verdict cells link to the pair's report");
    assertTrue(Files.isRegularFile(dir.resolve("hmm2015_ucontext_close_vs_munmap/report.html")));
    assertTrue(Files.readString(dir.resolve("compare.md")).contains("## Verdicts per design"));
  }

  /** The executions {@code check} or {@code compare} printed on a scenario's line. */
  private static long executions(String out, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\n  " + java.util.regex.Pattern.quote(name)
        + "\\s.*?([\\d,]+) executions").matcher(out);
    if (m.find()) {
      return Long.parseLong(m.group(1).replace(",", ""));
    }
    // compare prints the sizes table: "  name  design  verdict  executions ..."
    throw new AssertionError("no line for " + name + " in\n" + out);
  }

  @Test
  void aDesignFailingAScenarioThatExpectsAPassFailsTheComparison() throws IOException {
    String text = Files.readString(Path.of("specs/odp_fault_vs_exit.yaml"))
        .replaceAll("(?s)expect:\\n  hmm2015: violation S1 S3\\n", "");
    Path spec = tmp.resolve("odp_fault_vs_exit.yaml");
    Files.writeString(spec, text);
    CliRun r = CliRun.of("compare", "--no-mutants", "--out", tmp.toString(), spec.toString());
    assertEquals(ExitCode.VIOLATION, r.exit, r.toString());
    assertTrue(r.out.matches("(?s).*VIOLATION FOUND S[123] \\(.*"), r.out);
    assertTrue(r.out.contains("RESULT: FAILED"), r.out);
  }
}

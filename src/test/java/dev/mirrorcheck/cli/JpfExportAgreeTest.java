package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mirrorcheck.jpf.Expectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jpf --export}: configurations for a spec library, in sync with {@code specs/} in the
 * repository; {@code jpf --agree}: both engines on every configuration, the table and its exit code
 * (against a stand-in for JPF; the real one is {@code JpfAgreementTest}).
 */
class JpfExportAgreeTest {
  @TempDir Path dir;

  @Test
  void exportWritesAConfigurationPerDesignAndKillThatRunsAsItsHeaderSays() throws IOException {
    Path out = dir.resolve("gen");
    CliRun r = CliRun.of("jpf", "--export", "specs/odp_teardown.yaml", "--mutants", "--to",
        out.toString());
    assertEquals(0, r.exit, r::toString);
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      s.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
    }
    assertTrue(names.containsAll(List.of("odp_teardown-odp.jpf", "odp_teardown-odp-M3.jpf",
        "odp_teardown-hmm2015.jpf", "odp_teardown-legacy-odp.jpf")), names::toString);
    assertTrue(r.out.contains("wrote " + names.size() + " configuration(s) for 3 (scenario, design) "
        + "pair(s) to " + out), r::toString);
    for (String n : List.of("odp_teardown-odp.jpf", "odp_teardown-odp-M3.jpf")) {
      Path f = out.resolve(n);
      String text = Files.readString(f);
      assertTrue(text.contains(JpfExport.MARK), text);
      Expectation e = Expectation.of(text);
      CliRun ours = JpfCommandTest.jpf("--out", dir.toString(), f.toString());
      assertEquals(0, ours.errorLines().length, ours::toString);
      assertEquals(e.errors() ? 1 : 0, ours.exit, ours::toString);
      if (e.errors()) {
        assertTrue(ours.out.contains("====== error 1\n" + e.propertyClass() + "\n"), ours::toString);
      }
    }
    // Files written before and no longer wanted go; files it did not write stay.
    Path mine = Files.writeString(out.resolve("mine.jpf"), "target = x\n");
    CliRun again = CliRun.of("jpf", "--export", "specs/odp_teardown.yaml", "--to", out.toString());
    assertEquals(0, again.exit, again::toString);
    assertTrue(Files.exists(mine) && Files.exists(out.resolve("odp_teardown-odp.jpf")));
    assertTrue(!Files.exists(out.resolve("odp_teardown-odp-M3.jpf")), again::toString);
  }

  /** jpf-configs/specs/ is what --export writes for specs/ today. */
  @Test
  void theCommittedGeneratedConfigurationsAreUpToDate() throws IOException {
    Path committed = JpfExport.DEFAULT_DIR;
    Map<String, String> now = JpfExport.configs(SpecFiles.parse(SpecFiles.find(
        List.of(Path.of("specs")))), true, committed);
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> e : now.entrySet()) {
      Path f = committed.resolve(e.getKey());
      if (!Files.exists(f) || !Files.readString(f).equals(e.getValue())) {
        stale.add(e.getKey());
      }
    }
    for (Path p : JpfExport.generated(committed)) {
      if (!now.containsKey(p.getFileName().toString())) {
        stale.add(p.getFileName() + " (no longer generated)");
      }
    }
    assertEquals(List.of(), stale, "jpf-configs/specs/ is out of date with specs/: run "
        + "./mirrorcheck jpf --export specs/ --mutants");
  }

  private Path copy(String config, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    // without its jpf-budget line: the test sets budgets itself
    return Files.writeString(to, Files.readString(Path.of(config)).replace("${config_path}/..",
        Path.of("").toAbsolutePath().toString()).replaceAll("(?m)^# jpf-budget: \\d+\n", ""));
  }

  @Test
  void agreeWritesTheTableAndFailsOnAJpfCrash() throws Exception {
    Path home = FakeRunJpf.home(dir);
    Path configs = dir.resolve("configs");
    copy("jpf-configs/calibration-buggy-2p-1f.jpf", configs.resolve("calibration-buggy.jpf"));
    copy("jpf-configs/lockorder-correct.jpf", configs.resolve("sub/lockorder-correct.jpf"));
    Path runs = dir.resolve("runs");
    CliRun r = CliRun.of("jpf", "--agree", "--jpf-home", home.toString(), "--budget", "30",
        "--out", runs.toString(), configs.toString());
    assertEquals(0, r.exit, r::toString);
    assertTrue(r.out.contains("RESULT: every hand-written configuration agrees as expected"),
        r::toString);
    assertTrue(r.err.contains("[1/2] " + configs.resolve("calibration-buggy.jpf")
        + ": agree (both find S3 (NoUncaughtExceptionsProperty))"), r::toString);
    Path run;
    try (Stream<Path> s = Files.list(runs)) {
      run = s.filter(p -> p.toString().endsWith("-jpf-agree")).findFirst().orElseThrow();
    }
    JsonNode json = new ObjectMapper().readTree(run.resolve("agreement.json").toFile());
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(new ObjectMapper().readTree(Path.of("docs/agreement-schema.json").toFile()));
    assertEquals(List.of(), schema.validate(json), "agreement.json follows its schema");
    assertTrue(json.path("satisfied").asBoolean());
    JsonNode first = json.path("configs").get(0);
    assertEquals(1234, first.path("jpf").path("states").asLong());
    assertEquals("S3", first.path("jpf").path("propertyId").asText());
    assertEquals("[\"S3\"]", first.path("ours").path("properties").toString());
    ObjectNode broken = (ObjectNode) json.deepCopy();
    ((ObjectNode) broken.path("configs").get(0)).put("status", "sort of");
    assertTrue(!schema.validate(broken).isEmpty(), "the schema rejects an unknown status");
    assertTrue(Files.isRegularFile(run.resolve(first.path("jpf").path("log").asText())));
    String md = Files.readString(run.resolve("agreement.md"));
    assertTrue(md.contains("| agree | 2 | 0 |"), md);
    String html = Files.readString(run.resolve("agreement.html"));
    assertTrue(html.contains("<span class=\"badge\">AGREE</span>") && !html.contains("http://")
        && !html.contains("https://"), html);
    assertEquals(30, json.path("run").path("budgetOverride").asInt());
    assertEquals(30, first.path("jpf").path("budgetSeconds").asInt());

    // A missing JPF model method is never agreement: exit 1. Two at a time, each configuration
    // with its own budget: its header's, else the default.
    copy("jpf-configs/calibration-buggy-2p-1f.jpf", configs.resolve("nosuchmethod.jpf"));
    Files.writeString(configs.resolve("calibration-buggy.jpf"), "# jpf-budget: 45\n"
        + Files.readString(configs.resolve("calibration-buggy.jpf")));
    Path runs2 = dir.resolve("runs2");
    CliRun bad = CliRun.of("jpf", "--agree", "--jobs", "2", "--jpf-home", home.toString(),
        "--out", runs2.toString(), configs.toString());
    assertEquals(1, bad.exit, bad::toString);
    assertTrue(bad.out.contains("JPF could not run it") && bad.out.contains("RESULT: NOT AGREED"),
        bad::toString);
    Path run2;
    try (Stream<Path> s = Files.list(runs2)) {
      run2 = s.filter(p -> p.toString().endsWith("-jpf-agree")).findFirst().orElseThrow();
    }
    JsonNode json2 = new ObjectMapper().readTree(run2.resolve("agreement.json").toFile());
    assertEquals(List.of(), schema.validate(json2), "agreement.json follows its schema");
    assertTrue(json2.path("run").path("budgetOverride").isNull());
    JsonNode rows = json2.path("configs");
    assertEquals(3, rows.size());
    assertTrue(rows.get(0).path("config").asText().endsWith("calibration-buggy.jpf"), rows::toString);
    assertEquals(45, rows.get(0).path("jpf").path("budgetSeconds").asInt());
    assertEquals(JpfAgree.DEFAULT_BUDGET, rows.get(1).path("jpf").path("budgetSeconds").asInt());

    Files.writeString(configs.resolve("calibration-buggy.jpf"), "# x\n# jpf-budget: soon\n"
        + Files.readString(configs.resolve("nosuchmethod.jpf")));
    // checked before any configuration runs: nothing is written
    Path runs3 = dir.resolve("runs3");
    CliRun malformed = CliRun.of("jpf", "--agree", "--jpf-home", home.toString(), "--out",
        runs3.toString(), configs.resolve("sub/lockorder-correct.jpf").toString(),
        configs.resolve("calibration-buggy.jpf").toString());
    assertEquals(2, malformed.exit, malformed::toString);
    assertEquals("mirrorcheck: " + configs.resolve("calibration-buggy.jpf") + ":2: jpf-budget "
        + "must be a whole number of seconds in 1..86400, got 'soon'", malformed.errorLines()[0]);
    try (Stream<Path> s = Files.list(runs3)) {
      assertEquals(0, s.filter(p -> p.toString().endsWith("-jpf-agree")).flatMap(p -> {
        try {
          return Files.list(p.resolve("jpf-logs"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).count(), "no configuration ran");
    }
  }

  @Test
  void agreeNeedsJavaPathFinderAndConfigurations() throws Exception {
    CliRun r = CliRun.of("jpf", "--agree", "--jpf-home", dir.toString());
    assertEquals(2, r.exit, r::toString);
    assertTrue(r.err.contains("RunJPF.jar not found"), r::toString);
    CliRun none = CliRun.of("jpf", "--agree", "--jpf-home", FakeRunJpf.home(dir).toString(),
        dir.resolve("empty.jpf").toString());
    assertEquals("mirrorcheck: " + dir.resolve("empty.jpf") + ": no such .jpf file or directory",
        none.errorLines()[0]);
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search is guarded in the spec library: {@code check specs/} (run once for the suite) explores
 * at least the completed executions and distinct protocol labels {@code specs/baseline.tsv} records
 * for each scenario and design, and the baseline names exactly the library's scenarios.
 */
class BaselineTest {
  @TempDir Path tmp;

  @Test
  void libraryExploresAtLeastItsBaseline() throws IOException {
    Baseline baseline = Baseline.load(Path.of("specs", Baseline.FILE));
    JsonNode run = new ObjectMapper().readTree(LibraryRun.library().resolve("run.json").toFile());
    List<String> shortfalls = new ArrayList<>();
    Set<String> checked = new TreeSet<>();
    for (JsonNode spec : run.path("specs")) {
      String name = spec.path("name").asText();
      checked.add(name);
      Baseline.Figures recorded = baseline.get(name);
      if (recorded == null) {
        shortfalls.add(name + ": not in the baseline");
        continue;
      }
      int labels = 0;
      for (JsonNode l : spec.path("coverage").path("labels")) {
        labels += l.path("count").asLong() > 0 ? 1 : 0;
      }
      String s = recorded.shortfall(new Baseline.Figures(spec.path("design").asText(),
          spec.path("statistics").path("completed").asLong(), labels));
      if (s != null) {
        shortfalls.add(name + ": " + s);
      }
    }
    for (String name : baseline.rows().keySet()) {
      if (!checked.contains(name) && !LibraryRun.SCALE_BENCHMARKS.contains(name.split("@")[0])) {
        shortfalls.add(name + ": in the baseline but not in the library");
      }
    }
    assertTrue(shortfalls.isEmpty(), "the library explores less than specs/baseline.tsv records "
        + "(a reduction bug shrinks a proof silently; after an intended change run "
        + Baseline.UPDATE_COMMAND + "):\n  " + String.join("\n  ", shortfalls));
    List<String> suite = new ArrayList<>();
    for (Spec s : SpecLibrarySuite.library()) {
      suite.add(s.name());
    }
    assertEquals(new TreeSet<>(suite), checked, "the JUnit spec-library suite runs the library");
  }

  @Test
  void checkWarnsBelowTheBaselineAndUpdateRewritesIt() throws IOException {
    Files.copy(Path.of("specs", "odp_teardown.yaml"), tmp.resolve("odp_teardown.yaml"));
    Path file = tmp.resolve(Baseline.FILE);
    Files.writeString(file, "odp_teardown\todp\t1000000\t999\n");
    String spec = tmp.resolve("odp_teardown.yaml").toString();
    Path out = tmp.resolve("out");
    CliRun low = CliRun.of("check", spec, "--out", out.toString());
    assertEquals(ExitCode.PASS, low.exit, low.toString());
    assertTrue(low.out.contains("warning: odp_teardown explored fewer than"), low.out);
    assertTrue(low.out.contains("(baseline 1,000,000)") && low.out.contains("(baseline 999)"),
        low.out);

    CliRun update = CliRun.of("check", spec, "--update-baseline", "--out", out.toString());
    assertEquals(ExitCode.PASS, update.exit, update.toString());
    Baseline.Figures now = Baseline.load(file).get("odp_teardown");
    assertTrue(now.completed() > 0 && now.completed() < 1000000 && now.labels() > 0, "" + now);
    assertTrue(Files.readString(file).contains(Baseline.UPDATE_COMMAND));

    CliRun again = CliRun.of("check", spec, "--out", out.toString());
    assertTrue(!again.out.contains("warning:"), again.out);
    CliRun refused = CliRun.of("check", spec, "--update-baseline", "--mutation", "M3", "--out",
        out.toString());
    assertEquals(ExitCode.USAGE, refused.exit, refused.toString());
  }
}

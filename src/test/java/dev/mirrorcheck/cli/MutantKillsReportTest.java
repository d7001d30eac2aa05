package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorcheck.report.Equivalents;
import dev.mirrorcheck.report.PitMutants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proof reports say which model mutants each scenario kills; PIT's mutations.xml is read back. */
class MutantKillsReportTest {
  @TempDir Path tmp;

  @Test
  void reportListsTheCatalogueMutationsTheScenarioKills() throws IOException {
    Path dir = LibraryRun.library().resolve("anon_teardown");
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("## Mutants this scenario kills"), md);
    assertTrue(md.contains("M3, M4, M5, M9, M10, M13, M14, M23, M24"), md);
    JsonNode kills = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("specs").path(0).path("kills");
    assertEquals(9, kills.path("catalogue").size(), kills.toString());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("id=\"kills\""));
  }

  @Test
  void pitMutantsAreCreditedToTheScenarioAtTheirPosition() throws IOException {
    Path xml = tmp.resolve("mutations.xml");
    Files.writeString(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations>\n"
        + mutation("KILLED", "dev.mirrorcheck.notifier.Subscriptions", "start", 124,
            "[engine:junit-jupiter]/[class:dev.mirrorcheck.cli.SpecLibrarySuite]/"
                + "[test-factory:specLibrary()]/[dynamic-test:#2]")
        + mutation("SURVIVED", "dev.mirrorcheck.mm.Unmap", "zap", 40, "")
        + mutation("NO_COVERAGE", "dev.mirrorcheck.mm.Unmap", "zap", 41, "")
        + "</mutations>\n");
    PitMutants pit = PitMutants.read(xml, List.of("anon_teardown", "odp_teardown@hmm2015"));
    assertEquals(1, pit.killedBy("odp_teardown@hmm2015").size());
    assertEquals("Subscriptions.start:124", pit.killedBy("odp_teardown@hmm2015").get(0).where());
    assertEquals("NegateConditionals",
        pit.killedBy("odp_teardown@hmm2015").get(0).mutatorName());
    assertTrue(pit.summary().startsWith("3 mutants"), pit.summary());
    assertTrue(pit.summary().contains("1 of 2 covered non-equivalent killed (50.0%)"),
        pit.summary());
    Equivalents eq = Equivalents.parse("pit-equivalent.tsv", List.of("# where\tmutator\treason",
        "Unmap.zap:40\tNegateConditionals\tboth branches free the same frame"));
    assertTrue(pit.summary(eq).endsWith(
        "1 of 1 covered non-equivalent killed (100.0%), 1 equivalent, 1 not covered"),
        pit.summary(eq));
    assertEquals(List.of(), pit.survivors(eq));
    assertEquals("RemoveConditional_EQUAL_ELSE", new PitMutants.Mutant("a.B", "m", 1,
        "org.pitest.mutationtest.engine.gregor.mutators.RemoveConditionalMutator_EQUAL_ELSE", "",
        "SURVIVED", "").mutatorName());
    assertEquals(1, pit.survivors(Equivalents.parse("x", List.of())).size());
  }

  @Test
  void theCheckedInEquivalentListParses() throws IOException {
    assertTrue(Files.isRegularFile(Equivalents.FILE), Equivalents.FILE + " is missing");
    Equivalents.read(Equivalents.FILE); // throws, naming the line, when one is malformed
  }

  @Test
  void aMalformedEquivalentLineNamesFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Equivalents.parse("docs/pit-equivalent.tsv", List.of("#", "Unmap.zap 40 x y")));
    assertTrue(e.getMessage().startsWith("docs/pit-equivalent.tsv:2: expected"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Equivalents.parse("f",
        List.of("A.b:1\tM\tr", "A.b:1\tM\tr2")));
    assertTrue(e.getMessage().startsWith("f:2: A.b:1 M is listed twice"), e.getMessage());
  }

  private static String mutation(String status, String cls, String method, int line,
      String killer) {
    return "<mutation detected='" + status.equals("KILLED") + "' status='" + status
        + "' numberOfTestsRun='1'><sourceFile>X.java</sourceFile><mutatedClass>" + cls
        + "</mutatedClass><mutatedMethod>" + method + "</mutatedMethod><methodDescription>()V"
        + "</methodDescription><lineNumber>" + line + "</lineNumber><mutator>"
        + "org.pitest.mutationtest.engine.gregor.mutators.NegateConditionalsMutator</mutator>"
        + "<indexes><index>5</index></indexes><blocks><block>1</block></blocks><killingTest>"
        + killer + "</killingTest><description>negated conditional</description></mutation>\n";
  }
}

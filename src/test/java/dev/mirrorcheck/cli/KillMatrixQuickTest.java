package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick kill matrix over the shipped scenario library: the correct protocol passes every spec
 * in each design (and design-options variant) it lists, and every catalogue mutation of the four
 * designs (modern, ODP in both mkey-lifetime generations, the 2015 RFC, legacy ODP) is killed by its
 * designated scenario, with a property the catalogue names. A surviving mutation fails CI here.
 */
class KillMatrixQuickTest {
  @TempDir Path tmp;

  @Test
  @Timeout(600)
  void everyCatalogueMutationIsKilled() throws java.io.IOException {
    java.util.List<String> args = new java.util.ArrayList<>(
        java.util.List.of("mutants", "--quick", "--out", tmp.toString()));
    args.addAll(LibraryRun.testedSpecFiles());
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(ExitCode.PASS, r.exit, r.out);
    assertTrue(r.out.contains("RESULT: every mutation killed, correct protocol passes"), r.out);
    for (String m : new String[] {"M1 ", "M2 ", "M3 ", "M4 ", "M5 ", "M6 ", "M7 ", "M8 ", "M9 ",
        "M10", "M11", "M12", "M13", "M14", "M15", "M16", "M17", "M18", "M19", "M20", "M21", "M22",
        "M23", "M24", "M25", "M26", "M27", "M28", "M29", "M30"}) {
      assertTrue(r.out.contains("  " + m + (m.length() == 3 ? " " : "  ") + "killed by")
          || r.out.contains("  " + m.trim() + "  killed by") || r.out.contains("  " + m.trim() + "   killed by"),
          m + " killed:\n" + r.out);
    }
    // One set of numbers: mutants runs the correct protocol as check does, with the same result.
    JsonNode run = new ObjectMapper().readTree(LibraryRun.library().resolve("run.json").toFile());
    int compared = 0;
    for (JsonNode spec : run.path("specs")) {
      String name = spec.path("name").asText();
      Matcher m = Pattern.compile("\\n  " + Pattern.quote(name) + "\\s+\\S+\\s+(.*?)\\s+([\\d,]+) "
          + "executions").matcher(r.out);
      assertTrue(m.find(), name + " in\n" + r.out);
      assertEquals(spec.path("statistics").path("executions").asLong(),
          Long.parseLong(m.group(2).replace(",", "")), name + ": executions in check and mutants");
      assertTrue(m.group(1).startsWith(spec.path("outcome").path("headline").asText()), name);
      compared++;
    }
    assertEquals(run.path("specs").size(), compared);
  }
}

package dev.mirrorcheck.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorcheck.cli.LibraryRun;
import dev.mirrorcheck.mutation.Design;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The per-design label inventory against the shipped scenario library: every step a spec run
 * reaches is in its design's inventory, and every inventory step is reached by some spec of the
 * design or listed with the reason no spec reaches it. The failure messages say what to add where.
 */
class LabelInventoryTest {

  /** design -> step -> "label (spec)" of a first reach. */
  private static Map<Design, Map<String, String>> reached() throws IOException {
    Path run = LibraryRun.library().resolve("run.json");
    JsonNode root = new ObjectMapper().readTree(run.toFile());
    Map<Design, Map<String, String>> out = new EnumMap<>(Design.class);
    for (JsonNode spec : root.path("specs")) {
      Design d = Design.byWord(spec.path("design").asText());
      Map<String, String> steps = out.computeIfAbsent(d, k -> new TreeMap<>());
      for (JsonNode l : spec.path("coverage").path("labels")) {
        if (l.path("count").asLong() > 0) {
          String label = l.path("label").asText();
          steps.putIfAbsent(Labels.stepOf(label),
              "'" + label + "' in spec " + spec.path("name").asText());
        }
      }
    }
    return out;
  }

  @Test
  void everyReachedStepIsInItsDesignsInventory() throws IOException {
    List<String> missing = new ArrayList<>();
    reached().forEach((d, steps) -> steps.forEach((step, where) -> {
      if (!LabelInventory.of(d).steps().containsKey(step)) {
        missing.add("design " + d.word() + ": step '" + step + "' (" + where + ") is not in the "
            + "label inventory: add .put(\"" + step + "\", \"<the kernel code it models>\") to the "
            + "*Labels class of the package that labels it" + writtenIn(step));
      }
    }));
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }

  @Test
  void everyInventoryStepIsReachedOrExplained() throws IOException {
    Map<Design, Map<String, String>> reached = reached();
    List<String> problems = new ArrayList<>();
    for (Design d : Design.values()) {
      LabelInventory inv = LabelInventory.of(d);
      Map<String, String> hits = reached.getOrDefault(d, Map.of());
      for (String step : inv.steps().keySet()) {
        boolean hit = hits.containsKey(step);
        String reason = inv.notInLibrary().get(step);
        if (!hit && reason == null) {
          problems.add("design " + d.word() + ": no shipped spec reaches step '" + step + "': write "
              + "a spec that does, or list it for " + d.word() + " in LabelInventory's "
              + "notInLibrary(...) with the reason");
        } else if (hit && reason != null) {
          problems.add("design " + d.word() + ": step '" + step + "' is listed as not reached by "
              + "the library (" + reason + ") but " + hits.get(step) + " reaches it: remove it "
              + "from LabelInventory's notInLibrary(...) for " + d.word());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void aMustReachTypoGetsASuggestion() {
    LabelInventory modern = LabelInventory.of(Design.MODERN);
    assertNull(modern.problem("install"));
    assertNull(modern.problem("fault:install"));
    assertNull(modern.problem("fault/cow:seq_open_epoch"));
    assertEquals("unknown label 'instal' for design modern; did you mean 'install'?",
        modern.problem("instal"));
    String odp = LabelInventory.of(Design.ODP).problem("zap_dev_pt");
    assertTrue(odp.startsWith("unknown label 'zap_dev_pt' for design odp"), odp);
    assertEquals("read_retry", Labels.stepOf("fault:read_retry"));
    assertEquals("fault/cow", Labels.roleOf("fault/cow:S.lock"));
  }

  /** Where the source writes a label with this step, for the failure message. */
  private static String writtenIn(String step) {
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        try {
          if (Files.readString(p).contains(":" + step + "\"")) {
            files.add(p.toString());
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      return "";
    }
    return files.isEmpty() ? "" : " (it is written in " + String.join(", ", files) + ")";
  }
}

package dev.mirrorcheck.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.check.CheckedBy;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The self-contained reference in docs/: the catalogue pages (properties, mutations, protocol steps)
 * are generated from the code, so they say exactly what the checker checks; this test fails when one
 * is out of date, and {@code MIRRORCHECK_WRITE_DOCS=1 mvn -q test -Dtest=ReferenceDocsTest} rewrites
 * them. It also checks that nothing a user sees points outside the repository.
 */
class ReferenceDocsTest {
  private static final boolean WRITE = System.getenv("MIRRORCHECK_WRITE_DOCS") != null;

  @Test
  void propertiesPageIsUpToDate() throws IOException {
    StringBuilder sb = new StringBuilder("# Properties\n\n");
    sb.append(GENERATED).append("Each property is checked in every interleaving the explorer runs. A ")
        .append("PASS of a property is a proof only when the whole search was exhaustive (verdict ")
        .append("PASS); a report marks it \"not violated\" otherwise. How each property is checked: ")
        .append("*invariant* (a state predicate after every step that changes what it reads), ")
        .append("*event* (a check inside the step that performs an event, through the ghost state), ")
        .append("*end* (on the final state), *deadlock* (no actor can run while some have not ")
        .append("finished). `data` is not a catalogue property: it is the expect clause of a read in ")
        .append("a spec.\n\n");
    sb.append("| id | property | designs | checked by |\n|---|---|---|---|\n");
    for (Property p : PropertyCatalog.all()) {
      sb.append("| [").append(p.id()).append("](#").append(p.id().toLowerCase(Locale.ROOT))
          .append(") | ").append(p.title()).append(" | ").append(designs(p.designs())).append(" | ")
          .append(checkedBy(p)).append(" |\n");
    }
    for (Property p : PropertyCatalog.all()) {
      sb.append("\n## ").append(p.id()).append(": ").append(p.title()).append("\n\n")
          .append(p.statement()).append("\n\n").append(p.converse())
          .append("\n\nDesigns: ").append(designs(p.designs()))
          .append(". Checked by: ").append(checkedBy(p)).append(".\n");
    }
    check("docs/properties.md", sb.toString());
  }

  @Test
  void mutationsPageIsUpToDate() throws IOException {
    StringBuilder sb = new StringBuilder("# Mutations\n\n");
    sb.append(GENERATED).append("Each mutation is a switch in the model that undoes one historical ")
        .append("fix, review comment or documented rule; a scenario kills it when the explorer finds ")
        .append("a violation with it switched on. `mirrorcheck mutants` must kill every one with a ")
        .append("property listed under \"breaks\". Switch one on in a spec (`mutations: [M3]`) or on ")
        .append("the command line (`check --mutation M3`).\n\n");
    sb.append("| id | the bug | designs | breaks |\n|---|---|---|---|\n");
    for (Mutation m : Mutation.values()) {
      sb.append("| [").append(m.id()).append("](#").append(m.id().toLowerCase(Locale.ROOT))
          .append(") | ").append(m.title()).append(" | ").append(m.variants().replace(",", ", ")).append(" | ")
          .append(String.join(", ", m.breaks())).append(" |\n");
    }
    for (Mutation m : Mutation.values()) {
      sb.append("\n## ").append(m.id()).append(": ").append(m.title()).append("\n\n")
          .append("Undoes: ").append(m.undoes()).append(".\n\nDesigns: ")
          .append(m.variants().replace(",", ", ")).append(". Breaks: ").append(String.join(", ", m.breaks()))
          .append(".\n");
    }
    check("docs/mutations.md", sb.toString());
  }

  @Test
  void protocolStepsPageIsUpToDate() throws IOException {
    StringBuilder sb = new StringBuilder("# Protocol steps\n\n");
    sb.append(GENERATED).append("Every step of a design's model has a label `ROLE:STEP`: the role is ")
        .append("the operation that ran it (`munmap`, `fault`, `inval` for a notifier callback, ")
        .append("nested roles such as `fault/cow` for a COW break inside a fault), the step is the ")
        .append("kernel code it models. Coverage in a report lists every step of the design, reached ")
        .append("or not; `must-reach:` in a spec names a STEP or ROLE:STEP, and a name that is not a ")
        .append("step of the design is a spec error. Steps marked *not in the library* are never ")
        .append("reached by the shipped specs, for the reason given. `mirrorcheck list labels ")
        .append("[DESIGN]` prints the same lists.\n");
    for (Design d : Design.values()) {
      LabelInventory inv = LabelInventory.of(d);
      sb.append("\n## Design ").append(d.word()).append("\n\n").append(d.description())
          .append(". ").append(inv.steps().size()).append(" steps.\n");
      for (String component : inv.components()) {
        sb.append("\n### ").append(component).append("\n\n| step | models | not in the library |\n")
            .append("|---|---|---|\n");
        inv.steps().forEach((name, step) -> {
          if (step.component().equals(component)) {
            String gap = inv.notInLibrary().get(name);
            sb.append("| `").append(name).append("` | ").append(step.models().replace("|", "\\|"))
                .append(" | ").append(gap == null ? "" : gap).append(" |\n");
          }
        });
      }
    }
    check("docs/protocol-steps.md", sb.toString());
  }

  /** Nothing a user reads (README, docs, specs, configs, the code) cites a file they do not have. */
  @Test
  void nothingPointsOutsideTheRepository() throws IOException {
    Pattern foreign = Pattern.compile("sha" + "red/|refer" + "ence section|\\brefer" + "ence [0-9]|"
        + "\\b(K[0-9]+[a-z]?|R[0-9]+|H[0-9]+)\\b");
    List<String> hits = new ArrayList<>();
    for (String root : List.of("README.md", "docs", "specs", "jpf-configs", "src/main")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            if (foreign.matcher(lines.get(i)).find()) {
              hits.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertTrue(hits.isEmpty(), "cite docs/ (or the kernel file, commit or mail) instead:\n"
        + String.join("\n", hits));
  }

  private static final String GENERATED = "<!-- Generated from the code by ReferenceDocsTest; "
      + "MIRRORCHECK_WRITE_DOCS=1 mvn -q test -Dtest=ReferenceDocsTest rewrites it. -->\n\n";

  private static String designs(Iterable<Design> ds) {
    List<String> out = new ArrayList<>();
    ds.forEach(d -> out.add(d.word()));
    return String.join(", ", out);
  }

  private static String checkedBy(Property p) {
    List<String> out = new ArrayList<>();
    for (CheckedBy c : p.checkedBy()) {
      out.add(c.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", out);
  }

  private static void check(String file, String expected) throws IOException {
    Path path = Path.of(file);
    if (WRITE) {
      Files.writeString(path, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, file + " is out of date: run MIRRORCHECK_WRITE_DOCS=1 mvn -q "
        + "test -Dtest=ReferenceDocsTest");
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/spec-language.md} against the program: every key and sub-key the parser accepts is
 * documented and nothing else is; every operation is documented with its exact syntax and an example
 * that parses; the property table, the parser and {@code list} agree (including {@code data}).
 */
class SpecLanguageDocTest {
  private static final Path DOC = Path.of("docs/spec-language.md");

  private static String section(String doc, String heading) {
    int from = doc.indexOf("\n## " + heading + "\n");
    assertTrue(from >= 0, "the document has a section '## " + heading + "'");
    int to = doc.indexOf("\n## ", from + 4);
    return doc.substring(from, to < 0 ? doc.length() : to);
  }

  private static Set<String> headings(String text, String level) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\n" + level + " `([^`]+)`\n").matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyKeyAndSubKeyIsDocumentedAndNothingElse() throws IOException {
    String keys = section(Files.readString(DOC), "Keys");
    Set<String> top = new TreeSet<>(SpecParser.KEYS.get(""));
    assertEquals(top, headings(keys, "###"), "top-level keys: ### `key`");
    Set<String> sub = new TreeSet<>();
    SpecParser.KEYS.forEach((section, list) -> {
      if (!section.isEmpty()) {
        list.forEach(k -> sub.add(section + "." + k));
      }
    });
    assertEquals(sub, headings(keys, "####"), "sub-keys: #### `section.key`");
  }

  @Test
  void everyOperationIsDocumentedWithItsSyntaxAndAnExampleThatParses() throws Exception {
    String ops = section(Files.readString(DOC), "Operations");
    Set<String> words = new TreeSet<>();
    for (OpKind k : OpKind.values()) {
      words.add(k.word());
    }
    assertEquals(words, headings(ops, "###"), "operations: ### `word`");
    Map<String, String> body = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\n### `([^`]+)`\n(.*?)(?=\n### |\\z)", Pattern.DOTALL).matcher(ops);
    while (m.find()) {
      body.put(m.group(1), m.group(2).replaceAll("\\s*\n\\s*", " "));
    }
    for (OpKind k : OpKind.values()) {
      String text = body.get(k.word());
      assertTrue(text.contains("`" + k.syntax() + "`"), k.word() + " documents its syntax "
          + k.syntax() + ": " + text);
      Matcher ex = Pattern.compile("Example: `([^`]+)`").matcher(text);
      assertTrue(ex.find(), k.word() + " has an example");
      parseInContext(k, ex.group(1));
    }
  }

  /** Parses {@code op} as the only operation of a spec whose world has whatever ops refer to. */
  private static void parseInContext(OpKind kind, String op) {
    Design design = kind.designs().contains(Design.MODERN) ? Design.MODERN
        : kind.designs().contains(Design.ODP) ? Design.ODP : kind.designs().iterator().next();
    List<String> lines = new ArrayList<>(List.of("scenario: doc", "design: " + design.word(),
        "pages: 4", "fork-child: true", "files:", "  - {name: f, pages: 2}",
        "mappings:", "  - {anon: 0..1, perm: rw, populate: [10, 11]}", "  - {file: f, at: 2..3}"));
    if (design == Design.MODERN) {
      lines.add("devices: 2");
      lines.add("closed-devices: " + (kind == OpKind.MIRROR_OPEN ? "[1]" : "[]"));
    } else {
      lines.add("umems:");
      lines.add("  - {name: mr, pages: 0..1" + (kind == OpKind.UMEM_REGISTER ? ", registered: false"
          : "") + "}");
    }
    lines.add("actors:");
    lines.add("  a:");
    lines.add("    - " + op);
    try {
      Spec spec = SpecParser.parse("doc example", String.join("\n", lines) + "\n");
      assertEquals(kind, spec.actors().get("a").get(0).kind(), op);
    } catch (SpecException e) {
      throw new AssertionError("the example of " + kind.word() + " does not parse: " + e.getMessage());
    }
  }

  @Test
  void thePropertyTableTheParserAndListAgree() throws Exception {
    String props = section(Files.readString(DOC), "Properties");
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("\n\\| `([^`]+)` \\|").matcher(props);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> known = new TreeSet<>(PropertyCatalog.ids());
    known.add(Spec.DATA);
    assertEquals(known, documented, "one table row per property id, data included");
    CliRun list = CliRun.of("list", "properties");
    Set<String> listed = new TreeSet<>();
    for (String line : list.out.lines().skip(1).toList()) {
      listed.add(line.trim().split("\\s+")[0]);
    }
    assertEquals(known, listed, "list properties names the same ids");
    // data is accepted in properties: like any other id, and a spec without it leaves expect alone
    Spec spec = SpecParser.parse("data", "scenario: d\npages: 1\nproperties: [S1, data]\n"
        + "mappings: [{anon: 0, populate: [1]}]\nactors:\n  a: [cpu-read 0 expect 1]\n");
    assertEquals(1, SpecChecks.select(spec, List.of()).size());
    assertTrue(SpecChecks.checksData(spec, List.of()));
    Spec without = SpecParser.parse("nodata", "scenario: d\npages: 1\nproperties: [S1]\n"
        + "mappings: [{anon: 0, populate: [1]}]\nactors:\n  a: [cpu-read 0 expect 2]\n");
    assertTrue(!SpecChecks.checksData(without, List.of()));
  }
}

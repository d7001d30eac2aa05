package dev.mirrorcheck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a spec says about itself in its comments: the explanation of an expected violation is the
 * comment block at the top of the file from the line that mentions the expected violation (or
 * "finding") to the end of that block.
 */
final class SpecComments {
  private SpecComments() {}

  /** The explanation with its line range ({@code "text"}, first line, last line), or null. */
  record Note(String text, int firstLine, int lastLine) {}

  static Note expectedViolation(String specText) {
    if (specText == null) {
      return null;
    }
    String[] lines = specText.split("\n", -1);
    List<String> block = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].trim();
      if (!t.startsWith("#")) {
        break; // the leading comment block ends at the first key
      }
      String body = t.replaceFirst("^#+\\s?", "");
      String lower = body.toLowerCase(Locale.ROOT);
      if (start < 0 && (lower.contains("expected violation") || lower.startsWith("finding"))) {
        start = i;
      }
      if (start >= 0) {
        block.add(body);
      }
    }
    if (start < 0 || block.isEmpty()) {
      return null;
    }
    return new Note(String.join(" ", block).replaceAll("\\s+", " ").trim(), start + 1,
        start + block.size());
  }
}

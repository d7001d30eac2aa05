package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in list of equivalent source mutants ({@code docs/pit-equivalent.tsv}): mutants no
 * scenario can kill because they change nothing the model can show, one per line with the reason.
 * A line is {@code Class.method:line<TAB>Mutator<TAB>reason} (the class without its package, the
 * mutator as {@link PitMutants.Mutant#mutatorName()} names it); it covers every mutant of that
 * mutator on that line. Lines starting with {@code #} are comments.
 */
public final class Equivalents {
  /** Where the list lives, relative to the project directory. */
  public static final Path FILE = Path.of("docs", "pit-equivalent.tsv");

  static final Equivalents NONE = new Equivalents(ImmutableMap.of());

  private final ImmutableMap<String, String> reasons;

  private Equivalents(ImmutableMap<String, String> reasons) {
    this.reasons = reasons;
  }

  /** Reads the list; a missing file is an empty list. */
  public static Equivalents read(Path tsv) throws IOException {
    if (!Files.isRegularFile(tsv)) {
      return NONE;
    }
    return parse(tsv.toString(), Files.readAllLines(tsv));
  }

  /**
   * Parses the lines of {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed or repeated entry
   */
  public static Equivalents parse(String file, List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 3 || !f[0].matches("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$<>]+:\\d+")
          || !f[1].matches("[A-Za-z0-9_]+") || f[2].isBlank()) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected "
            + "'Class.method:line<TAB>Mutator<TAB>reason', found '" + line + "'");
      }
      if (out.put(f[0] + " " + f[1], f[2].strip()) != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + f[0] + " " + f[1]
            + " is listed twice");
      }
    }
    return new Equivalents(ImmutableMap.copyOf(out));
  }

  /** Why {@code m} is equivalent, or null when it is not listed. */
  public String reason(PitMutants.Mutant m) {
    return reasons.get(m.where() + " " + m.mutatorName());
  }

  public int size() {
    return reasons.size();
  }
}

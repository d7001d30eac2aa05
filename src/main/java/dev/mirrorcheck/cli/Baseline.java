package dev.mirrorcheck.cli;

import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exploration figures recorded beside a spec library ({@code baseline.tsv} in the specs'
 * directory): per scenario and design, the completed executions and the distinct protocol labels the
 * correct protocol reached. A run that explores fewer is a warning in {@code check} and a failure in
 * the test suite, because a reduction bug shrinks a proof silently: the verdict stays PASS.
 */
final class Baseline {
  static final String FILE = "baseline.tsv";
  static final String UPDATE_COMMAND = "./mirrorcheck check specs/ --update-baseline";
  private static final String HEADER = "# Exploration baseline of the correct protocol: completed "
      + "executions and distinct protocol labels per scenario.\n# A run exploring fewer fails the "
      + "tests. Regenerate after an intended change with: " + UPDATE_COMMAND + "\n"
      + "# scenario\tdesign\tcompleted\tlabels\n";

  /** What one exploration covered. */
  record Figures(String design, long completed, int labels) {
    static Figures of(SpecReport report) {
      int labels = 0;
      for (long n : report.coverage().values()) {
        labels += n > 0 ? 1 : 0;
      }
      return new Figures(report.design(), report.statistics().completed(), labels);
    }

    /** Why {@code actual} covers less than this recorded figure, or null when it does not. */
    String shortfall(Figures actual) {
      List<String> parts = new ArrayList<>();
      if (actual.completed < completed) {
        parts.add(String.format("%,d completed executions (baseline %,d)", actual.completed,
            completed));
      }
      if (actual.labels < labels) {
        parts.add(actual.labels + " distinct labels (baseline " + labels + ")");
      }
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
  }

  private final Path file;
  private final Map<String, Figures> rows;

  private Baseline(Path file, Map<String, Figures> rows) {
    this.file = file;
    this.rows = rows;
  }

  /** The baseline file of the directory {@code spec} lives in. */
  static Path fileOf(Spec spec) {
    Path dir = Path.of(spec.file()).normalize().getParent();
    return dir == null ? Path.of(FILE) : dir.resolve(FILE);
  }

  /** Reads {@code file}; a missing file is an empty baseline, a malformed line a usage error. */
  static Baseline load(Path file) {
    Map<String, Figures> rows = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Baseline(file, rows);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        if (f.length != 4) {
          throw new NumberFormatException("expected 4 tab-separated fields, got " + f.length);
        }
        rows.put(f[0], new Figures(f[1], Long.parseLong(f[2]), Integer.parseInt(f[3])));
      } catch (NumberFormatException e) {
        throw new UserError(file + ":" + (i + 1) + ": malformed baseline line: " + e.getMessage());
      }
    }
    return new Baseline(file, rows);
  }

  Path file() {
    return file;
  }

  /** The recorded figures of scenario {@code name} ({@code scenario@design} for a variant), or null. */
  Figures get(String name) {
    return rows.get(name);
  }

  /** The {@code n} scenarios with the most completed executions, largest first. */
  List<String> largest(int n) {
    List<String> names = new java.util.ArrayList<>(rows.keySet());
    names.sort((a, b) -> Long.compare(rows.get(b).completed(), rows.get(a).completed()));
    return names.subList(0, Math.min(n, names.size()));
  }

  void put(String name, Figures figures) {
    rows.put(name, figures);
  }

  Map<String, Figures> rows() {
    return rows;
  }

  void write() {
    StringBuilder sb = new StringBuilder(HEADER);
    rows.forEach((name, f) -> sb.append(name).append('\t').append(f.design()).append('\t')
        .append(f.completed()).append('\t').append(f.labels()).append('\n'));
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e.getMessage());
    }
  }
}

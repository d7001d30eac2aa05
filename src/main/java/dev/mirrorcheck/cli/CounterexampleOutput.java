package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.HarnessRef;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** Where counterexample files go and how they are named: one per harness reference and error number. */
final class CounterexampleOutput {
  static final String DEFAULT_DIR = "target/mirrorcheck/counterexamples";

  private final Path dir;

  CounterexampleOutput(Path dir) {
    this.dir = dir;
  }

  /**
   * Writes error number {@code n} and returns the path to show the user: relative to the working
   * directory when it lies below it, so the printed replay command can be pasted.
   */
  Path write(Counterexample cx, int n) {
    Path file = display(dir.resolve(slug(cx.harness()) + "-error" + n + ".json"));
    try {
      CounterexampleFile.write(file, cx);
    } catch (IOException e) {
      throw new UserError("cannot write counterexample " + file + ": " + e.getMessage());
    }
    return file;
  }

  /** For example {@code calibration-pages3-faulters2-buggy}: numbers keep their names. */
  static String slug(HarnessRef ref) {
    StringBuilder sb = new StringBuilder(ref.kind());
    for (Map.Entry<String, String> e : ref.params().entrySet()) {
      String v = e.getValue();
      sb.append('-').append(v.matches("-?\\d+") ? e.getKey() + v : v);
    }
    return sb.toString().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static Path display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Paths.get("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }
}

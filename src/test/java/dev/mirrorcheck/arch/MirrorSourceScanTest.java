package dev.mirrorcheck.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What ArchUnit cannot see in class files: no {@code synchronized} block or method and no
 * {@code java.util.concurrent} import anywhere in the mirror's sources.
 */
class MirrorSourceScanTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile("\\bsynchronized\\b|java\\.util\\.concurrent");
  private static final String[] PACKAGES = {
      "mm", "notifier", "hmm", "device", "odp", "mutation", "ghost", "hmm2015", "legacyodp",
      "driver", "nouveau"};

  @Test
  void noMonitorsOrJucInMirrorSources() throws IOException {
    Path root = Paths.get("src/main/java/dev/mirrorcheck");
    List<String> hits = new ArrayList<>();
    int files = 0;
    for (String pkg : PACKAGES) {
      try (Stream<Path> s = Files.walk(root.resolve(pkg))) {
        for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
          files++;
          List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            if (FORBIDDEN.matcher(lines.get(i)).find()) {
              hits.add(p + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertTrue(files > 20, "scanned the mirror sources (" + files + " files)");
    assertTrue(hits.isEmpty(), "forbidden in the mirror: " + hits);
  }
}

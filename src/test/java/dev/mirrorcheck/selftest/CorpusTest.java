package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The regression corpus: programs on which the explorer once disagreed with brute force (shrunk by
 * the minimiser, or written from a bug report). Every engine must agree on each of them.
 */
class CorpusTest {
  static final String CORPUS = "/dev/mirrorcheck/selftest/corpus";

  static List<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(CorpusTest.class.getResource(CORPUS).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".prog")).sorted().toList();
    }
  }

  static Program load(Path file) throws IOException {
    try {
      return ProgramText.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (ProgramText.ParseException e) {
      throw new AssertionError(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusProgramAgreesWithTheReference() throws Exception {
    List<Path> files = corpus();
    assertFalse(files.isEmpty(), "empty corpus");
    Differential diff = new Differential(200_000, Duration.ofSeconds(60));
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      Program p = load(f);
      Differential.Comparison c = diff.compare(p);
      assertTrue(c.complete(), "too large for an engine");
      assertTrue(c.agrees(), () -> (c.engine() == null ? "" : c.engine().description())
          + " differs from the reference:\n" + c.disagreement() + p);
    }));
  }
}

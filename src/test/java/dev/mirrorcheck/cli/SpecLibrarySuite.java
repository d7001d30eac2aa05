package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.spec.Spec;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped scenario library as JUnit tests: one dynamic test per (scenario, design), checked as
 * {@code check specs/} checks it and judged by the spec's own {@code expect:} (a pass that is
 * exhaustive and reaches its must-reach steps, or the declared violation). PIT runs it as the only
 * test against the model packages ({@code mvn -P pit}), so a mutant survives exactly when every
 * scenario still gives its verdict. {@code mvn verify} skips it (tag {@value #TAG}): the library
 * check there is {@link LibraryRun#library()}.
 */
@Tag(SpecLibrarySuite.TAG)
public class SpecLibrarySuite {
  static final String TAG = "spec-library";

  /** Every (scenario, design) of {@code specs/}, in the order {@code check specs/} runs them. */
  static List<Spec> library() {
    return SpecFiles.parse(SpecFiles.find(LibraryRun.testedSpecFiles().stream().map(Path::of)
        .toList()));
  }

  @TestFactory
  Stream<DynamicTest> specLibrary() {
    Path out = Path.of("target", "spec-library");
    return library().stream().map(spec -> DynamicTest.dynamicTest(spec.name(), () -> {
      PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
      SpecCheck.Outcome r = SpecCheck.asCheck(spec, new ExplorerOptionsMixin(), quiet,
          out.resolve(spec.name().replace('@', '_')));
      assertTrue(r.asExpected(), () -> spec.name() + ": " + CheckCommand.line(r) + " but "
          + spec.file() + " expects " + r.report.expectation().describe());
    }));
  }
}

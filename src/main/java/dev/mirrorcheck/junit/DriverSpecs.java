package dev.mirrorcheck.junit;

import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.report.Formats;
import dev.mirrorcheck.report.SpecReport;
import dev.mirrorcheck.report.StepText;
import dev.mirrorcheck.scenario.DriverClasses;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Scenario specs run against a driver of your own, one JUnit dynamic test each: a driver's Maven
 * project checks its model against the spec library (or its own specs) with {@code mvn test}.
 *
 * <pre>{@code
 * @TestFactory
 * List<DynamicTest> mySpecs() {
 *   return DriverSpecs.tests(MyDriver.class, Path.of("src/test/specs"));
 * }
 *
 * @TestFactory
 * List<DynamicTest> specLibrary() {
 *   return DriverSpecs.library(MyDriver.class);   // or library(MyDriver.class, "anon_teardown", ...)
 * }
 * }</pre>
 *
 * <p>Each spec runs in design {@code modern} with {@code driver:} set to the class. A spec that
 * uses one of the test driver's own ioctls (snapshot, migration, exclusive access), that does not
 * exist in design modern, or that expects a violation (a finding of the built-in drivers) is
 * skipped, saying why. The others must pass exhaustively, and a spec written for the driver
 * ({@code driver:} set) must reach its {@code must-reach} steps; a violation fails the test with the
 * interleaving, and the spec with the driver set is written under {@code target/mirrorcheck/junit}
 * so {@code ./mirrorcheck check FILE --classpath target/classes} reproduces it with a report.
 */
public final class DriverSpecs {
  private static final Path OUT = Path.of("target", "mirrorcheck", "junit");
  /** A file of the library, shipped beside its specs (pom.xml copies specs/ here). */
  private static final String LIBRARY_INDEX = "/dev/mirrorcheck/specs/baseline.tsv";

  private DriverSpecs() {}

  /** One test per spec file named or found below a named directory, in a stable order. */
  public static List<DynamicTest> tests(Class<? extends MirrorDriver> driver, Path... specs) {
    List<DynamicTest> out = new ArrayList<>();
    for (Path p : files(specs)) {
      out.add(DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), new Run(driver, p)));
    }
    return out;
  }

  /**
   * One test per scenario of mirrorcheck's own library (its {@code specs/}, shipped in the jar), or
   * of the named scenarios of it ({@code "anon_teardown"}, in the order given): the scenarios that
   * apply to a driver of design modern run, the others are skipped saying why.
   *
   * @throws IllegalArgumentException naming a scenario the library does not have
   */
  public static List<DynamicTest> library(Class<? extends MirrorDriver> driver,
      String... scenarios) {
    Path dir = libraryDirectory();
    if (scenarios.length == 0) {
      return tests(driver, dir);
    }
    Path[] files = new Path[scenarios.length];
    for (int i = 0; i < scenarios.length; i++) {
      files[i] = dir.resolve(scenarios[i] + ".yaml");
      if (!Files.isRegularFile(files[i])) {
        throw new IllegalArgumentException("mirrorcheck's scenario library has no scenario '"
            + scenarios[i] + "' (its scenarios are the .yaml files of specs/)");
      }
    }
    return tests(driver, files);
  }

  /** The library's directory: {@code specs/} as the jar (or the classes directory) holds it. */
  static Path libraryDirectory() {
    URL index = DriverSpecs.class.getResource(LIBRARY_INDEX);
    if (index == null) {
      throw new IllegalStateException("mirrorcheck's scenario library is not on the classpath ("
          + LIBRARY_INDEX + " is missing: a jar built without its specs/)");
    }
    try {
      URI uri = index.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          // opened by an earlier call: Path.of finds it
        }
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open mirrorcheck's scenario library at " + index, e);
    }
  }

  private static List<Path> files(Path... specs) {
    List<Path> out = new ArrayList<>();
    for (Path a : specs) {
      if (!Files.isDirectory(a)) {
        out.add(a);
        continue;
      }
      try (Stream<Path> s = Files.walk(a)) {
        s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** One spec with the driver. */
  private static final class Run implements Executable {
    private final Class<? extends MirrorDriver> driver;
    private final Path file;
    private boolean ownLabels; // must-reach names the driver's steps, not the test driver's

    Run(Class<? extends MirrorDriver> driver, Path file) {
      this.driver = driver;
      this.file = file;
    }

    @Override
    public void execute() throws IOException {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Spec spec;
      try {
        Spec declared = SpecParser.parse(file.toString(), text);
        if (!declared.designs().contains(Design.MODERN)) {
          throw new TestAbortedException(file + " does not exist in design modern");
        }
        if (declared.driver() != null && !declared.driver().equals(driver.getName())) {
          throw new TestAbortedException(file + " is written for driver " + declared.driver());
        }
        String withDriver = declared.driver() != null ? text
            : text + (text.endsWith("\n") ? "" : "\n") + "driver: " + driver.getName() + "\n";
        spec = SpecParser.parse(file.toString(), withDriver).in(Design.MODERN);
        text = withDriver;
        ownLabels = declared.driver() != null;
        DriverClasses.load(spec, driver.getClassLoader());
      } catch (SpecException e) {
        throw new TestAbortedException("not applicable to " + driver.getSimpleName() + ": "
            + e.getMessage());
      }
      if (spec.expect() == Spec.Expect.VIOLATION) {
        throw new TestAbortedException(file + " expects a violation of the built-in drivers");
      }
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(driver.getClassLoader());
      try {
        check(spec, text);
      } finally {
        Thread.currentThread().setContextClassLoader(before);
      }
    }

    private void check(Spec spec, String text) throws IOException {
      ExplorerOptions.Builder b = ExplorerOptions.builder().maxSteps(spec.maxSteps())
          .stopAtFirst(true).reduce(spec.reduce());
      if (spec.timeLimitSeconds() > 0) {
        b.timeLimit(Duration.ofSeconds(spec.timeLimitSeconds()));
      }
      if (spec.preemptionBound() >= 0) {
        b.preemptionBound(spec.preemptionBound());
      }
      Explorer explorer = new Explorer(b.build());
      ScenarioHarness harness = ScenarioHarness.of(spec);
      Result r = explorer.explore(harness);
      String stats = Formats.count(r.statistics().executions()) + " executions";
      if (r.verdict() == Result.Verdict.PASS) {
        for (String entry : ownLabels ? spec.mustReach() : List.<String>of()) {
          if (r.coverage().keySet().stream().noneMatch(l -> SpecReport.matches(l, entry))) {
            throw new AssertionFailedError(file + " with " + driver.getSimpleName() + ": passed "
                + "without ever reaching must-reach step '" + entry + "' (" + stats + ")");
          }
        }
        return;
      }
      if (r.verdict() != Result.Verdict.VIOLATION) {
        throw new AssertionFailedError(file + " with " + driver.getSimpleName() + ": "
            + r.verdict() + ", not a proof (" + stats + "): " + r.incompleteReason());
      }
      Finding f = r.findings().get(0);
      Files.createDirectories(OUT);
      Path copy = OUT.resolve(spec.name() + "-" + driver.getSimpleName() + ".yaml");
      Files.writeString(copy, text, StandardCharsets.UTF_8);
      throw new AssertionFailedError(file + " with " + driver.getSimpleName() + ": " + f + " ("
          + stats + ")\n" + StepText.table(explorer.replay(harness, f.schedule()).steps(), "  ")
          + "reproduce with: ./mirrorcheck check " + copy + " --classpath target/classes");
    }
  }
}

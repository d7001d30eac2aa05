package dev.mirrorcheck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.junit.DriverSpecs;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecCodec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * A driver written on the public API alone is checked by every property with nothing reported by
 * hand: the correct one passes the kernel suite's concurrent teardown, the one without read_retry
 * is caught.
 */
class DriverApiTest {
  private static final String TEARDOWN = "scenario: teardown\n"
      + "driver: %s\n"
      + "pages: 2\n"
      + "frames: 3\n"
      + "mappings:\n"
      + "  - {anon: 0..1, perm: rw, populate: [10, 11]}\n"
      + "actors:\n"
      + "  munmap: [munmap 1]\n"
      + "  fault:  [device-fault 0..1 read]\n"
      + "  dma:    [dma-read 0 expect 10|fault, dma-read 1 expect 11|fault]\n"
      + "must-reach: [fault:install, inval:zap]\n"
      + "bounds: {max-steps: 2000}\n";

  private static Result explore(Class<?> driver) throws SpecException {
    Spec spec = SpecParser.parse("teardown.yaml", String.format(TEARDOWN, driver.getName()));
    return new Explorer(ExplorerOptions.builder().maxSteps(spec.maxSteps()).build())
        .explore(ScenarioHarness.of(spec));
  }

  @Test
  void aCorrectDriverPassesAndReachesItsOwnSteps() throws SpecException {
    Result r = explore(TinyDriver.class);
    assertEquals(Result.Verdict.PASS, r.verdict(), r::toString);
    assertTrue(r.coverage().keySet().stream().anyMatch(l -> l.contains("fault:install")),
        () -> "never installed: " + r.coverage().keySet());
  }

  @Test
  void theSameScenarioCatchesTheDriverWithoutReadRetry() throws SpecException {
    Result r = explore(TinyDriverNoRetry.class);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r::toString);
    assertTrue(Set.of("S1", "S2", "S3", "S7", "data").contains(r.findings().get(0).property()),
        r::toString);
  }

  @Test
  void theDriverTravelsThroughTheCodec() throws SpecException {
    Spec spec = SpecParser.parse("teardown.yaml", String.format(TEARDOWN,
        TinyDriver.class.getName()));
    Spec back = SpecCodec.decode(SpecCodec.encode(spec));
    assertEquals(TinyDriver.class.getName(), back.driver());
    assertEquals(2, back.driverLine());
  }

  @Test
  void theTestDriversOwnIoctlsAreNotOffered() {
    String text = String.format(TEARDOWN, TinyDriver.class.getName())
        .replace("[munmap 1]", "[snapshot 0..1]");
    SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
        () -> SpecParser.parse("teardown.yaml", text));
    assertTrue(e.getMessage().startsWith("teardown.yaml:8: 'snapshot' is an ioctl of the test "
        + "driver"), e.getMessage());
  }

  /** The library through the JUnit entry: what applies passes, the rest is skipped with a reason. */
  @Test
  void driverSpecsRunsTheLibraryOnADriver() throws Throwable {
    List<DynamicTest> tests = DriverSpecs.tests(TinyDriver.class,
        Path.of("specs", "anon_teardown.yaml"), Path.of("specs", "anon_write.yaml"),
        Path.of("specs", "odp_teardown.yaml"));
    assertEquals(3, tests.size());
    int passed = 0;
    int skipped = 0;
    for (DynamicTest t : tests) {
      Executable e = t.getExecutable();
      try {
        e.execute();
        passed++;
      } catch (TestAbortedException skip) {
        skipped++;
      }
    }
    assertEquals(2, passed);
    assertEquals(1, skipped); // odp_teardown has no design modern
  }

  /** The library shipped on the classpath, by scenario name; a misspelt name is a clear error. */
  @Test
  void driverSpecsFindsTheShippedLibraryByName() throws Throwable {
    List<DynamicTest> tests = DriverSpecs.library(TinyDriver.class, "anon_teardown");
    assertEquals(1, tests.size());
    assertEquals("anon_teardown.yaml", tests.get(0).getDisplayName());
    tests.get(0).getExecutable().execute();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DriverSpecs.library(TinyDriver.class, "anon_teardwn"));
    assertTrue(e.getMessage().contains("no scenario 'anon_teardwn'"), e.getMessage());
    assertTrue(DriverSpecs.library(TinyDriver.class).size() > 50, "the whole library");
  }
}

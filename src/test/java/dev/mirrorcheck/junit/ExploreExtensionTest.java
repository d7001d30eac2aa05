package dev.mirrorcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mirrorcheck.cli.Main;
import dev.mirrorcheck.junit.fixtures.FailingExplorations;
import dev.mirrorcheck.junit.fixtures.FixtureCondition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension as JUnit runs it: deliberately failing {@code @ExploreTest}s (run through
 * EngineTestKit) fail with the finding, schedule, step table and a counterexample file that the CLI
 * replays.
 */
class ExploreExtensionTest {
  private static final Pattern FILE = Pattern.compile("counterexample: (\\S+\\.json)");

  @TempDir static Path out;
  private static final Map<String, String> failures = new HashMap<>();

  @BeforeAll
  static void runFixtures() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailingExplorations.class))
        .configurationParameter(FixtureCondition.PARAMETER, "true")
        .configurationParameter(ExploreExtension.OUTPUT_DIR, out.toString())
        .execute();
    results.testEvents().assertStatistics(s -> s.started(5).failed(5).succeeded(0));
    for (Event e : results.testEvents().failed().list()) {
      String method = ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName();
      Throwable t = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
      failures.put(method, t.getMessage());
    }
  }

  @Test
  void unexpectedViolationShowsScheduleStepTableAndReplayFile() {
    String m = failures.get("racyCounterExpectedToPass");
    assertTrue(m.startsWith("mirrorcheck: unexpected violation in racyCounterExpectedToPass"), m);
    assertTrue(m.contains("error #1: END_CHECK C1: lost update: count is 1"), m);
    assertTrue(m.contains("schedule:   "), m);
    assertTrue(m.contains("step  actor") && m.contains("inc0:read") && m.contains("inc1:write"), m);
    assertTrue(m.contains("replay with:    ./mirrorcheck replay --classpath target/test-classes "), m);
    assertTrue(counterexample(m).startsWith(out.toString()), m);
  }

  @Test
  void counterexampleFileNamesTheTestMethodAndReplaysThroughTheCli() throws IOException {
    String file = counterexample(failures.get("racyCounterExpectedToPass"));
    assertTrue(file.endsWith(
        "dev.mirrorcheck.junit.fixtures.FailingExplorations.racyCounterExpectedToPass.json"), file);
    JsonNode harness = new ObjectMapper().readTree(Files.readString(Path.of(file))).get("harness");
    assertEquals("junit", harness.get("kind").asText());
    assertEquals(FailingExplorations.class.getName(), harness.get("params").get("class").asText());
    assertEquals("racyCounterExpectedToPass", harness.get("params").get("method").asText());

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit = Main.run(new PrintWriter(stdout), new PrintWriter(stderr),
        "replay", "--classpath", "target/test-classes", file);
    assertEquals(1, exit, stdout + "\n" + stderr);
    assertTrue(stdout.toString().contains("reproduced: END_CHECK C1"), stdout::toString);
  }

  @Test
  void violationOfAnotherPropertyFailsAndSaysWhichWasFound() {
    String m = failures.get("racyCounterViolatesAnotherProperty");
    assertTrue(m.contains("expected a violation of C2"), m);
    assertTrue(m.contains("found only other violations") && m.contains("END_CHECK C1"), m);
    assertTrue(m.contains("set stopAtFirst = false"), m);
  }

  @Test
  void expectedViolationThatNeverHappensFails() {
    String m = failures.get("lockedCounterExpectedToFail");
    assertTrue(m.contains("expected a violation in lockedCounterExpectedToFail, but every "
        + "interleaving passed"), m);
  }

  @Test
  void boundHitIsNotAPass() {
    String m = failures.get("lockedCounterWithTooFewSteps");
    assertTrue(m.startsWith("mirrorcheck: BOUND_HIT, not a pass:"), m);
    assertTrue(m.contains("step bound of 3 steps") && m.contains("maxSteps"), m);
  }

  @Test
  void harnessErrorNamesTheTestAndItsException() {
    String m = failures.get("harnessThatCannotBeBuilt");
    assertTrue(m.contains("harness error in harnessThatCannotBeBuilt"), m);
    assertTrue(m.contains("bad set-up in the test"), m);
  }

  private static String counterexample(String message) {
    Matcher m = FILE.matcher(message);
    assertTrue(m.find(), message);
    return m.group(1);
  }
}

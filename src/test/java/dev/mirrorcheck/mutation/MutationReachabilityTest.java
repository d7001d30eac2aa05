package dev.mirrorcheck.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.device.AnonTeardownHarness;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.odp.OdpTeardownHarness;
import dev.mirrorcheck.sync.Harness;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every switch point is reachable: each mutation below produces a violation of the property the
 * catalogue names (or a deadlock) in a small harness that the correct protocol passes.
 */
@Timeout(120)
class MutationReachabilityTest {
  private static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(3000).build();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Mutation.M6, "S1", (Function<Mutations, Harness>)
            ReachabilityHarnesses::madviseVersusFault),
        Arguments.of(Mutation.M12, "S1", (Function<Mutations, Harness>)
            ReachabilityHarnesses::mprotectVersusWriter),
        Arguments.of(Mutation.M11, "S4a", (Function<Mutations, Harness>)
            ReachabilityHarnesses::swapLosesDeviceWrite),
        Arguments.of(Mutation.M15, "L1", (Function<Mutations, Harness>)
            ReachabilityHarnesses::twoMadvisesVersusFault),
        Arguments.of(Mutation.M17, "S8", (Function<Mutations, Harness>)
            ReachabilityHarnesses::oomReaperVersusFault),
        Arguments.of(Mutation.M28, "S4b", (Function<Mutations, Harness>)
            ReachabilityHarnesses::migrateVersusDeviceWrite),
        Arguments.of(Mutation.M16, "L1", (Function<Mutations, Harness>)
            ReachabilityHarnesses::thpSplitVersusRegistration),
        Arguments.of(Mutation.M19, "S10", (Function<Mutations, Harness>)
            ReachabilityHarnesses::deregVersusMunmap),
        Arguments.of(Mutation.M21, "S10", (Function<Mutations, Harness>)
            ReachabilityHarnesses::emptyChildTwoInvalidations),
        Arguments.of(Mutation.M22, "S1", (Function<Mutations, Harness>)
            ReachabilityHarnesses::writePrefetchOnReadOnly));
  }

  /** The teardown races (munmap against fault and DMA) kill the fault- and callback-side bugs. */
  static Stream<Arguments> teardownCases() {
    Function<Mutations, Harness> dmirror = AnonTeardownHarness::new;
    Function<Mutations, Harness> odp = OdpTeardownHarness::new;
    return Stream.of(
        Arguments.of(Mutation.M4, "S1", dmirror), Arguments.of(Mutation.M5, "S1", dmirror),
        Arguments.of(Mutation.M9, "S3", dmirror), Arguments.of(Mutation.M10, "S3", dmirror),
        Arguments.of(Mutation.M13, "S1", dmirror), Arguments.of(Mutation.M14, "L1", dmirror),
        Arguments.of(Mutation.M24, "S3", dmirror), Arguments.of(Mutation.M4, "S1", odp),
        Arguments.of(Mutation.M5, "S3", odp), Arguments.of(Mutation.M9, "S3", odp),
        Arguments.of(Mutation.M10, "S3", odp), Arguments.of(Mutation.M13, "S1", odp),
        Arguments.of(Mutation.M14, "L1", odp), Arguments.of(Mutation.M24, "S3", odp));
  }

  @ParameterizedTest(name = "{0} breaks {1} in {2}")
  @MethodSource("teardownCases")
  void teardownKills(Mutation m, String property, Function<Mutations, Harness> harness) {
    Result bad = new Explorer(OPTIONS).explore(harness.apply(Mutations.of(m)));
    assertEquals(Result.Verdict.VIOLATION, bad.verdict(), m + ": " + bad);
    assertEquals(property, bad.findings().get(0).property(), bad.findings().toString());
  }

  @ParameterizedTest(name = "{0} breaks {1}")
  @MethodSource("cases")
  void correctPassesAndMutantFails(Mutation m, String property,
      Function<Mutations, Harness> harness) {
    Result ok = new Explorer(OPTIONS).explore(harness.apply(Mutations.none()));
    assertEquals(Result.Verdict.PASS, ok.verdict(), "correct protocol: " + ok);
    Result bad = new Explorer(OPTIONS).explore(harness.apply(Mutations.of(m)));
    assertEquals(Result.Verdict.VIOLATION, bad.verdict(), m + ": " + bad);
    assertTrue(bad.findings().stream().anyMatch(f -> property.equals(f.property())),
        m + " should break " + property + ": " + bad.findings());
  }
}

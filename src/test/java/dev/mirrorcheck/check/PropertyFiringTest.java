package dev.mirrorcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property fires: in its scenario's broken variant (a catalogue mutation that names it, or a
 * deliberately broken operation) the first finding is a violation of that property, with only that
 * property installed; the correct variant of the same scenario passes every applicable property.
 */
@Timeout(60)
class PropertyFiringTest {
  static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(3000).build();

  static Stream<Arguments> cases() {
    return Stream.of(
        fires("S1", "M4", Design.MODERN, CheckHarnesses.teardown(Mutation.M4)),
        fires("S1", "M6", Design.MODERN, CheckHarnesses.madviseVersusFault(Mutation.M6)),
        fires("S2", "M9", Design.MODERN, CheckHarnesses.teardown(Mutation.M9)),
        fires("S2", "M13", Design.MODERN, CheckHarnesses.teardown(Mutation.M13)),
        fires("S3", "M9", Design.MODERN, CheckHarnesses.teardown(Mutation.M9)),
        fires("S3", "M24", Design.MODERN, CheckHarnesses.teardown(Mutation.M24)),
        fires("S4a", "M11", Design.MODERN, CheckHarnesses.swapOut(Mutation.M11)),
        fires("S4a", "M10", Design.MODERN, CheckHarnesses.munmapVersusWriter(Mutation.M10)),
        fires("S4b", "M28", Design.MODERN, CheckHarnesses.migrateVersusWriter(Mutation.M28)),
        fires("S5", "M12", Design.MODERN, CheckHarnesses.mprotectVersusWriter(Mutation.M12)),
        fires("S5", "M22", Design.ODP, CheckHarnesses.writePrefetchOnReadOnly(Mutation.M22)),
        fires("S6", "M12", Design.MODERN, CheckHarnesses.forkVersusWriter(Mutation.M12)),
        fires("S7", "M3", Design.MODERN, CheckHarnesses.madviseVersusFault(Mutation.M3)),
        fires("S7", "M3", Design.ODP, CheckHarnesses.odpFaultVersusMunmap(Mutation.M3)),
        fires("S8", "M17", Design.MODERN, CheckHarnesses.oomReaperVersusFault(Mutation.M17)),
        fires("S8", "epoch closed by a non-last end", Design.MODERN,
            CheckHarnesses.earlyEpochClose()),
        fires("S8", "callback for a range outside its interval", Design.MODERN,
            CheckHarnesses.callbackOutsideItsInterval()),
        fires("S8", "epoch opened by a range that hits no subscription", Design.ODP,
            CheckHarnesses.epochWithoutHit()),
        fires("S8", "insert into the interval tree during an open epoch", Design.MODERN,
            CheckHarnesses.treeChangedInEpoch()),
        fires("S9", "M18", Design.MODERN, CheckHarnesses.releaseVersusMunmap(Mutation.M18)),
        fires("S9", "a CPU fault on a device page after its device file was closed",
            Design.MODERN, CheckHarnesses.devmemFaultAfterRelease()),
        fires("S9", "classic unregister without synchronize_srcu", Design.MODERN,
            CheckHarnesses.classicUnregisterWithoutGracePeriod()),
        fires("S9", "classic unregister that leaves the hlist as it was", Design.MODERN,
            CheckHarnesses.classicUnregisterLeftOnTheList()),
        fires("S9", "legacy ODP release that leaves the umem in umem_tree", Design.LEGACY_ODP,
            CheckHarnesses.legacyReleaseLeftInTheTree()),
        fires("S9", "legacy ODP release that leaves the umem on no_private_counters",
            Design.LEGACY_ODP, CheckHarnesses.legacyReleaseLeftWithoutPrivateCounters()),
        fires("S9", "legacy ODP unregister without synchronize_srcu before the re-registration",
            Design.LEGACY_ODP, CheckHarnesses.legacyNotifierRegisteredAgain()),
        fires("S10", "M20", Design.ODP, CheckHarnesses.odpFaultVersusMunmap(Mutation.M20)),
        fires("S10", "M21", Design.ODP, CheckHarnesses.emptyChildTwoInvalidations(Mutation.M21)),
        fires("S10", "legacy ODP release that puts the mm get_task_mm did not return",
            Design.LEGACY_ODP, CheckHarnesses.legacyReleasePutsWithoutGetTaskMm()),
        fires("S10", "legacy ODP release that never puts its get_task_mm reference",
            Design.LEGACY_ODP, CheckHarnesses.legacyReleaseKeepsTheMm()),
        fires("S10", "exit whose last mmput skips exit_mmap", Design.MODERN,
            CheckHarnesses.exitWithoutExitMmap()),
        fires("S10", "exit that tears the mm down while a fault holds a reference", Design.MODERN,
            CheckHarnesses.exitMmapWhileInUse()),
        fires("L1", "M15", Design.MODERN, CheckHarnesses.twoMadvisesVersusFault(Mutation.M15)),
        fires("L2", "forgotten invalidate_range_end", Design.MODERN, CheckHarnesses.forgottenEnd()),
        fires("L3", "read_begin outside the retry loop", Design.MODERN,
            CheckHarnesses.staleSequenceFault()),
        fires("L4", "test-then-sleep epoch wait", Design.MODERN,
            CheckHarnesses.locklessEpochWait()));
  }

  private static Arguments fires(String id, String broken, Design design, Scenario scenario) {
    return Arguments.of(id, broken, design, scenario);
  }

  @ParameterizedTest(name = "{0} fires on {1}")
  @MethodSource("cases")
  void brokenVariantViolatesTheProperty(String id, String broken, Design design,
      Scenario scenario) {
    Result r = new Explorer(OPTIONS).explore(
        scenario.harness(true, List.of(PropertyCatalog.byId(id))));
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), id + " on " + broken + ": " + r);
    assertEquals(id, r.findings().get(0).property(), r.findings().toString());
  }

  @ParameterizedTest(name = "{0} scenario of {1} passes when correct")
  @MethodSource("cases")
  void correctVariantPassesEveryProperty(String id, String broken, Design design,
      Scenario scenario) {
    Result r = new Explorer(OPTIONS).explore(
        scenario.harness(false, PropertyCatalog.applicableTo(design).stream()
            .filter(p -> !p.id().equals("L5")).collect(java.util.stream.Collectors.toList())));
    assertEquals(Result.Verdict.PASS, r.verdict(), "correct protocol: " + r.findings());
  }
}

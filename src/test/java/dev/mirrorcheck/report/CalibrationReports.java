package dev.mirrorcheck.report;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports built from real explorations of the calibration harness (2 pages, 1 faulter): the correct
 * variant passes, the buggy one violates S3. Explored once per test JVM: the tests only read them.
 */
final class CalibrationReports {
  static final String S3_TITLE = "no use-after-free";
  static final String S3_STATEMENT = "The device never maps a page frame that an invalidation has "
      + "already freed.";
  static final String UNEMITTED = "device:never_emitted";
  /** The step of {@link #UNEMITTED}: coverage lists steps. */
  static final String UNEMITTED_STEP = "never_emitted";
  static final String WARNING = "fault:install was never reached: S1 passes vacuously";
  static final String SOURCE = "design: calibration\npages: 2\nfaulters: 1\n# ``` a fence inside\n";

  /** Every label the calibration model can emit, plus one it never does. */
  static final List<String> LABELS = List.of(
      "inval:seq_begin", "inval:lock", "inval:zap_dev_pte", "inval:unlock", "inval:ptl_lock",
      "inval:read_cpu_pte", "inval:clear_cpu_pte", "inval:ptl_unlock", "inval:seq_end", "inval:wake",
      "inval:done", "inval:ptl_lock_free", "inval:free_frame", "inval:ptl_unlock_free",
      "fault:read_begin", "fault:read_seq", "fault:ptl_lock", "fault:snapshot", "fault:ptl_unlock",
      "fault:lock",
      "fault:read_retry", "fault:unlock_retry", "fault:install", "fault:unlock", "device:check_done",
      "device:lock", "device:read_dev_pte", "device:ptl_lock", "device:read_freed",
      "device:ptl_unlock", "device:unlock", UNEMITTED);

  static final SpecReport PASS = spec("calibration-correct", false);
  static final SpecReport VIOLATION = spec("calibration-buggy", true);
  static final RunReport RUN = RunReport.builder("20260101-120000", Instant.parse("2026-01-01T12:00:00Z"))
      .toolVersion("0.1.0-test").jvm("test JVM")
      .commandLine(List.of("./mirrorcheck", "check", "specs/calibration dir/"))
      .spec(PASS).spec(VIOLATION).build();

  private CalibrationReports() {}

  static SpecReport spec(String name, boolean buggy) {
    MirrorCalibration harness = new MirrorCalibration(2, 1, buggy);
    ExplorerOptions options = ExplorerOptions.builder().maxSteps(2000).build();
    Explorer explorer = new Explorer(options);
    Result result = explorer.explore(harness);
    List<CounterexampleView> cxs = new ArrayList<>();
    for (Finding f : result.findings()) {
      Replay replay = explorer.replay(harness, f.schedule());
      String file = "target/mirrorcheck/counterexamples/" + name + "-error" + (cxs.size() + 1) + ".json";
      cxs.add(CounterexampleView.builder(f).replay(replay)
          .reachedBy(result.findingCounts().getOrDefault(f.key(), 1L))
          .file(file).replayCommand("./mirrorcheck replay " + file).build());
    }
    SpecReport.Builder b = SpecReport.builder(name)
        .source("specs/" + name + ".yaml", SOURCE)
        .design("calibration")
        .option("pages", "2").option("faulters", "1")
        .options(SpecReport.optionsOf(options))
        .result(result)
        .counterexamples(cxs)
        .property(PropertyVerdict.of("S3", S3_TITLE, S3_STATEMENT, cxs))
        .property(PropertyVerdict.notApplicable("S6", "COW isolation", "No fork in this design."))
        .labels(LABELS)
        .mustReach(List.of("install", "fault:read_retry"))
        .warning(WARNING);
    if (buggy) {
      b.mutation("M3", "read_retry evaluated without the driver lock");
    }
    return b.build();
  }
}

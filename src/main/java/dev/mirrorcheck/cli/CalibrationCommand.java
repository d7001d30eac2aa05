package dev.mirrorcheck.cli;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.sync.Harness;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mirrorcheck calibration}: explores the calibration harness, the speed yardstick. */
@Command(name = "calibration", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Explore the calibration harness (interval-notifier mirror, the speed yardstick).",
    description = {
      "Explore every interleaving of the calibration harness: a tiny interval-notifier mirror with "
          + "one invalidating thread, N faulting threads and a device thread that checks it never "
          + "maps a freed frame (property S3). The buggy variant drops the sequence-count retry "
          + "check under the driver lock.",
      "",
      "Prints a JPF-style report; each violation is replayed and saved as a counterexample JSON "
          + "file that 'mirrorcheck replay' re-executes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck calibration --pages 3 --faulters 2            # exhaustive pass",
      "  ./mirrorcheck calibration --pages 3 --faulters 2 --buggy    # finds S3, writes JSON",
      "  ./mirrorcheck calibration --buggy --all --out /tmp/cx       # every distinct violation",
    })
final class CalibrationCommand implements Callable<Integer>, ExitCodes {
  @Spec CommandSpec spec;

  @Option(names = "--pages", paramLabel = "N", description = "Pages in the mirrored range. Default: 3.")
  int pages = 3;

  @Option(names = "--faulters", paramLabel = "N", description = "Faulting threads. Default: 2.")
  int faulters = 2;

  @Option(names = "--buggy", description = "Check the variant without the retry check.")
  boolean buggy;

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for counterexample files. Default: " + CounterexampleOutput.DEFAULT_DIR)
  Path out = Path.of(CounterexampleOutput.DEFAULT_DIR);

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "no violation; every interleaving of the harness was explored",
        ExitCode.VIOLATION, "a violation was found (counterexample written)",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INCOMPLETE, "no violation, but NOT a pass: step bound hit or search stopped early",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    HarnessRef ref = CalibrationHarness.ref(pages, faulters, buggy);
    Harness harness = HarnessCatalog.standard().resolve(ref);
    String description = ((MirrorCalibration) harness).describe();
    explorer.noteParallelReduction(explorer.builder().build(), spec.commandLine().getErr());
    return new CheckRun(spec.commandLine().getOut(), spec.commandLine().getErr(),
        new CounterexampleOutput(out)).run(ref, harness, description, explorer.builder());
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.Decision;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.ReplayDivergedException;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessException;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.report.Formats;
import dev.mirrorcheck.report.StepText;
import dev.mirrorcheck.sync.Harness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mirrorcheck replay FILE}: re-executes a saved counterexample and shows every step. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Re-execute a counterexample file step by step and check it still fails.",
    description = {
      "Re-execute the schedule saved in a counterexample file, deterministically, and print "
          + "every step: which actor ran which operation, on which object, with which value. "
          + "Then say whether the recorded violation was reproduced."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck calibration --pages 3 --faulters 2 --buggy",
      "  ./mirrorcheck replay \\",
      "      target/mirrorcheck/counterexamples/calibration-pages3-faulters2-buggy-error1.json",
      "  ./mirrorcheck replay --classpath target/test-classes \\",
      "      target/mirrorcheck/junit/com.example.MirrorTest.faultVersusMunmap.json",
    })
final class ReplayCommand implements Callable<Integer>, ExitCodes {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A counterexample JSON file.")
  Path file;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Directories or jars holding the harness classes of 'junit' counterexamples "
          + "(written by @ExploreTest tests) or the driver a spec names with 'driver:', "
          + "separated by ':'; repeatable. "
          + "Example: --classpath target/test-classes")
  List<String> classpath = new ArrayList<>();

  @Mixin ThreadsMixin threads = new ThreadsMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.VIOLATION, "the recorded violation was reproduced",
        ExitCode.USAGE, "NOT reproduced, or the file or its harness reference is invalid",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() throws CounterexampleFile.InvalidFileException {
    // drivers (spec key driver:) load through the context class loader --classpath sets
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try {
      return run();
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  private Integer run() throws CounterexampleFile.InvalidFileException {
    PrintWriter out = spec.commandLine().getOut();
    Counterexample cx = CounterexampleFile.read(file);
    ClassLoader harnessClasses = HarnessClasspath.loader(classpath);
    Thread.currentThread().setContextClassLoader(harnessClasses); // a spec's driver: class
    Harness harness;
    List<String> notes = new ArrayList<>();
    try {
      harness = HarnessCatalog.standard(harnessClasses).resolve(cx.harness(), notes::add);
    } catch (UserError e) {
      throw new UserError(file + ": " + e.getMessage());
    }
    Finding expected = cx.finding();
    // The replay must not stop short of the recorded violation, however long its schedule.
    int bound = Math.min(ExplorerOptions.MAX_STEP_BOUND,
        Math.max(ExplorerOptions.defaults().maxSteps(), expected.steps() + 1));
    ExplorerOptions options = ExplorerOptions.builder().maxSteps(bound).threads(threads.threads())
        .build();
    out.println("counterexample: " + file);
    out.println("harness:        " + describe(cx));
    for (String note : notes) {
      out.println("note:           " + note);
    }
    out.println("violation:      " + expected);
    out.println("schedule:       " + expected.schedule().size() + " decisions: "
        + Formats.schedule(expected.schedule()));
    out.println();
    Replay replay;
    try {
      replay = new Explorer(options).replay(harness, expected.schedule());
    } catch (ReplayDivergedException e) {
      out.println("NOT reproduced: expected " + expected);
      out.println("  " + e.getMessage());
      return ExitCode.USAGE;
    } catch (HarnessException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
    out.print(StepText.table(replay.steps(), ""));
    out.println();
    String wrong = contradiction(expected, replay);
    if (wrong == null && replay.reproduces(expected)) {
      out.println("reproduced: " + expected);
      return ExitCode.VIOLATION;
    }
    out.println("NOT reproduced: expected " + expected);
    out.println("  " + (wrong != null ? wrong : "the replay ended " + replay.ending()
        + (replay.findings().isEmpty() ? " without a violation" : " after: " + replay.findings())));
    return ExitCode.USAGE;
  }

  /**
   * What makes a replay that reached the violation no reproduction of it, or null: a decision naming
   * an actor other than the one at its index, or decisions left over after the violation (a
   * counterexample ends where its violation shows, so the rest would be unexplained).
   */
  static String contradiction(Finding expected, Replay replay) {
    List<Decision> schedule = expected.schedule();
    for (int i = 0; i < schedule.size(); i++) {
      Decision d = schedule.get(i);
      if (d.isChoice() || d.actorName() == null || d.actorName().equals("actor" + d.actor())) {
        continue;
      }
      if (d.actor() >= replay.actors().size() || !replay.actors().get(d.actor()).equals(d.actorName())) {
        return "schedule[" + i + "] names actor '" + d.actorName() + "' but actor " + d.actor()
            + " of the harness is " + (d.actor() < replay.actors().size()
                ? "'" + replay.actors().get(d.actor()) + "'" : "missing");
      }
    }
    int at = replay.decisionsBefore(expected);
    if (at >= 0 && at < replay.decisions()) {
      int left = replay.decisions() - at;
      return "the schedule has " + left + " decision" + (left == 1 ? "" : "s") + " left after the "
          + "violation showed at decision " + at + "; a counterexample ends where its violation shows";
    }
    return null;
  }

  /** The harness reference without the embedded spec text, which is long. */
  private static String describe(Counterexample cx) {
    Map<String, String> shown = new LinkedHashMap<>(cx.harness().params());
    if (shown.containsKey("spec")) {
      shown.put("spec", "(" + shown.get("spec").lines().count() + " lines embedded)");
    }
    return HarnessRef.of(cx.harness().kind(), shown).toString();
  }
}

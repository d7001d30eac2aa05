package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The explorer flags shared by every command that explores, turned into {@link ExplorerOptions}. */
public final class ExplorerOptionsMixin {
  @Option(names = "--max-steps", paramLabel = "N",
      description = "Step bound per execution, 1.." + ExplorerOptions.MAX_STEP_BOUND + ". An execution "
          + "reaching it makes the verdict BOUND_HIT, never a pass. Default: " + ExplorerOptions.DEFAULT_MAX_STEPS + ".")
  Integer maxSteps;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "Stop after this many seconds; the verdict is then INCOMPLETE unless a violation "
          + "was found. For check, the limit of each spec as a whole, shared by the designs it "
          + "lists (see --time-limit-per-design); elsewhere, of each exploration. Default: no "
          + "limit.")
  Long timeLimitSeconds;

  @Option(names = "--preemption-bound", paramLabel = "N",
      description = "Explore only schedules with at most N preemptions, 0..1000 (fast bug hunting; "
          + "the verdict is then INCOMPLETE unless a violation was found). Default: none.")
  Integer preemptionBound;

  @Option(names = "--all",
      description = "Collect every distinct violation instead of stopping at the first.")
  boolean all;

  @Option(names = "--shortest",
      description = "Search on past the first violation and report the shortest counterexample over "
          + "every explored trace (slower; --all already keeps the shortest of each violation).")
  boolean shortest;

  @Option(names = "--no-reduce",
      description = "Make every operation a scheduling point (no atomic blocks); slower, for "
          + "cross-checking the reduction.")
  boolean noReduce;

  @Option(names = "--reduce", paramLabel = "source|optimal",
      description = "Partial-order reduction: optimal DPOR with wakeup trees (default: one "
          + "execution per Mazurkiewicz trace where no step blocks; the first step whose accesses "
          + "depend on what it read in the same step, a trylock, a wait condition or a wake makes "
          + "it start again as source-DPOR; the report says which ran) or source-DPOR with sleep "
          + "sets.")
  String dpor;

  @Option(names = "--symmetry", paramLabel = "off|start|states",
      description = "Symmetry reduction of interchangeable actors (spec actors with the same "
          + "operations, calibration faulters, harnesses that declare them): of members in the "
          + "same local state only the lowest-numbered runs. 'start': only before they start; "
          + "'states' (default): also whenever their histories agree; 'off': none.")
  String symmetry;

  @Option(names = "--workers", paramLabel = "N",
      description = "Explore on N workers at once, 1.." + ExplorerOptions.MAX_WORKERS + ": the "
          + "verdict, the violations and the completed executions are those of one worker. "
          + "Several workers run source-DPOR (optimal DPOR follows one depth-first order; a note "
          + "on stderr and the report say so); no preemption bound. Default: 1 (more do not yet speed up "
          + "the largest searches; see the README).")
  Integer workers;

  @Mixin ThreadsMixin threads = new ThreadsMixin();

  /**
   * Workers when {@code --workers} is not given: one, unless the system property
   * {@code mirrorcheck.workers} says otherwise (the test suite pins it to 1, so that the numbers of
   * executions it compares, sleep-set-blocked ones included, do not vary with the timing).
   */
  static int defaultWorkers() {
    return Integer.getInteger("mirrorcheck.workers", 1);
  }

  /** Whether {@code --workers} was given (it overrides a spec's {@code engine: {workers}}). */
  boolean workersGiven() {
    return workers != null;
  }

  /** Whether a flag changes how much is explored (bounds, search mode, reduction). */
  boolean changesResults() {
    return maxSteps != null || timeLimitSeconds != null || preemptionBound != null || all
        || shortest || noReduce || dpor != null || symmetry != null;
  }

  /** Whether {@code --symmetry} was given (it overrides a spec's {@code engine: {symmetry}}). */
  boolean symmetryGiven() {
    return symmetry != null;
  }

  /** Whether {@code --reduce} was given (it overrides a spec's {@code engine: {reduce}}). */
  boolean dporGiven() {
    return dpor != null;
  }

  /** A builder with every given flag applied; out-of-range values become one-line usage errors. */
  ExplorerOptions.Builder builder() {
    ExplorerOptions.Builder b = ExplorerOptions.builder();
    if (maxSteps != null) {
      apply("--max-steps", () -> b.maxSteps(maxSteps));
    }
    if (timeLimitSeconds != null) {
      if (timeLimitSeconds <= 0) {
        throw new UserError(
            "--time-limit must be a positive number of seconds, got " + timeLimitSeconds);
      }
      apply("--time-limit", () -> b.timeLimit(Duration.ofSeconds(timeLimitSeconds)));
    }
    if (preemptionBound != null) {
      if (preemptionBound < 0) {
        throw new UserError("--preemption-bound must be in 0..1000, got " + preemptionBound);
      }
      apply("--preemption-bound", () -> b.preemptionBound(preemptionBound));
    }
    b.stopAtFirst(!all).shortest(shortest).reduce(!noReduce).threads(threads.threads());
    if (dpor != null) {
      b.dpor(parseDpor(dpor));
    }
    if (symmetry != null) {
      b.symmetry(parseSymmetry(symmetry));
    }
    if (workers != null) {
      apply("--workers", () -> b.workers(workers));
      if (workers > 1 && preemptionBound != null) {
        throw new UserError("--workers " + workers + ": a preemption bound runs on one worker only");
      }
    } else {
      b.workers(defaultWorkers());
    }
    return b;
  }

  /**
   * Says once on {@code err} that a run of several workers that asked for optimal DPOR explores
   * with source-DPOR (the report says it too).
   */
  void noteParallelReduction(ExplorerOptions o, java.io.PrintWriter err) {
    if (!parallelNoted && o.workers() > 1 && o.dpor() == ExplorerOptions.Dpor.OPTIMAL) {
      parallelNoted = true;
      err.println("mirrorcheck: note: " + ExplorerOptions.PARALLEL_RUNS_SOURCE);
    }
  }

  private boolean parallelNoted;

  /** {@code source} or {@code optimal}, as an {@link ExplorerOptions.Dpor}. */
  static ExplorerOptions.Dpor parseDpor(String given) {
    for (ExplorerOptions.Dpor d : ExplorerOptions.Dpor.values()) {
      if (d.key().equals(given.trim())) {
        return d;
      }
    }
    throw new UserError("--reduce must be source or optimal, got '" + given + "'");
  }

  /** {@code off}, {@code start} or {@code states}, as an {@link ExplorerOptions.SymmetryMode}. */
  static ExplorerOptions.SymmetryMode parseSymmetry(String given) {
    for (ExplorerOptions.SymmetryMode m : ExplorerOptions.SymmetryMode.values()) {
      if (m.key().equals(given.trim())) {
        return m;
      }
    }
    throw new UserError("--symmetry must be off, start or states, got '" + given + "'");
  }

  /** {@code --time-limit}, or null. */
  Duration timeLimit() {
    return timeLimitSeconds == null ? null : Duration.ofSeconds(timeLimitSeconds);
  }

  /**
   * The search mode and every flag that changes results, in words, for pages that must say how
   * their numbers were made: for example {@code "stop at the first violation, each spec's bounds"}.
   */
  String describe() {
    StringBuilder sb = new StringBuilder(all ? "every distinct violation" : "stop at the first "
        + "violation unless a spec says otherwise");
    sb.append(maxSteps == null ? ", each spec's step bound" : ", step bound " + maxSteps);
    if (timeLimitSeconds != null) {
      sb.append(", time limit ").append(timeLimitSeconds).append(" s");
    }
    if (preemptionBound != null) {
      sb.append(", preemption bound ").append(preemptionBound);
    }
    if (shortest) {
      sb.append(", shortest counterexamples");
    }
    if (noReduce) {
      sb.append(", no reduction");
    }
    if (dpor != null) {
      sb.append(", ").append(parseDpor(dpor).key()).append("-DPOR");
    }
    if (symmetry != null) {
      sb.append(", symmetry ").append(parseSymmetry(symmetry).key());
    }
    if (workers != null) {
      sb.append(", ").append(workers).append(workers == 1 ? " worker" : " workers");
    }
    return sb.toString();
  }

  /** Whether the user asked for every violation. */
  boolean all() {
    return all;
  }

  /** Runs one builder call; the builder states ranges itself, so its message is what the user sees. */
  private static void apply(String option, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new UserError(option + ": " + e.getMessage());
    }
  }
}

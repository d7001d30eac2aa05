package dev.mirrorcheck.explore;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.sync.Harness;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explores every interleaving of a bounded harness, up to partial-order equivalence, and reports
 * violations with replayable schedules.
 *
 * <pre>{@code
 * Result r = new Explorer(ExplorerOptions.defaults()).explore(world -> {
 *   IntCell x = world.sync().newInt("x", 0);
 *   world.actor("a", () -> x.set("a:write", 1));
 *   world.actor("b", () -> world.sync().check(x.get("b:read") == 0, "demo", "saw the write"));
 * });
 * }</pre>
 */
public final class Explorer {
  private static final int MAX_REPLAY_RESTARTS = 1000;

  private final ExplorerOptions options;

  public Explorer(ExplorerOptions options) {
    this.options = Preconditions.checkNotNull(options);
  }

  /**
   * Explores {@code harness}. Counterexamples are always trimmed to the causal past of the violation;
   * with {@link ExplorerOptions#shortest()} the search also continues past the first violation so
   * that each reported counterexample is the shortest over every explored trace.
   */
  public Result explore(Harness harness) {
    if (!options.shortest() || !options.stopAtFirst()) {
      return exploreOnce(harness, options);
    }
    Result all = exploreOnce(harness, options.toBuilder().stopAtFirst(false).build());
    if (all.findings().isEmpty()) {
      return all;
    }
    Finding best = all.findings().get(0);
    for (Finding f : all.findings()) {
      if (f.steps() < best.steps()) {
        best = f;
      }
    }
    return new Result(all.verdict(), List.of(best), all.findingCounts(), all.statistics(),
        all.coverage(), all.finalStates(), all.engine(), all.incompleteReason(), all.boundExample());
  }

  private Result exploreOnce(Harness harness, ExplorerOptions opts) {
    Checkpointing ck = opts.checkpointing();
    if (ck != null && opts.customStrategy()) {
      throw new IllegalArgumentException("checkpoints are written by the DPOR search only");
    }
    Checkpoint.File resumed = ck != null && ck.resume() && ck.exists() ? ck.read(opts) : null;
    // a checkpoint of several workers goes on with split nodes, even on one
    if (opts.parallel() || resumed != null && resumed.frontier() != null) {
      return ParallelSearch.explore(harness, opts, resumed);
    }
    ActorThreads threads = ActorThreads.create(ActorThreads.Kind.valueOf(opts.threads().name()));
    Result[] out = new Result[1];
    try {
      threads.runController(() -> out[0] = loop(harness, opts, threads, resumed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      threads.close();
    }
    return out[0];
  }

  private static Result loop(Harness harness, ExplorerOptions opts, ActorThreads threads,
      Checkpoint.File resumed) {
    Exploration run = new Exploration(opts, threads, opts.customStrategy());
    Worker worker = new Worker(run, opts.newStrategy(), harness, opts, null);
    Checkpointing ck = opts.checkpointing();
    if (resumed != null) {
      worker.resume(resumed);
    }
    resetPeakHeap();
    long start = System.nanoTime();
    long deadline = opts.timeLimit() == null ? Long.MAX_VALUE : start + opts.timeLimit().toNanos();
    if (ck != null) {
      ck.searching(true);
    }
    try {
      worker.run(true, start, deadline);
    } finally {
      if (ck != null) {
        ck.searching(false);
      }
    }
    return result(run, worker.statistics(), worker.elapsedMillis(start), threads.describe(),
        worker.incomplete, worker.boundHits, worker.estimate.range(worker.executions));
  }

  /** The result of an exploration whose (merged) findings are in {@code run}. */
  static Result result(Exploration run, Statistics.Builder stats, long wallMillis, String engine,
      String incomplete, long boundHits, Estimate.Range estimate) {
    stats.restarts(run.learned.restarts).wallMillis(wallMillis).peakHeapBytes(peakHeap())
        .estimate(estimate);
    List<Finding> findings = new ArrayList<>(run.findings.values());
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    run.findingCounts.forEach((k, v) -> counts.put(k, v[0]));
    Result.Verdict verdict;
    if (!findings.isEmpty()) {
      verdict = Result.Verdict.VIOLATION;
    } else if (boundHits > 0) {
      verdict = Result.Verdict.BOUND_HIT;
    } else if (incomplete != null) {
      verdict = Result.Verdict.INCOMPLETE;
    } else {
      verdict = Result.Verdict.PASS;
    }
    return new Result(verdict, findings, counts, stats.build(), run.coverage.snapshot(),
        run.finalStates, engine, incomplete, run.firstBound);
  }

  /**
   * Re-executes {@code schedule} deterministically with full logging. Violations along the way are
   * collected; the replay ends where the schedule ends.
   */
  public Replay replay(Harness harness, List<Decision> schedule) {
    int[] raw = Decision.toRaw(schedule);
    // A schedule is replayed as recorded: one found without symmetry may start group members in
    // any order, and one found with it is an execution of the unrestricted world too.
    ExplorerOptions opts = options.toBuilder().stopAtFirst(false).collectFinalStates(false)
        .symmetry(ExplorerOptions.SymmetryMode.OFF).maxSteps(Math.min(ExplorerOptions.MAX_STEP_BOUND, Math.max(options.maxSteps(), raw.length + 1)))
        .build();
    ActorThreads threads = ActorThreads.create(ActorThreads.Kind.valueOf(opts.threads().name()));
    Replay[] out = new Replay[1];
    try {
      threads.runController(() -> {
        Exploration run = new Exploration(opts, threads, true);
        ReplaySearch strategy = new ReplaySearch(raw);
        strategy.reset(run.trace);
        Execution ex = new Execution(run, strategy, true, false);
        ex.execute(harness);
        // Invariants may read objects only now known to them (their read set can grow with the
        // state): run again until every object they read is visible from the start.
        for (int i = 0; ex.ending == Execution.Ending.RESTART && i < MAX_REPLAY_RESTARTS; i++) {
          run.restart();
          strategy.reset(run.trace);
          ex = new Execution(run, strategy, true, false);
          ex.execute(harness);
        }
        out[0] = new Replay(new ArrayList<>(run.findings.values()), ex.steps, ex.actorNames(),
            ex.ending == Execution.Ending.BOUND ? "BOUND (" + ex.boundReason + ")"
                : String.valueOf(ex.ending), run.foundAtDecision, raw.length);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      threads.close();
    }
    return out[0];
  }

  static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}

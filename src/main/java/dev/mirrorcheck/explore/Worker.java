package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Harness;

/**
 * Runs executions of one search strategy until it has none left: the whole exploration when alone,
 * or one worker's share of a parallel one (branches taken from split nodes, work handed to idle
 * workers through the {@link WorkPool}).
 */
final class Worker {
  private static final int PROGRESS_CHECK_EVERY = 64;

  final Exploration run;
  final SearchStrategy strategy;
  private final Harness harness;
  private final ExplorerOptions opts;
  private final WorkPool pool;

  long executions;
  long completed;
  long boundHits;
  int maxDepth;
  /** Why the search is not exhaustive, or null. */
  String incomplete;
  /** Executions so far, published for the coordinator's progress lines. */
  volatile long published;
  volatile long publishedTransitions;
  volatile int publishedFindings;

  Worker(Exploration run, SearchStrategy strategy, Harness harness, ExplorerOptions opts,
      WorkPool pool) {
    this.run = run;
    this.strategy = strategy;
    this.harness = harness;
    this.opts = opts;
    this.pool = pool;
    if (pool != null) {
      ((DporSearch) strategy).attach(pool);
    }
    strategy.reset(run.trace);
  }

  /**
   * Explores until the strategy (and, in parallel, the pool) has nothing left, a stop, the deadline,
   * or (alone) a progress report is due. {@code first}: this worker starts at the root; the others
   * wait for the first split.
   */
  void run(boolean first, long start, long deadline) {
    if (!first && !awaitWork()) {
      return;
    }
    long lastProgress = start;
    while (true) {
      Execution ex = new Execution(run, strategy, false, opts.reduce());
      ex.execute(harness);
      executions++;
      maxDepth = Math.max(maxDepth, ex.operations()); // steps: the unit of the step bound and of findings
      Execution.Ending ending = ex.ending;
      if (pool != null && run.learned.restartReason != null
          && !(opts.stopAtFirst() && !run.findings.isEmpty())) {
        // A fact some worker relied on was contradicted: every worker starts again with it.
        pool.stop(WorkPool.Stop.RESTART);
        return;
      }
      if (ending == Execution.Ending.RESTART && !(opts.stopAtFirst() && !run.findings.isEmpty())) {
        run.restart();
        strategy.reset(run.trace);
        executions = completed = boundHits = 0;
        maxDepth = 0;
        continue;
      }
      if (ending == Execution.Ending.COMPLETE) {
        completed++;
        if (ex.finalState != null) {
          run.finalStates.add(ex.finalState);
        }
      } else if (ending == Execution.Ending.BOUND) {
        boundHits++;
        run.boundHit(ex);
      }
      if (opts.stopAtFirst() && !run.findings.isEmpty()) {
        stop(WorkPool.Stop.FOUND);
        return;
      }
      if (!opts.stopOn().isEmpty()
          && run.findings.values().stream().anyMatch(f -> opts.stopOn().contains(f.property()))) {
        incomplete = "stopped at the first violation of " + String.join("/", opts.stopOn());
        stop(WorkPool.Stop.FOUND);
        return;
      }
      strategy.ended(ex);
      if (pool != null && pool.hungry()) {
        ((DporSearch) strategy).split();
      }
      if (!strategy.nextExecution()) {
        if (!strategy.exhaustive()) {
          incomplete = "preemption bound " + opts.preemptionBound() + " pruned some schedules";
        }
        if (pool == null || !awaitWork()) {
          return;
        }
      }
      if (pool != null && pool.stopped()) {
        return;
      }
      if (executions % PROGRESS_CHECK_EVERY == 0) {
        published = executions;
        publishedTransitions = run.transitions;
        publishedFindings = run.findings.size();
        if (pool != null) {
          continue; // the coordinator watches the clock and reports progress
        }
        long now = System.nanoTime();
        if (now >= deadline) {
          incomplete = "time limit of " + opts.timeLimit().toSeconds() + "s reached";
          return;
        }
        if (opts.progress() != null && now - lastProgress >= 1_000_000_000L) {
          lastProgress = now;
          opts.progress().accept(new Progress(executions, run.transitions,
              (now - start) / 1_000_000, run.findings.size()));
        }
      }
    }
  }

  private void stop(WorkPool.Stop why) {
    if (pool != null) {
      pool.stop(why);
    }
  }

  /** Waits for a branch of a split node; false when the search is over. */
  private boolean awaitWork() {
    long[] branch = new long[2];
    SplitNode n = pool.await(branch);
    if (n == null) {
      return false;
    }
    ((DporSearch) strategy).enter(n, (int) branch[0], branch[1]);
    return true;
  }

  /** The statistics of this worker's executions. */
  Statistics.Builder statistics() {
    Statistics.Builder stats = Statistics.builder()
        .executions(executions).completed(completed).transitions(run.transitions)
        .newTransitions(run.newTransitions).maxDepth(maxDepth).boundHits(boundHits);
    strategy.addStatistics(stats);
    return stats;
  }
}

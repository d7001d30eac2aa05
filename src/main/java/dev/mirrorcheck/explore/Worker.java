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
  /** The estimate of the whole search's size (one worker: its depth-first position). */
  Estimate estimate = new Estimate();
  /** Saves the frontier (a search alone; with several, {@link ParallelSearch} saves), or null. */
  private final Checkpointing checkpointing;
  /** Wall time of the sessions before a resume. */
  long priorMillis;
  /** The resumed checkpoint was of a finished search: nothing is left to run. */
  private boolean finishedOnResume;
  /** Parallel: waiting for a branch (holds none), so a checkpoint saves nothing of it. */
  volatile boolean idle;
  /** A cluster lease: asked between executions whether to hand what is left back, or null. */
  java.util.function.BooleanSupplier handBackWanted;
  /** What this lease handed back ({@link DporSearch#handBack}), or null. */
  java.util.List<Checkpoint.Node> handedBack;

  Worker(Exploration run, SearchStrategy strategy, Harness harness, ExplorerOptions opts,
      WorkPool pool) {
    this.run = run;
    this.strategy = strategy;
    this.harness = harness;
    this.opts = opts;
    this.pool = pool;
    this.checkpointing = pool == null ? opts.checkpointing() : null;
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
    if (!first && !awaitWork() || finishedOnResume) {
      return;
    }
    long lastProgress = start;
    long nextSave = checkpointing == null ? Long.MAX_VALUE
        : System.nanoTime() + checkpointing.every().toNanos();
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
        estimate = new Estimate();
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
        save(true, start);
        return;
      }
      if (!opts.stopOn().isEmpty()
          && run.findings.values().stream().anyMatch(f -> opts.stopOn().contains(f.property()))) {
        incomplete = "stopped at the first violation of " + String.join("/", opts.stopOn());
        stop(WorkPool.Stop.FOUND);
        save(true, start);
        return;
      }
      if (switchedToSource()) {
        continue;
      }
      strategy.ended(ex);
      if (estimate.wants(executions)) {
        estimate.add(executions, strategy.doneFraction(false), strategy.doneFraction(true));
      }
      if (pool != null && pool.hungry()) {
        ((DporSearch) strategy).split();
      }
      if (!strategy.nextExecution()) {
        if (!strategy.exhaustive()) {
          incomplete = "preemption bound " + opts.preemptionBound() + " pruned some schedules";
        }
        if (pool == null) {
          save(true, start);
          return;
        }
        if (!awaitWork()) {
          return;
        }
      } else if (handBackWanted != null && handBackWanted.getAsBoolean() // a volatile read
          && ((DporSearch) strategy).canHandBack()) {
        handedBack = ((DporSearch) strategy).handBack();
        return;
      } else if (checkpointing != null) {
        // between two executions: the stack holds exactly what is left
        long now = System.nanoTime();
        boolean stopHere = executions == checkpointing.stopAfterExecutions();
        if (stopHere || now >= nextSave || checkpointing.requested()) {
          save(false, start);
          nextSave = System.nanoTime() + checkpointing.every().toNanos();
        }
        if (stopHere) {
          incomplete = "stopped after " + executions + " executions (checkpoint saved)";
          return;
        }
      }
      if (pool != null) {
        published = executions;
        if (opts.checkpointing() != null) {
          pool.executionEnded(opts.checkpointing().stopAfterExecutions());
        }
        if (pool.pauseRequested() && !((DporSearch) strategy).footprintsPending()) {
          pool.park(); // a checkpoint: the stack holds exactly what is left of this branch
        }
        if (pool.stopped()) {
          return;
        }
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
          incomplete = timeLimitReached(opts, executions, estimate.range(executions));
          save(false, start);
          return;
        }
        if (opts.progress() != null && now - lastProgress >= 1_000_000_000L) {
          lastProgress = now;
          opts.progress().accept(new Progress(executions, run.transitions,
              elapsedMillis(start), run.findings.size(), 1, 1, estimate.range(executions)));
        }
      }
    }
  }

  /**
   * Whether optimal DPOR met a context-dependent step in the execution that just ended: then the
   * search starts again from the root as source-DPOR. The violations found stay (every execution
   * run was a real one); the counters start again, the executions run so far are kept apart.
   */
  private boolean switchedToSource() {
    if (!(strategy instanceof DporSearch) || !((DporSearch) strategy).switchToSource(executions)) {
      return false;
    }
    strategy.reset(run.trace);
    run.transitions = run.newTransitions = 0;
    run.findingCounts.clear(); // counted again, per trace, by the search that finishes
    run.firstBound = null;
    executions = completed = boundHits = 0;
    maxDepth = 0;
    estimate = new Estimate();
    return true;
  }

  /** Why a search the time limit stopped is incomplete, and how far it got. */
  static String timeLimitReached(ExplorerOptions opts, long executions, Estimate.Range estimate) {
    return String.format("time limit of %ds reached after %,d executions%s",
        opts.timeLimit().toSeconds(), executions, estimate == null ? ""
            : ", an estimated " + estimate.donePercent() + "% of the search");
  }

  /** Wall time of the exploration so far, earlier sessions included. */
  long elapsedMillis(long start) {
    return priorMillis + (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * Writes a checkpoint, if asked for: between two executions ({@code finished} false, the stack is
   * what is left) or at the end of the search.
   */
  private void save(boolean finished, long start) {
    if (checkpointing == null) {
      return;
    }
    Checkpoint.Search search = ((DporSearch) strategy).snapshot(); // its counters, when finished
    checkpointing.write(new Checkpoint.File(Checkpoint.FORMAT, Checkpoint.VERSION,
        checkpointing.identity(), Checkpointing.optionsKey(opts), finished,
        finished ? incomplete : null,
        new Checkpoint.Counts(executions, completed, boundHits, maxDepth, run.transitions,
            run.newTransitions, elapsedMillis(start), estimate.state()),
        Checkpoint.found(run), run.learned.snapshot(), search, null));
  }

  /** Continues from a checkpoint ({@link Checkpointing#read}): before {@link #run}. */
  void resume(Checkpoint.File f) {
    if (!(strategy instanceof DporSearch)) {
      throw new Checkpoint.Invalid("checkpoints need the DPOR search");
    }
    run.learned.restore(f.learned());
    resumeCounts(f);
    estimate = new Estimate(f.counts().estimate());
    finishedOnResume = f.finished();
    incomplete = f.finished() ? f.incomplete() : null;
    ((DporSearch) strategy).restore(f.search());
  }

  /** Takes what a checkpoint found and counted as this worker's own. */
  void resumeCounts(Checkpoint.File f) {
    Checkpoint.restore(f.found(), run);
    Checkpoint.Counts c = f.counts();
    executions = c.executions();
    completed = c.completed();
    boundHits = c.boundHits();
    maxDepth = c.maxDepth();
    run.transitions = c.transitions();
    run.newTransitions = c.newTransitions();
    priorMillis = c.elapsedMillis();
    published = executions;
  }

  private void stop(WorkPool.Stop why) {
    if (pool != null) {
      pool.stop(why);
    }
  }

  /** Waits for a branch of a split node; false when the search is over. */
  private boolean awaitWork() {
    long[] branch = new long[2];
    idle = true;
    SplitNode n = pool.await(branch);
    if (n == null) {
      return false;
    }
    idle = false;
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

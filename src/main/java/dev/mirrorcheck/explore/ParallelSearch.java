package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Harness;

/**
 * Source-DPOR on several workers at once. Each worker runs its own {@link DporSearch} stack on its own
 * actor threads; work moves between them as {@link SplitNode}s through a {@link WorkPool}. Facts the
 * reduction learns are shared ({@link Learned}); when one is contradicted every worker stops and the
 * whole search starts again, as the sequential search does.
 *
 * <p>Where the race relation does not depend on the state, sleep sets make the set of
 * <em>completed</em> executions one per Mazurkiewicz trace whatever the order in which branches are
 * explored, so a parallel run completes as many executions as a sequential one and finds the same
 * violations; only sleep-set-blocked executions vary with the timing (where it does, the count
 * moves with the order on one worker too: docs/explorer.md, "Cluster"). Each
 * violation's counterexample is the preferred one over every worker ({@link Finding#preferredTo}).
 */
final class ParallelSearch {
  private ParallelSearch() {}

  /**
   * Explores on {@code opts.workers()} workers; {@code resumed}: a checkpoint to go on from (of
   * any number of workers), or null.
   */
  static Result explore(Harness harness, ExplorerOptions opts, Checkpoint.File resumed) {
    int n = opts.workers();
    Learned learned = new Learned();
    Checkpointing ck = opts.checkpointing();
    if (resumed != null) {
      learned.restore(resumed.learned());
    }
    Explorer.resetPeakHeap();
    long start = System.nanoTime();
    long deadline = opts.timeLimit() == null ? Long.MAX_VALUE : start + opts.timeLimit().toNanos();
    if (ck != null) {
      ck.searching(true);
    }
    try {
      return rounds(harness, opts, n, learned, resumed, start, deadline);
    } finally {
      if (ck != null) {
        ck.searching(false);
      }
    }
  }

  private static Result rounds(Harness harness, ExplorerOptions opts, int n, Learned learned,
      Checkpoint.File resumed, long start, long deadline) {
    long priorMillis = resumed == null ? 0 : resumed.counts().elapsedMillis();
    while (true) {
      WorkPool pool = new WorkPool(n);
      Worker[] workers = new Worker[n];
      Thread[] controllers = new Thread[n];
      Throwable[] failure = new Throwable[1];
      ActorThreads[] allThreads = new ActorThreads[n];
      String engine = null;
      for (int i = 0; i < n; i++) {
        ActorThreads threads = ActorThreads.forWorker(
            ActorThreads.Kind.valueOf(opts.threads().name()), i);
        allThreads[i] = threads;
        engine = threads.describe();
        Worker w = new Worker(new Exploration(opts, threads, false, learned),
            new DporSearch(-1, false), harness, opts, pool);
        workers[i] = w;
        boolean first = i == 0 && resumed == null;
        controllers[i] = new Thread(() -> {
          try {
            threads.runController(() -> w.run(first, start, Long.MAX_VALUE));
          } catch (Throwable e) {
            synchronized (failure) {
              if (failure[0] == null) {
                failure[0] = e;
              }
            }
            pool.stop(WorkPool.Stop.FAILED);
          }
        }, "mirrorcheck-worker-" + i);
        controllers[i].setDaemon(true);
      }
      boolean finishedBefore = resumed != null && resumed.finished();
      if (resumed != null) {
        ParallelCheckpoint.restore(resumed, pool, workers[0], opts.maxActors());
      }
      Board board = opts.remote() == null || finishedBefore ? null
          : new Board(pool, learned, opts, harness, start);
      Saver saver = opts.checkpointing() == null ? null : new Saver(opts, learned, pool,
          java.util.Arrays.asList(workers), board, start, priorMillis);
      if (!finishedBefore) {
        for (Thread t : controllers) {
          t.start();
        }
      }
      if (board != null) {
        opts.remote().serve(board);
      }
      boolean timedOut = !finishedBefore
          && watch(controllers, workers, board, pool, opts, start, deadline, saver);
      if (board != null) {
        opts.remote().roundOver(board); // the slots' leases are committed or given up
        board.close();
        if (failure[0] == null) {
          failure[0] = board.failure();
        }
      }
      for (ActorThreads t : allThreads) {
        t.close();
      }
      synchronized (failure) {
        ActorThreads.rethrow(failure[0]);
      }
      // each worker's own figures first: merging adds the others' transitions to worker 0's
      Statistics.Builder stats = Statistics.builder();
      long executions = 0;
      for (Worker w : workers) {
        executions += w.executions;
      }
      if (board != null) {
        executions += board.executions() + board.orphanExecutions();
      }
      String incomplete = timedOut ? Worker.timeLimitReached(opts, executions, null)
          : finishedBefore ? resumed.incomplete()
          : pool.stopReason() == WorkPool.Stop.CHECKPOINT
              ? "stopped after " + executions + " executions (checkpoint saved)" : null;
      long boundHits = 0;
      for (Worker w : workers) {
        stats.add(w.statistics().build());
        boundHits += w.boundHits;
        if (incomplete == null) {
          incomplete = w.incomplete;
        }
      }
      Exploration merged = workers[0].run;
      for (int i = 1; i < n; i++) {
        merged.merge(workers[i].run);
      }
      if (board != null) {
        String remoteIncomplete = board.mergeInto(merged, stats);
        if (incomplete == null) {
          incomplete = remoteIncomplete;
        }
        boundHits = stats.build().boundHits();
      }
      inPreferredOrder(merged);
      stats.reduction("source");
      if (opts.dpor() == ExplorerOptions.Dpor.OPTIMAL) {
        stats.sourceBecause(ExplorerOptions.PARALLEL_RUNS_SOURCE);
      }
      if (pool.stopReason() == WorkPool.Stop.RESTART && !timedOut
          && !(opts.stopAtFirst() && !merged.findings.isEmpty())) {
        learned.restartReason = null;
        learned.restarts++;
        resumed = null; // the search starts again from the root, as it would have uninterrupted
        continue;
      }
      if (saver != null && !finishedBefore && !timedOut
          && pool.stopReason() != WorkPool.Stop.CHECKPOINT) {
        saver.finished(merged, stats.build(), incomplete);
      }
      // no estimate: each worker's depth-first position covers its own branches only
      return Explorer.result(merged, stats, priorMillis + (System.nanoTime() - start) / 1_000_000,
          engine + ", " + (board == null ? n + " workers"
              : (n == 1 ? "1 worker" : n + " workers") + " here and the cluster's"), incomplete,
          boundHits, null);
    }
  }

  /**
   * Lists the violations in their counterexamples' preferred order ({@link Finding#preferredTo}),
   * not in the order workers happened to find them, so that their numbering does not depend on the
   * timing either.
   */
  private static void inPreferredOrder(Exploration merged) {
    java.util.List<java.util.Map.Entry<String, Finding>> all =
        new java.util.ArrayList<>(merged.findings.entrySet());
    all.sort((a, b) -> a.getValue().preferredTo(b.getValue()) ? -1
        : b.getValue().preferredTo(a.getValue()) ? 1 : a.getKey().compareTo(b.getKey()));
    merged.findings.clear();
    for (java.util.Map.Entry<String, Finding> e : all) {
      merged.findings.put(e.getKey(), e.getValue());
    }
  }

  /**
   * Waits for the workers, reporting progress about once a second, saving checkpoints when due and
   * stopping them at the deadline; true when the deadline stopped them.
   */
  private static boolean watch(Thread[] controllers, Worker[] workers, Board board,
      WorkPool pool, ExplorerOptions opts, long start, long deadline, Saver saver) {
    boolean timedOut = false;
    long nextProgress = start + 1_000_000_000L;
    try {
      for (Thread t : controllers) {
        while (t.isAlive()) {
          t.join(saver == null ? 1000 : 20);
          long now = System.nanoTime();
          if (now >= deadline && !pool.stopped()) {
            timedOut = true;
            if (saver != null) {
              saver.saveAndStop(WorkPool.Stop.TIME_LIMIT); // the frontier before the stop
            }
            pool.stop(WorkPool.Stop.TIME_LIMIT);
          } else if (saver != null && !pool.stopped()) {
            saver.whenDue(now);
          }
          if (opts.progress() != null && t.isAlive() && now >= nextProgress) {
            nextProgress = now + 1_000_000_000L;
            long executions = 0;
            long transitions = 0;
            int findings = 0;
            for (Worker w : workers) {
              executions += w.published;
              transitions += w.publishedTransitions;
              findings = Math.max(findings, w.publishedFindings);
            }
            if (board != null) {
              executions += board.executions() + board.orphanExecutions();
            }
            opts.progress().accept(new Progress(executions, transitions, (now - start) / 1_000_000,
                findings, pool.workers(), pool.busy(), null));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.stop(WorkPool.Stop.FAILED);
      throw new IllegalStateException("interrupted", e);
    }
    return timedOut || pool.stopReason() == WorkPool.Stop.TIME_LIMIT;
  }

  /**
   * Saves the checkpoints of one round: every {@link Checkpointing#every}, when asked
   * ({@link Checkpointing#saveNow}), after {@link Checkpointing#stopAfter} executions (then the
   * session ends), at the time limit and at the end, each time with every worker at an execution
   * boundary.
   */
  private static final class Saver {
    private final ExplorerOptions opts;
    private final Checkpointing ck;
    private final Learned learned;
    private final WorkPool pool;
    private final java.util.List<Worker> workers;
    private final Board board;
    private final long start;
    private final long priorMillis;
    private long nextSave;

    Saver(ExplorerOptions opts, Learned learned, WorkPool pool, java.util.List<Worker> workers,
        Board board, long start, long priorMillis) {
      this.opts = opts;
      this.ck = opts.checkpointing();
      this.learned = learned;
      this.pool = pool;
      this.workers = workers;
      this.board = board;
      this.start = start;
      this.priorMillis = priorMillis;
      this.nextSave = System.nanoTime() + ck.every().toNanos();
    }

    void whenDue(long now) throws InterruptedException {
      if (pool.budgetSpent(ck.stopAfterExecutions())) { // the workers are pausing already
        saveAndStop(WorkPool.Stop.CHECKPOINT);
        return;
      }
      if (now >= nextSave || ck.requested()) {
        if (pool.pause()) {
          save();
        }
        pool.unpause();
        nextSave = System.nanoTime() + ck.every().toNanos();
      }
    }

    /** Saves the frontier with every worker paused, then ends the session ({@code why}). */
    void saveAndStop(WorkPool.Stop why) throws InterruptedException {
      if (pool.pause()) {
        save();
        pool.stop(why);
      }
      pool.unpause();
    }

    /** The search ended (every worker is done): its result, given at once on a resume. */
    void finished(Exploration merged, Statistics st, String incomplete) {
      ck.write(ParallelCheckpoint.finished(ck, opts, learned, merged, st, incomplete,
          elapsed()));
    }

    private void save() {
      ck.write(ParallelCheckpoint.save(ck, opts, learned, pool, workers, board, elapsed()));
    }

    private long elapsed() {
      return priorMillis + (System.nanoTime() - start) / 1_000_000;
    }
  }
}

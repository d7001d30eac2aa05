package dev.mirrorcheck.explore;

import java.util.ArrayDeque;

/**
 * The hand-off between parallel workers: split nodes with branches to take, idle workers waiting for
 * one, the end of the search (every worker idle and nothing offered) and early stops. Busy workers
 * touch it only to read {@link #hungry} between executions, and to offer a node; their executions
 * never lock it.
 *
 * <p>The queue holds split nodes, not branches, and a node at most once: its size is bounded by the
 * number of split nodes alive, which does not grow with the number of executions.
 */
final class WorkPool {
  /** Why the search ended early, or null. */
  enum Stop {
    FOUND,
    RESTART,
    TIME_LIMIT,
    /** A checkpoint was saved and the session ends there ({@link Checkpointing#stopAfter}). */
    CHECKPOINT,
    FAILED
  }

  private final ArrayDeque<SplitNode> offered = new ArrayDeque<>();
  /** Branches in progress when a checkpoint was saved: handed out first (a resume). */
  private final ArrayDeque<SplitNode.Branch> resumed = new ArrayDeque<>();
  private int workers;
  private int busy;
  private int waiting;
  private volatile boolean hungry;
  private volatile Stop stop;
  private boolean finished;
  /** A checkpoint wants every worker at an execution boundary (read between executions). */
  private volatile boolean pauseRequested;
  private int parked;
  /** Busy remote workers (cluster slots): a pause does not wait for them, they never park. */
  private int remoteBusy;
  /** Executions ended by this pool's workers, those before a resume included (a session's budget). */
  final java.util.concurrent.atomic.AtomicLong executed = new java.util.concurrent.atomic.AtomicLong();

  WorkPool(int workers) {
    this.workers = workers;
    this.busy = workers;
  }

  boolean stopped() {
    return stop != null;
  }

  Stop stopReason() {
    return stop;
  }

  /** Whether an idle worker waits for work that nobody offered yet: a busy one should split. */
  boolean hungry() {
    return hungry;
  }

  /** Ends the search early; the first reason given wins. */
  synchronized void stop(Stop why) {
    if (stop == null) {
      stop = why;
    }
    notifyAll();
  }

  /** Offers {@code node}, which has a branch to take, to idle workers. */
  synchronized void offer(SplitNode node) {
    if (!offered.contains(node)) {
      offered.addLast(node);
    }
    hungry = false;
    notifyAll();
  }

  /**
   * Called by a worker that has nothing left: waits until it can take a branch of an offered node
   * and returns that node with the branch in {@code branch[0]} (the done set in {@code branch[1]}),
   * or null when the search is over (every worker idle and nothing offered) or stopped.
   */
  synchronized SplitNode await(long[] branch) {
    return await(branch, false, null);
  }

  /**
   * {@link #await} for a remote worker (a cluster slot), which never parks for a checkpoint:
   * {@code onTake} records the branch it takes under this pool's monitor, so a checkpoint that
   * pauses the pool afterwards finds it.
   */
  synchronized SplitNode awaitRemote(long[] branch,
      java.util.function.Consumer<SplitNode.Branch> onTake) {
    return await(branch, true, onTake);
  }

  private SplitNode await(long[] branch, boolean remote,
      java.util.function.Consumer<SplitNode.Branch> onTake) {
    busy--;
    if (remote) {
      remoteBusy--;
    }
    waiting++;
    notifyAll(); // a pause waits for busy workers only
    try {
      while (true) {
        if (stop != null || finished) {
          return null;
        }
        if (pauseRequested) {
          wait(); // a checkpoint is being taken: the frontier must not move
          continue;
        }
        SplitNode.Branch r = resumed.pollFirst();
        if (r != null) {
          return took(r, branch, remote, onTake);
        }
        while (!offered.isEmpty()) {
          SplitNode n = offered.peekFirst();
          long[] done = new long[1];
          int c = n.take(done);
          if (c < 0) {
            offered.pollFirst();
            continue;
          }
          if (!n.hasWork()) {
            offered.pollFirst();
          }
          return took(new SplitNode.Branch(n, c, done[0]), branch, remote, onTake);
        }
        if (busy == 0) {
          finished = true;
          notifyAll();
          return null;
        }
        hungry = true;
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop = Stop.FAILED;
      notifyAll();
      return null;
    } finally {
      waiting--;
      hungry = waiting > 0 && offered.isEmpty() && stop == null && !finished;
    }
  }

  private SplitNode took(SplitNode.Branch b, long[] branch, boolean remote,
      java.util.function.Consumer<SplitNode.Branch> onTake) {
    busy++;
    if (remote) {
      remoteBusy++;
    }
    if (onTake != null) {
      onTake.accept(b);
    }
    branch[0] = b.branch();
    branch[1] = b.doneThen();
    return b.node();
  }

  /** A branch in progress when a checkpoint was saved, to be taken before any other. */
  synchronized void resumeBranch(SplitNode.Branch b) {
    resumed.addLast(b);
    hungry = false;
    notifyAll();
  }

  /**
   * A worker ended an execution; with a session budget ({@link Checkpointing#stopAfter}), the
   * execution that reaches it asks for a pause at once, so that no more run before the save.
   */
  void executionEnded(long stopAfter) {
    if (stopAfter > 0 && executed.incrementAndGet() >= stopAfter && !pauseRequested) {
      synchronized (this) {
        pauseRequested = true;
        notifyAll();
      }
    }
  }

  /** Whether the session budget {@code stopAfter} is spent (see {@link #executionEnded}). */
  boolean budgetSpent(long stopAfter) {
    return stopAfter > 0 && executed.get() >= stopAfter;
  }

  /** Whether a checkpoint waits for this worker to stop at its next execution boundary. */
  boolean pauseRequested() {
    return pauseRequested;
  }

  /**
   * Stops every worker at an execution boundary (busy ones in {@link #park}, idle ones take no
   * work) for a checkpoint; false when the search ended or stopped instead. {@link #unpause} lets
   * them go on.
   */
  synchronized boolean pause() throws InterruptedException {
    pauseRequested = true;
    notifyAll();
    while (parked + remoteBusy < busy && stop == null && !finished) {
      wait();
    }
    return stop == null && !finished;
  }

  /** Lets paused workers go on. */
  synchronized void unpause() {
    pauseRequested = false;
    notifyAll();
  }

  /** A busy worker at an execution boundary waits while a checkpoint is taken. */
  synchronized void park() {
    parked++;
    notifyAll();
    try {
      while (pauseRequested && stop == null) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop = Stop.FAILED;
      notifyAll();
    } finally {
      parked--;
    }
  }

  /** The resumed branches not taken yet (for a checkpoint, taken while paused). */
  synchronized java.util.List<SplitNode.Branch> resumedBranches() {
    return new java.util.ArrayList<>(resumed);
  }

  /** The split nodes offered now, in order (for a checkpoint, taken while paused). */
  synchronized java.util.List<SplitNode> offeredNodes() {
    return new java.util.ArrayList<>(offered);
  }

  /** How many workers are exploring (not waiting for work). */
  synchronized int busy() {
    return busy;
  }

  synchronized int workers() {
    return workers;
  }

  /**
   * A remote worker joins the search under way (a cluster member's), busy until it calls
   * {@link #awaitRemote};
   * false when the search is already over.
   */
  synchronized boolean join() {
    if (stop != null || finished) {
      return false;
    }
    workers++;
    busy++;
    remoteBusy++;
    return true;
  }

  /** A busy remote worker that holds no branch leaves (its member is gone). */
  synchronized void leave() {
    workers--;
    busy--;
    remoteBusy--;
    notifyAll(); // the others may now see the end of the search
  }

  /** A busy remote worker's branch goes on in a local worker (its member is gone). */
  synchronized void becomeLocal() {
    remoteBusy--;
    notifyAll();
  }
}

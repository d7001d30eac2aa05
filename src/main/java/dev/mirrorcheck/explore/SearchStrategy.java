package dev.mirrorcheck.explore;

/**
 * How the explorer walks the tree of executions: which actor runs at each scheduling point, which value
 * each {@code choose} returns, and what to try after an execution ends. Strategies see the execution
 * through the {@link Trace} and the {@link Execution}'s actors; they never run model code themselves.
 *
 * <p>Every scheduling point and every {@code choose} is a <em>node</em>; nodes are numbered from 0 in
 * each execution. Executions after the first re-run a prefix of the previous one, then diverge at one
 * node (the <em>frontier</em>).
 */
interface SearchStrategy {

  /** Starts a fresh search (also after the explorer restarts it). */
  void reset(Trace trace);

  /** Starts one execution. */
  void beginExecution();

  /**
   * Picks the actor to run at a new scheduling point.
   *
   * @param running the actor that reached this point, or -1 (start, or it finished or blocked)
   * @param enabled bit mask of actors whose pending step can run now (never 0)
   * @param state a hash of every actor's pending operation: a replayed node must see the same
   * @return the actor to run, or -1 if every enabled actor is in the sleep set (a redundant execution)
   */
  int schedule(int running, long enabled, long state, Execution ex);

  /** Picks the value of a {@code choose(n)}. */
  int choose(int n);

  /** Index of the most recent node of this execution. */
  int currentNode();

  /** Whether steps scheduled at the current node are new (not a replay of an earlier execution). */
  boolean isNew();

  /** Event {@code earlier} and the running event {@code current} (whose clock is given) race. */
  void race(int earlier, int current, int[] currentClock, Execution ex);

  /**
   * Event {@code earlier} races with the blocked pending operation of {@code actor} (whose clock is
   * given) at the end of an execution: the operation never ran, so no step reported it.
   */
  void raceWithPending(int earlier, int actor, int[] actorClock, Execution ex);

  /** The step {@code e} has finished: everything it accessed is recorded. */
  void closed(int e, Execution ex);

  /**
   * The execution is over: everything it did is in the trace, and what its unfinished actors would do
   * next is in {@code ex}. Called before {@link #nextExecution}.
   */
  default void ended(Execution ex) {}

  /** Moves to the next execution; false when the search is complete. */
  boolean nextExecution();

  /** Whether a completed search covered every behaviour (false under a preemption bound). */
  boolean exhaustive();

  /**
   * The share of the search tree done once the execution that just ended is (a depth-first
   * search's position), or NaN when the strategy cannot tell. Called after {@link #ended}.
   * {@code atMost}: counting at each node the branches it may still gain (a lower share: DPOR adds
   * branches as it finds races); otherwise only those it has now (a higher share).
   */
  default double doneFraction(boolean atMost) {
    return Double.NaN;
  }

  /**
   * Whether this search needs every step's accesses to be fixed by its actor's own state (optimal
   * DPOR's assumption); then the execution reports each step that is not through
   * {@link #contextDependent}.
   */
  default boolean needsFixedFootprints() {
    return false;
  }

  /**
   * The running step's accesses depend on the shared state it met ({@code what} names the step and
   * why): a step that may act otherwise in another order of steps it does not depend on.
   */
  default void contextDependent(String what) {}

  /** A failed compare-and-set ran as a write because this search needs fixed footprints. */
  default void failedCasCountedAsWrite() {}

  /** Statistics the strategy keeps (pruned alternatives and the like). */
  default void addStatistics(Statistics.Builder stats) {}
}

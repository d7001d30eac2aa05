package dev.mirrorcheck.explore;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Immutable settings of one exploration. */
public final class ExplorerOptions {
  /** Largest accepted step bound. */
  public static final int MAX_STEP_BOUND = 1_000_000;

  /** Step bound used unless one is set. */
  public static final int DEFAULT_MAX_STEPS = 10_000;

  /** Which Java threads run actors. */
  public enum Threads {
    /** Virtual threads when the JVM has them (Java 21+), else platform threads. */
    AUTO,
    VIRTUAL,
    PLATFORM
  }

  /** Which partial-order reduction drives the search. */
  public enum Dpor {
    /** Source-DPOR with sleep sets: backtrack sets of initials; may run sleep-set-blocked executions. */
    SOURCE,
    /**
     * Optimal DPOR with wakeup trees: one execution per Mazurkiewicz trace where steps do not block,
     * as long as every step executed is fixed-footprint; the first context-dependent step (one whose
     * accesses depend on what it read in the same step, a trylock, a wait condition, a wake, a
     * choice) makes the search start again from the root as source-DPOR.
     */
    OPTIMAL;

    /** The spelling used in specs and on the command line. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Which members of a symmetry group count as twins (in the same local state). */
  public enum SymmetryMode {
    /** None: no symmetry reduction. */
    OFF,
    /** Members that have not started and are about to run the same first operation. */
    START,
    /**
     * Members with the same history: the same operations so far and the same values returned by
     * the facade, in order (and the same pending operation, equally runnable).
     */
    STATES;

    /** The spelling used in specs and on the command line. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final int maxSteps;
  private final boolean stopAtFirst;
  private final Duration timeLimit;
  private final int preemptionBound;
  private final boolean shortest;
  private final int maxActors;
  private final Threads threads;
  private final Consumer<Progress> progress;
  private final boolean collectFinalStates;
  private final Supplier<SearchStrategy> strategy;
  private final boolean reduce;
  private final Dpor dpor;
  private final ImmutableSet<String> stopOn;
  private final int workers;
  private final Checkpointing checkpointing;
  private final SymmetryMode symmetry;
  private final boolean symmetryHistories;
  private final RemoteWorkers remote;

  /** Why a run that asked for optimal DPOR explores with source-DPOR on several workers. */
  public static final String PARALLEL_RUNS_SOURCE =
      "parallel runs use source-DPOR (optimal DPOR's wakeup trees follow one depth-first order)";

  /** Largest accepted number of workers. */
  public static final int MAX_WORKERS = 256;

  private ExplorerOptions(Builder b) {
    // A preemption bound's pruning depends on the order of the search: it runs on one worker.
    // Several workers (and a cluster) run source-DPOR whatever the reduction asked for: optimal
    // DPOR's wakeup trees follow one depth-first order.
    workers = b.preemptionBound < 0 ? b.workers : 1;
    maxSteps = b.maxSteps;
    stopAtFirst = b.stopAtFirst;
    timeLimit = b.timeLimit;
    preemptionBound = b.preemptionBound;
    shortest = b.shortest;
    maxActors = b.maxActors;
    threads = b.threads;
    progress = b.progress;
    collectFinalStates = b.collectFinalStates;
    strategy = b.strategy;
    reduce = b.reduce;
    dpor = b.dpor;
    stopOn = b.stopOn;
    checkpointing = b.checkpointing;
    symmetry = b.symmetry;
    symmetryHistories = b.symmetryHistories;
    remote = b.preemptionBound < 0 ? b.remote : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static ExplorerOptions defaults() {
    return builder().build();
  }

  /** Whether this JVM has virtual threads (Java 21+), which make the explorer much faster. */
  public static boolean virtualThreadsAvailable() {
    return ActorThreads.virtualThreadsAvailable();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSteps = maxSteps;
    b.stopAtFirst = stopAtFirst;
    b.stopOn = stopOn;
    b.timeLimit = timeLimit;
    b.preemptionBound = preemptionBound;
    b.shortest = shortest;
    b.maxActors = maxActors;
    b.threads = threads;
    b.progress = progress;
    b.collectFinalStates = collectFinalStates;
    b.strategy = strategy;
    b.reduce = reduce;
    b.dpor = dpor;
    b.workers = workers;
    b.checkpointing = checkpointing;
    b.symmetry = symmetry;
    b.symmetryHistories = symmetryHistories;
    b.remote = remote;
    return b;
  }

  /** Step bound per execution; an execution that would exceed it is a "bound hit", never a pass. */
  public int maxSteps() {
    return maxSteps;
  }

  /** Stop at the first violation (default) or collect every distinct one. */
  public boolean stopAtFirst() {
    return stopAtFirst;
  }

  /**
   * Property ids whose first violation ends the search even when collecting every violation
   * ({@code stopAtFirst} false): a mutant is explored until it breaks one of the properties the
   * catalogue names for it. Empty: no such early stop.
   */
  public ImmutableSet<String> stopOn() {
    return stopOn;
  }

  /** Wall-clock limit, or {@code null}; hitting it makes the verdict incomplete. */
  public Duration timeLimit() {
    return timeLimit;
  }

  /** Preemption bound, or -1 for none. A bound makes the search non-exhaustive. */
  public int preemptionBound() {
    return preemptionBound;
  }

  /** After the first violation, search again with smaller step bounds for a shorter one. */
  public boolean shortest() {
    return shortest;
  }

  public int maxActors() {
    return maxActors;
  }

  public Threads threads() {
    return threads;
  }

  /** Called about once a second during long explorations, or {@code null}. */
  public Consumer<Progress> progress() {
    return progress;
  }

  boolean collectFinalStates() {
    return collectFinalStates;
  }

  SearchStrategy newStrategy() {
    return strategy != null ? strategy.get() : new DporSearch(preemptionBound, dpor == Dpor.OPTIMAL);
  }

  boolean customStrategy() {
    return strategy != null;
  }

  /**
   * Whether consecutive operations of an actor are merged into atomic blocks where Lipton's reduction
   * allows (critical sections on protected data); off, every operation is a scheduling point.
   */
  public boolean reduce() {
    return reduce;
  }

  /** The partial-order reduction (default {@link Dpor#OPTIMAL}, which may give way to source). */
  public Dpor dpor() {
    return dpor;
  }

  /**
   * How many workers explore at once (default 1). More than one splits the search tree between
   * them: the verdict, the violations and the number of completed executions are those of one
   * worker. Source-DPOR only, without a preemption bound: otherwise this is 1 whatever was asked.
   */
  public int workers() {
    return workers;
  }

  /** Where the search saves its frontier and whether it resumes from it, or null. */
  public Checkpointing checkpointing() {
    return checkpointing;
  }

  /**
   * Symmetry reduction of the actors a harness declares interchangeable ({@code World.symmetric}):
   * which twins (members in the same local state) only the lowest-numbered of may run.
   */
  public SymmetryMode symmetry() {
    return symmetry;
  }

  /** False only in tests that break the symmetry rule on purpose (twins by operation alone). */
  boolean symmetryHistories() {
    return symmetryHistories;
  }

  /**
   * Workers in other JVMs (a cluster) that share this search with the local ones, or null. Like
   * {@link #workers()} above 1, source-DPOR only, without a preemption bound.
   */
  public RemoteWorkers remote() {
    return remote;
  }

  /** Whether the search runs on several workers. */
  boolean parallel() {
    return (workers > 1 || remote != null) && strategy == null;
  }

  /** The number of workers that uses every core of this machine. */
  public static int allCores() {
    return Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors());
  }

  /** Builder with validated ranges. */
  public static final class Builder {
    private int maxSteps = DEFAULT_MAX_STEPS;
    private boolean stopAtFirst = true;
    private Duration timeLimit;
    private int preemptionBound = -1;
    private boolean shortest;
    private int maxActors = 16;
    private Threads threads = Threads.AUTO;
    private Consumer<Progress> progress;
    private boolean collectFinalStates;
    private Supplier<SearchStrategy> strategy;
    private boolean reduce = true;
    private Dpor dpor = Dpor.OPTIMAL;
    private ImmutableSet<String> stopOn = ImmutableSet.of();
    private int workers = 1;
    private Checkpointing checkpointing;
    private SymmetryMode symmetry = SymmetryMode.STATES;
    private boolean symmetryHistories = true;
    private RemoteWorkers remote;

    /** See {@link ExplorerOptions#remote()}. */
    public Builder remote(RemoteWorkers v) {
      remote = v;
      return this;
    }

    private Builder() {}

    /** Save the frontier, and resume from it (see {@link Checkpointing}); null: none. */
    public Builder checkpointing(Checkpointing v) {
      checkpointing = v;
      return this;
    }

    /** See {@link ExplorerOptions#symmetry()}. */
    public Builder symmetry(SymmetryMode v) {
      symmetry = Preconditions.checkNotNull(v);
      return this;
    }

    /** See {@link ExplorerOptions#workers()}. */
    public Builder workers(int v) {
      Preconditions.checkArgument(v >= 1 && v <= MAX_WORKERS, "workers must be in 1..%s, got %s",
          MAX_WORKERS, v);
      workers = v;
      return this;
    }

    /** See {@link ExplorerOptions#stopOn()}. */
    public Builder stopOn(java.util.Collection<String> propertyIds) {
      stopOn = ImmutableSet.copyOf(propertyIds);
      return this;
    }

    public Builder maxSteps(int v) {
      Preconditions.checkArgument(
          v >= 1 && v <= MAX_STEP_BOUND, "step bound must be in 1..%s, got %s", MAX_STEP_BOUND, v);
      maxSteps = v;
      return this;
    }

    public Builder stopAtFirst(boolean v) {
      stopAtFirst = v;
      return this;
    }

    public Builder timeLimit(Duration v) {
      Preconditions.checkArgument(v == null || !v.isNegative() && !v.isZero(),
          "time limit must be positive, got %s", v);
      timeLimit = v;
      return this;
    }

    public Builder preemptionBound(int v) {
      Preconditions.checkArgument(v >= -1 && v <= 1000, "preemption bound must be in 0..1000 (or -1 for none), got %s", v);
      preemptionBound = v;
      return this;
    }

    public Builder shortest(boolean v) {
      shortest = v;
      return this;
    }

    public Builder maxActors(int v) {
      Preconditions.checkArgument(v >= 1 && v <= Trace.MAX_ACTORS,
          "actor limit must be in 1..%s, got %s", Trace.MAX_ACTORS, v);
      maxActors = v;
      return this;
    }

    public Builder threads(Threads v) {
      threads = Preconditions.checkNotNull(v);
      return this;
    }

    public Builder progress(Consumer<Progress> v) {
      progress = v;
      return this;
    }

    /** Keep a description of every final state (for comparing search strategies in tests). */
    public Builder collectFinalStates(boolean v) {
      collectFinalStates = v;
      return this;
    }

    /** Merge steps into atomic blocks where sound (default on); off gives one step per operation. */
    public Builder reduce(boolean v) {
      reduce = v;
      return this;
    }

    /** Source- or optimal DPOR (default optimal). */
    public Builder dpor(Dpor v) {
      dpor = Preconditions.checkNotNull(v);
      return this;
    }

    /** Tests only: twins by their pending operation alone, histories ignored (unsound). */
    Builder symmetryHistories(boolean v) {
      symmetryHistories = v;
      return this;
    }

    Builder strategy(Supplier<SearchStrategy> v) {
      strategy = v;
      return this;
    }

    public ExplorerOptions build() {
      return new ExplorerOptions(this);
    }
  }
}

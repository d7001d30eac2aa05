package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.BoundReached;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.Violation;
import dev.mirrorcheck.sync.WaitQueue;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One controlled execution of a harness: the facade's exploring runtime. Exactly one Java thread runs
 * at a time (the controller during set-up, then one actor); control moves only at scheduling points,
 * where the running actor closes its step, asks the {@link SearchStrategy} who runs next and hands over
 * its {@link Baton} if that is someone else.
 *
 * <p>Every step is recorded in the {@link Trace} with the accesses it made; conflicting accesses update
 * vector clocks (happens-before) and report races to the strategy. Invariants read shared state with
 * {@code peek}; every object an invariant reads is <em>visible</em> to it, and state changes visible to
 * the same invariant conflict with one another (through a pseudo-location per invariant), so each
 * explored execution passes that invariant through the same states as every execution it stands for.
 * When an invariant reads an object not yet known to be visible to it, the exploration restarts.
 */
final class Execution implements Sync, World {

  private static final int SETUP = 0; // the harness builds the world on the controller
  private static final int STARTUP = 1; // actors run to their first operation
  private static final int RUN = 2;
  private static final int OBSERVE = 3; // invariants and final-state descriptions

  final Exploration run;
  final Trace trace;
  final SearchStrategy strategy;
  final RaceTracker races;
  final boolean logging;
  private final Baton controller = new Baton();
  private final List<XActor> actors = new ArrayList<>();
  private final List<Named> invariants;
  private final List<Named> endChecks = new ArrayList<>();
  private Supplier<String> finalStateDescription;
  private final List<Object> objects = new ArrayList<>(256); // a scenario world creates hundreds
  /** Per invariant, the pseudo-location that orders changes of state it reads. */
  private final Location[] visibility = new Location[64];
  private int observing = -1; // index of the invariant being evaluated
  private long openVisibleChanges; // invariants whose state the open step changed

  /** Merge consecutive steps of an actor into atomic blocks where that is sound (see enterOp). */
  private final boolean reduce;
  private final Learned learned;
  /** Interchangeable actors the harness declared, and the rule holding twins back. */
  private final Symmetry symmetry;
  private final long[] twinsBefore = new long[Trace.MAX_ACTORS];
  /** The actors the last scheduling point let run. */
  private long lastEnabled;
  /** The step closed since the last scheduling point, or -1. */
  private int lastClosed = -1;

  private int mode = SETUP;
  private int modeBeforeObserve;
  private XActor current;
  private int openEvent = -1;
  private XActor openActor;
  private boolean openChangedVisible;
  private boolean openChangedState;
  /**
   * The open step has learnt something of the shared state (a value read, an outcome): an access
   * after this one may depend on it, which makes the step context-dependent.
   */
  private boolean openInformed;
  private int setupObjects;
  /** Operations executed (the step bound counts these, inside blocks too). */
  private int operations;

  /** Per operation: the actor that ran it, or {@code -(value + 1)} for a choice. Replays follow it. */
  private int[] decisions = new int[64];
  /** Per decision: the step it belongs to (-1 before the first step). */
  private int[] decisionStep = new int[64];
  private int decisionCount;

  /** Why the execution ended; null while it runs. */
  Ending ending;
  /** For an execution that ended at a bound: which one. */
  String boundReason;
  /** A bound this execution depends on ({@link #boundTouched}); turns violations into bound hits. */
  private String boundTouched;
  /** The harness misbehaved inside an actor (for example nondeterminism); rethrown by the controller. */
  private HarnessException harnessError;
  private volatile boolean aborted;
  String finalState;
  List<StepLog.Step> steps;

  /** How an execution ended. */
  enum Ending {
    COMPLETE,
    DEADLOCK,
    VIOLATION,
    BOUND,
    SLEEP_BLOCKED,
    RESTART,
    REPLAY_END
  }

  private static final class Named {
    final String property;
    final StateCheck check;

    Named(String property, StateCheck check) {
      this.property = property;
      this.check = check;
    }
  }

  /** Mover classes of an operation (Lipton): right, left, both, non-mover. */
  static final int RIGHT = 0;
  static final int LEFT = 1;
  static final int BOTH = 2;
  static final int NON = 3;

  /** Ids of the per-invariant pseudo-locations count down from here. */
  static final int VISIBILITY_ID = Integer.MAX_VALUE;

  Execution(Exploration run, SearchStrategy strategy, boolean logging, boolean reduce) {
    this.run = run;
    this.trace = run.trace;
    this.strategy = strategy;
    this.races = new RaceTracker(trace, strategy, this);
    this.logging = logging;
    this.reduce = reduce;
    this.learned = run.learned;
    this.invariants = new ArrayList<>();
    this.symmetry = new Symmetry(run.options.symmetry(), run.options.symmetryHistories());
    if (logging) {
      steps = new ArrayList<>();
    }
  }

  // ---------------------------------------------------------------- driving one execution

  /** Builds the world, runs the actors to their first operations, then explores until the end. */
  void execute(Harness harness) {
    controller.owner = Thread.currentThread();
    trace.reset();
    strategy.beginExecution();
    try {
      harness.build(this);
    } catch (RuntimeException | Error e) {
      throw new HarnessException("harness set-up failed: " + e, e);
    }
    for (Object o : objects) {
      if (o instanceof XMutex && ((XMutex) o).heldBySetup) {
        throw new HarnessException("harness set-up ended holding " + ((XMutex) o).name);
      }
    }
    mode = STARTUP;
    for (int i = 0; i < actors.size(); i++) {
      XActor a = actors.get(i);
      a.spawner = controller;
      current = a;
      startThread(a);
      controller.await();
    }
    current = null;
    mode = RUN;
    checkInvariants(-1L);
    if (ending == null) {
      XActor first = decide(null);
      if (first != null) {
        current = first;
        controller.pass(first.baton);
      }
    }
    abortAll();
    if (harnessError != null) {
      throw harnessError;
    }
  }

  private void startThread(XActor a) {
    run.threads.start(a.name, () -> runBody(a), a.baton);
  }

  private void runBody(XActor a) {
    Throwable failure = null;
    try {
      a.body.run();
    } catch (Abort abort) {
      return;
    } catch (HarnessException e) {
      if (!aborted) {
        harnessError = e;
        endExecution();
      }
      return;
    } catch (Throwable t) {
      if (aborted) {
        return;
      }
      failure = t;
    }
    try {
      actorFinished(a, failure);
    } catch (Abort abort) {
      // the execution ended while this actor finished
    }
  }

  private void actorFinished(XActor a, Throwable failure) {
    if (!a.started) {
      // Finished (or failed) before its first operation: during start-up or inside a spawn step.
      a.started = true;
      a.finished = true;
      a.failed = failure != null;
      if (failure != null) {
        reportFailure(a, failure);
      }
      Baton back = a.spawner;
      current = spawnerActor(a);
      back.release();
      return;
    }
    if (failure != null) {
      reportFailure(a, failure);
    }
    a.finished = true;
    a.failed = failure != null;
    XActor next = ending == null ? schedule(a) : null;
    if (next == null) {
      endExecution();
      return;
    }
    current = next;
    next.baton.release();
  }

  private XActor spawnerActor(XActor a) {
    return a.spawner == controller ? null : openActor;
  }

  /** Ends the execution from the running actor: parked actors are aborted by the controller. */
  private void endExecution() {
    aborted = true;
    controller.release();
  }

  private void abortAll() {
    aborted = true;
    for (XActor a : actors) {
      if (a.started && !a.finished) {
        a.baton.release();
      }
    }
  }

  // ---------------------------------------------------------------- scheduling points

  /**
   * Announces the caller's next operation and returns once it may run it. Returns null when accesses
   * are not recorded (world set-up, invariant evaluation).
   *
   * <p>With reduction on, an operation is a scheduling point only where Lipton's theorem needs one.
   * Each step is a block {@code R? N? L*}: a mutex acquire (right mover), at most one non-mover, then
   * releases (left movers), with accesses to mutex-protected locations (both movers) anywhere. An
   * acquire or non-mover after the block's non-mover or first release starts a new block, as does any
   * operation that can block.
   */
  XActor enterOp(int pending, Target target, String label) {
    if (aborted) {
      throw Abort.INSTANCE;
    }
    switch (mode) {
      case SETUP:
        return null;
      case OBSERVE:
        if (target != null) {
          observed(target.id);
        }
        return null;
      default:
        break;
    }
    XActor t = current;
    if (t.inAtomic) {
      // Part of the enclosing operation's step (an atomic block or a wait condition).
      if (strategy.isNew()) {
        run.coverage.hit(label);
      }
      return t;
    }
    t.setPending(pending, target, label);
    remember(t, pending * 31L + (target == null ? -1 : target.id));
    if (!t.started) {
      t.started = true;
      Baton back = t.spawner;
      current = spawnerActor(t);
      t.baton.pass(back);
      if (aborted) {
        throw Abort.INSTANCE;
      }
      openStep(t, classify(t, pending, target));
      return t;
    }
    int cls = classify(t, pending, target);
    if (openActor == t && openEvent >= 0 && canExtendBlock(t, cls)) {
      t.opClass = cls;
      t.opTarget = target;
      if (cls == NON || cls == LEFT) {
        t.blockCommitted = true;
      }
      relyOn(cls, target);
      operation(t, label);
      return t;
    }
    XActor next = schedule(t);
    if (next == null) {
      endExecution();
      throw Abort.INSTANCE;
    }
    if (next != t) {
      current = next;
      t.baton.pass(next.baton);
      if (aborted) {
        throw Abort.INSTANCE;
      }
    }
    openStep(t, cls);
    return t;
  }

  private int classify(XActor t, int pending, Target target) {
    if (!reduce) {
      return NON;
    }
    switch (pending) {
      case Pending.READ:
      case Pending.WRITE: {
        Location l = (Location) target;
        Learned.LocationFacts f = l.facts;
        if (f.nonMover || (pending == Pending.WRITE && l.visibleTo != 0)) {
          return NON;
        }
        return (f.lockset & t.held) != 0 ? BOTH : NON;
      }
      case Pending.LOCK:
        return ((XMutex) target).facts.nonMover ? NON : RIGHT;
      case Pending.UNLOCK:
        return ((XMutex) target).facts.nonMover ? NON : LEFT;
      default:
        return NON;
    }
  }

  /**
   * Whether the running actor's next operation joins its current block. An operation that can block
   * always starts a block: otherwise an actor stuck half-way through a block (a deadlock) would be
   * unreachable, since Lipton's reduction only preserves executions in which blocks complete.
   */
  private boolean canExtendBlock(XActor t, int cls) {
    if (!reduce || learned.restartReason != null || operations >= run.options.maxSteps()) {
      return false;
    }
    if ((cls == NON || cls == RIGHT) && t.blockCommitted) {
      return false;
    }
    switch (t.pending) {
      case Pending.LOCK:
      case Pending.RW_READ:
      case Pending.RW_WRITE:
      case Pending.RW_WRITE_QUEUED:
      case Pending.JOIN:
      case Pending.RESUME:
        return false;
      case Pending.WAIT:
        if (t.sleeping) {
          return false;
        }
        break;
      default:
        break;
    }
    return t.enabled();
  }

  /** Records that a reduction decision relied on a learnt fact, so contradicting it restarts. */
  private void relyOn(int cls, Target target) {
    if (cls == BOTH) {
      Learned.LocationFacts f = ((Location) target).facts;
      if (!f.reliedOnProtection) { // written once: workers would fight over the cache line
        f.reliedOnProtection = true;
      }
      if (f.lockset == 0) { // another worker emptied it after this step read it (volatile order)
        restart(((Location) target).name + " is accessed without a common lock");
      }
    } else if (cls == RIGHT || cls == LEFT) {
      Learned.MutexFacts f = ((XMutex) target).facts;
      if (!f.reliedOnMoving) {
        f.reliedOnMoving = true;
      }
      if (f.nonMover) { // another worker saw it used with trylock after this step read it
        restart(target.name + " is used with trylock");
      }
    }
  }

  /** Counts one executed operation of the running step. */
  private void operation(XActor t, String label) {
    operations++;
    recordDecision(t.id);
    if (strategy.isNew()) {
      run.coverage.hit(label);
    }
  }

  void restart(String reason) {
    if (learned.restartReason == null) {
      learned.restart(reason);
    }
  }

  /** Closes the running step and picks who runs next; null when the execution is over. */
  private XActor schedule(XActor running) {
    closeStep();
    if (ending == null && learned.restartReason != null) {
      ending = Ending.RESTART;
    }
    return ending == null ? decide(running) : null;
  }

  private XActor decide(XActor running) {
    long enabled = 0;
    long state = 0;
    boolean alive = false;
    for (int i = 0, n = actors.size(); i < n; i++) {
      XActor u = actors.get(i);
      if (!u.finished) {
        alive = true;
        state = state * 31 + pendingSignature(u);
        if (u.enabled()) {
          enabled |= 1L << i;
        }
      }
    }
    if (!alive) {
      completed();
      return null;
    }
    if (enabled == 0) {
      racePendingAcquisitions();
      deadlock();
      return null;
    }
    if (operations >= run.options.maxSteps()) {
      ending = Ending.BOUND;
      boundReason = "max-steps (" + run.options.maxSteps() + ") reached";
      return null;
    }
    if (symmetry.active()) {
      enabled = holdTwins(enabled);
    }
    lastEnabled = enabled;
    int r = running == null || running.finished ? -1 : running.id;
    int c = strategy.schedule(r, enabled, state, this);
    if (c < 0) {
      if (c == -1) {
        racePendingAcquisitions();
      }
      ending = c == -1 ? Ending.SLEEP_BLOCKED : Ending.REPLAY_END;
      return null;
    }
    return actors.get(c);
  }

  /**
   * Holds back the twins the symmetry rule does not let run. The step closed since the last
   * scheduling point is the only one that changed a history: where it ended a twinship, the held
   * twins' next steps depend on it (they join it); where it made its actor the twin of a higher
   * member that could run, it disabled that member, which races with its pending step.
   */
  private long holdTwins(long enabled) {
    long held = symmetry.hold(actors, twinsBefore);
    int e = lastClosed;
    lastClosed = -1;
    if (e >= 0 && symmetry.isMember(trace.actor[e])) {
      XActor t = actors.get(trace.actor[e]);
      for (long s = twinsBefore[t.id] & ~t.twinsAbove; s != 0; s &= s - 1) {
        actors.get(Long.numberOfTrailingZeros(s)).enabledBySymmetry(trace, e);
      }
      for (long s = t.twinsAbove & ~twinsBefore[t.id] & lastEnabled; s != 0; s &= s - 1) {
        races.raceWithPending(actors.get(Long.numberOfTrailingZeros(s)), e);
      }
    }
    return enabled & ~held;
  }

  /** Appends {@code v} to the running member's history (symmetry), if histories are kept. */
  private void remember(XActor t, long v) {
    if (t != null && symmetry.tracksHistory() && symmetry.isMember(t.id)) {
      t.remember(v);
    }
  }

  /** A value the facade returns to the running actor: part of its history (symmetry). */
  long seen(long v) {
    if (symmetry.tracksHistory() && (mode == RUN || mode == STARTUP)) {
      remember(current, v);
    }
    return v;
  }

  int seen(int v) {
    seen((long) v);
    return v;
  }

  boolean seen(boolean v) {
    seen(v ? 1L : 0L);
    return v;
  }

  /** A reference the facade returns to the running actor: equal keys for the same object. */
  <T> T seen(T v) {
    if (symmetry.tracksHistory() && (mode == RUN || mode == STARTUP)) {
      remember(current, symmetry.refKey(v));
    }
    return v;
  }

  Symmetry symmetry() {
    return symmetry;
  }

  /**
   * An execution that ends with actors blocked on acquisitions never runs those acquisitions, so their
   * races with what they wait behind are reported here instead.
   */
  private void racePendingAcquisitions() {
    if (!strategy.isNew()) {
      return;
    }
    for (XActor a : actors) {
      if (a.finished || a.enabled()) {
        continue;
      }
      if (a.pending == Pending.LOCK) {
        races.raceWithPending(a, ((XMutex) a.pendingTarget).blockingAcquisition());
      } else if (a.pending == Pending.RW_READ || a.pending == Pending.RW_WRITE
          || a.pending == Pending.RW_WRITE_QUEUED) {
        for (int x : ((XRwSem) a.pendingTarget).blockingEvents(a)) {
          races.raceWithPending(a, x);
        }
      }
    }
  }

  private void recordDecision(int value) {
    if (decisionCount == decisions.length) {
      decisions = Arrays.copyOf(decisions, decisionCount * 2);
      decisionStep = Arrays.copyOf(decisionStep, decisionCount * 2);
    }
    decisionStep[decisionCount] = openEvent;
    decisions[decisionCount++] = value;
  }

  private void openStep(XActor t, int cls) {
    t.seq++;
    t.clock[t.id] = t.seq;
    int enabler = t.wokenBy;
    if (t.wokenBy >= 0) {
      trace.join(t.clock, t.wokenBy);
      t.wokenBy = -1;
    }
    enabler = t.enablerWithSymmetry(enabler);
    if (trace.size >= trace.capacity) {
      throw new IllegalStateException("trace capacity exceeded");
    }
    openEvent = trace.open(t.id, t.seq, strategy.currentNode(), t.pendingLabel);
    if (enabler != -1 || t.seq == 1 && t.spawner != controller) {
      trace.enabler[openEvent] = t.seq == 1 && t.spawner != controller ? Trace.JOINED_MORE : enabler;
    }
    races.open(openEvent);
    openActor = t;
    openChangedVisible = false;
    openVisibleChanges = 0;
    openChangedState = false;
    openInformed = false;
    t.opClass = cls;
    t.opTarget = t.pendingTarget;
    t.blockCommitted = cls == NON || cls == LEFT;
    relyOn(cls, t.pendingTarget);
    run.transitions++;
    if (logging) {
      steps.add(new StepLog.Step(operations, t.name, t.pendingLabel));
    }
    operation(t, t.pendingLabel);
  }

  private void closeStep() {
    int e = openEvent;
    if (e < 0) {
      return;
    }
    XActor t = openActor;
    if (t.blockLocks != 0) {
      heldAcrossSteps(t);
    }
    openEvent = -1;
    races.close();
    trace.storeClock(e, t.clock);
    lastClosed = e;
    boolean isNew = strategy.isNew(); // a choice inside the step may have made it new
    strategy.closed(e, this);
    if (isNew) {
      run.newTransitions++;
      if (run.checkAfterEveryChange ? openChangedState : openChangedVisible) {
        checkInvariants(run.checkAfterEveryChange ? -1L : openVisibleChanges);
      }
    }
  }

  /** Mutexes acquired in this step and still held at its end are held across a scheduling point. */
  private void heldAcrossSteps(XActor t) {
    long m = t.blockLocks;
    t.blockLocks = 0;
    for (XMutex x : t.locksHeld) {
      if ((m & x.facts.mask()) != 0 && x.acquiredInStep == openEvent) {
        x.heldAcrossSteps(t);
      }
    }
  }

  int openEvent() {
    return openEvent;
  }

  /** Operations executed so far in this execution. */
  int operations() {
    return operations;
  }

  XActor runningActor() {
    return mode == RUN ? current : null;
  }

  /** Runs a wait condition inside the current step. */
  boolean evaluateInStep(XActor t, BooleanSupplier condition) {
    boolean wasAtomic = t.inAtomic;
    t.inAtomic = true;
    try {
      return condition.getAsBoolean();
    } finally {
      t.inAtomic = wasAtomic;
    }
  }

  /** Wakes every actor sleeping on {@code q}; returns them as a bit mask. */
  long wakeSleepersOn(XWaitQueue q, int wakeEvent) {
    long woken = 0;
    for (XActor a : actors) {
      if (a.sleeping && a.sleepingOn == q) {
        a.sleeping = false;
        a.wokenBy = wakeEvent;
        woken |= 1L << a.id;
      }
    }
    return woken;
  }

  void join(XActor target, String label) {
    if ((mode == RUN || mode == STARTUP) && current != null) {
      current.pendingJoin = target; // also as an actor's first operation
    }
    XActor t = enterOp(Pending.JOIN, null, label);
    if (t == null) {
      throw notInSetup(label, "join " + target.name);
    }
    if (!target.finished) {
      throw blockingInAtomic(label, "join " + target.name);
    }
    for (int i = 0; i < trace.width; i++) {
      t.clock[i] = Math.max(t.clock[i], target.clock[i]);
    }
    if (openEvent >= 0) {
      trace.enabler[openEvent] = Trace.JOINED_MORE;
    }
    if (logging) {
      log(null, "join " + target.name, null);
    }
  }

  // ---------------------------------------------------------------- accesses, races, happens-before

  void read(XActor t, Location l) {
    addAccess(t, l, Access.READ);
    openInformed = true;
    refineLockset(t, l);
    races.read(t, l);
  }

  void write(XActor t, Location l) {
    addAccess(t, l, Access.WRITE);
    refineLockset(t, l);
    races.write(t, l);
    openChangedState = true;
    if (l.visibleTo != 0) {
      visibleChange(t, l.visibleTo);
    }
  }

  /**
   * A write that returns the value it replaced (getAndAdd, getAndSet): what the step does next
   * may depend on that value, as after a read.
   */
  void readModifyWrite(XActor t, Location l) {
    write(t, l);
    openInformed = true;
  }

  /**
   * A compare-and-set: a write when it succeeds, a read when it fails. A search that needs fixed
   * footprints counts a failed one as a write too (it rewrites the value it read): a dependence
   * that holds whatever the outcome, so the step's footprint no longer depends on the order.
   */
  void compareAndSet(XActor t, Location l, boolean ok) {
    if (ok) {
      write(t, l);
    } else if (strategy.needsFixedFootprints()) {
      strategy.failedCasCountedAsWrite();
      write(t, l);
    } else {
      read(t, l);
    }
    openInformed = true;
  }

  /**
   * Records an access of the open step. An access after the step learnt something of the shared
   * state (a read, an outcome) may depend on what it learnt: the step is context-dependent, unless
   * the access is to a location only its actor touches (a ghost, a private counter), which no other
   * actor's step can depend on. That is a learnt fact: a second actor's access contradicts it.
   */
  private void addAccess(XActor t, Target target, int kind) {
    if (strategy.needsFixedFootprints()) {
      checkFixedFootprint(t, target);
    }
    trace.addAccess(openEvent, target, kind);
  }

  /** {@link #addAccess}'s test for optimal DPOR (source-DPOR needs none: nothing on its path). */
  private void checkFixedFootprint(XActor t, Target target) {
    Learned.LocationFacts owned = null;
    if (target instanceof Location && target.id <= VISIBILITY_ID - 64) {
      owned = ((Location) target).facts;
      if (owned.accessedBy(t.id) && owned.reliedOnOwner) {
        contextDependent("accesses ", target.name, ", which an earlier step took as another "
            + "actor's own");
      }
    }
    if (openInformed) {
      if (owned != null && owned.owner == t.id) {
        if (!owned.reliedOnOwner) {
          owned.reliedOnOwner = true;
        }
      } else {
        contextDependent("accesses ", target.name, " after reading shared state in the same step");
      }
    }
  }

  /**
   * The open step's accesses depend on the shared state it met, not only on its actor's own
   * state (how: {@code before + name + after}): the search is told, since optimal DPOR assumes
   * they do not.
   */
  void contextDependent(String before, String name, String after) {
    if (strategy.needsFixedFootprints()) { // the reason is built only for a search that wants it
      String why = before + name + after;
      strategy.contextDependent(openEvent >= 0
          ? openActor.name + " at '" + trace.label[openEvent] + "' " + why
          : (current == null ? "set-up" : current.name) + " " + why);
    }
  }

  /** Lockset refinement (Eraser): the mutexes held at every access to {@code l}. */
  private void refineLockset(XActor t, Location l) {
    if (!reduce) {
      return;
    }
    Learned.LocationFacts f = l.facts;
    if (f.narrow(t.held) && f.reliedOnProtection) {
      restart(l.name + " is accessed without a common lock");
    }
  }

  /** Records an access to a synchronisation object (for sleep-set independence). */
  void syncAccess(XActor t, Target target, int kind) {
    remember(t, kind); // a trylock's outcome
    addAccess(t, target, kind);
    if (Access.changesState(kind)) {
      openChangedState = true;
    }
  }

  /** A state change of {@code target} by the running step; visible ones order invariant states. */
  void stateChanged(XActor t, Target target) {
    if (target.visibleTo != 0) {
      visibleChange(t, target.visibleTo);
    }
  }

  private void visibleChange(XActor t, long invariantsAffected) {
    demoteMover(t, "carries an invariant-visible change");
    long fresh = invariantsAffected & ~openVisibleChanges;
    openVisibleChanges |= invariantsAffected;
    openChangedVisible = true;
    for (; fresh != 0; fresh &= fresh - 1) {
      int i = Long.numberOfTrailingZeros(fresh);
      if (visibility[i] == null) {
        visibility[i] = new Location(this, "(state read by " + invariants.get(i).property + ")",
            VISIBILITY_ID - i);
      }
      write(t, visibility[i]);
    }
  }

  /**
   * The running operation was reduced as a mover, but its step does something a mover may not:
   * from now on operations on its target are steps of their own.
   */
  private void demoteMover(XActor t, String why) {
    if (!reduce || t.opClass == NON || t.opTarget == null) {
      return;
    }
    if (t.opTarget instanceof Location) {
      Learned.LocationFacts f = ((Location) t.opTarget).facts;
      if (!f.nonMover) {
        f.nonMover = true;
        restart(t.opTarget.name + " " + why);
      }
    } else if (t.opTarget instanceof XMutex) {
      Learned.MutexFacts f = ((XMutex) t.opTarget).facts;
      if (!f.nonMover) {
        f.nonMover = true;
        restart(t.opTarget.name + " " + why);
      }
    }
  }

  /** A {@code peek}: marks the location visible when observing, else reads inside the current step. */
  void peeked(Location l) {
    if (mode == OBSERVE) {
      observed(l.id);
    } else if (mode == RUN && openEvent >= 0) {
      if (aborted) {
        throw Abort.INSTANCE;
      }
      read(openActor, l);
      inStepAccess(openActor, l);
    }
  }

  /**
   * An access inside a mover's step must itself be protected, or the step is no mover. The merge
   * relies on that protection as it relies on its own target's: a later access without the lock
   * (another actor's, in this execution or a later one) must restart the search, or the orders
   * that put that access inside the merged step are never explored.
   */
  private void inStepAccess(XActor t, Location l) {
    if (!reduce || t.opClass == NON) {
      return;
    }
    Learned.LocationFacts f = l.facts;
    if ((f.lockset & t.held) != 0 && !f.reliedOnProtection) {
      f.reliedOnProtection = true;
    }
    // re-read after relying: another worker may have emptied it meanwhile (volatile order)
    if ((f.lockset & t.held) == 0) {
      demoteMover(t, "shares its step with an unprotected access to " + l.name);
    }
  }

  /** A {@code poke}: writes inside the current step. */
  void poked(Location l) {
    if (mode == OBSERVE) {
      throw new IllegalStateException("invariants must not modify state (poke of " + l.name + ")");
    }
    if (mode == RUN && openEvent >= 0) {
      if (aborted) {
        throw Abort.INSTANCE;
      }
      write(openActor, l);
      inStepAccess(openActor, l);
    }
  }

  // ---------------------------------------------------------------- invariants and endings

  Learned.LocationFacts locationFacts(int id) {
    return id > VISIBILITY_ID - 64 ? new Learned.LocationFacts() : learned.location(id);
  }

  Learned.MutexFacts mutexFacts(int id) {
    return learned.mutex(id);
  }

  boolean reducing() {
    return reduce;
  }

  long visibleTo(int id) {
    Long mask = learned.visibleTo.get(id);
    return mask == null ? 0 : mask;
  }

  /**
   * Ids that identify the same object in every execution: the creating actor (0 for set-up) and its
   * own creation count, so independent actors creating objects in either order get the same ids.
   */
  int allocateIds(int span) {
    XActor creator = mode == SETUP || mode == OBSERVE ? null : current;
    int n;
    if (creator == null) {
      n = setupObjects;
      setupObjects += span;
    } else {
      n = creator.createdObjects;
      creator.createdObjects += span;
    }
    if (n + span >= (1 << 20)) {
      throw new IllegalStateException("too many shared objects created by one actor");
    }
    return ((creator == null ? 0 : creator.id + 1) << 20) | n;
  }

  void observed(int id) {
    if (observing < 0) {
      return; // final-state descriptions and end checks need no ordering
    }
    long bit = 1L << Math.min(observing, 63);
    long mask = visibleTo(id);
    if ((mask & bit) == 0 && learned.markVisible(id, bit)) {
      restart("invariant " + invariants.get(observing).property + " reads object #" + id);
    }
  }

  /** Evaluates the invariants selected by {@code which} (bit i: the i-th declared invariant). */
  private void checkInvariants(long which) {
    if (invariants.isEmpty()) {
      return;
    }
    enterObserve();
    try {
      for (int i = 0; i < invariants.size(); i++) {
        if ((which & (1L << Math.min(i, 63))) == 0) {
          continue;
        }
        Named inv = invariants.get(i);
        String v;
        observing = i;
        try {
          v = inv.check.violation();
        } catch (RuntimeException ex) {
          v = "invariant threw " + ex;
        } finally {
          observing = -1;
        }
        if (v != null) {
          if (run.found(this, Finding.Kind.INVARIANT, inv.property, v, null)
              && run.options.stopAtFirst()) {
            ending = Ending.VIOLATION;
          }
        }
      }
    } finally {
      exitObserve();
    }
    if (learned.restartReason != null) {
      ending = Ending.RESTART;
    }
  }

  private void enterObserve() {
    modeBeforeObserve = mode;
    mode = OBSERVE;
  }

  private void exitObserve() {
    mode = modeBeforeObserve;
  }

  private void completed() {
    ending = Ending.COMPLETE;
    enterObserve();
    try {
      // an actor that failed stopped mid-operation: what the end checks would report about the
      // unfinished state (an epoch left open, a fault still registered) follows from that failure
      for (Named check : anyActorFailed() ? List.<Named>of() : endChecks) {
        String v;
        try {
          v = check.check.violation();
        } catch (RuntimeException ex) {
          v = "end check threw " + ex;
        }
        if (v != null) {
          run.found(this, Finding.Kind.END_CHECK, check.property, v, null);
        }
      }
      if (run.collectFinalStates) {
        finalState = describeFinalState();
      }
    } finally {
      exitObserve();
    }
    if (learned.restartReason != null) {
      ending = Ending.RESTART;
    }
  }

  private boolean anyActorFailed() {
    for (XActor a : actors) {
      if (a.failed) {
        return true;
      }
    }
    return false;
  }

  private String describeFinalState() {
    StringBuilder sb = new StringBuilder();
    if (finalStateDescription != null) {
      sb.append(finalStateDescription.get());
    } else {
      for (Object o : objects) {
        if (o instanceof Location || o instanceof IntArray || o instanceof RefArray) {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(o);
        }
      }
    }
    for (XActor a : actors) {
      if (a.failed) {
        sb.append(" [").append(a.name).append(" failed]");
      }
    }
    return sb.toString();
  }

  private void deadlock() {
    ending = Ending.DEADLOCK;
    if (!blockedBehindFailedActor()) {
      run.found(this, Finding.Kind.DEADLOCK, deadlockProperty(), describeDeadlock(), null);
    }
  }

  /**
   * L4 (lost wake-up) when every blocked actor sleeps on a wait queue and some sleeper's wake-up is
   * missing: its condition already holds, or it went to sleep without one. Otherwise L1: some actor
   * waits for a lock, or every sleeper waits for a condition no remaining actor can make true (a
   * cycle through that condition, e.g. an invalidation waiting for the fault that started it).
   */
  private String deadlockProperty() {
    boolean missedWakeup = false;
    for (XActor a : actors) {
      if (!a.finished && !a.sleeping) {
        return "L1";
      }
      if (!a.finished && !missedWakeup) {
        missedWakeup = a.sleepCondition == null || holdsNow(a.sleepCondition);
      }
    }
    return missedWakeup ? "L4" : "L1";
  }

  /** Evaluates a sleeper's condition on the deadlocked state, as invariants read it. */
  private boolean holdsNow(java.util.function.BooleanSupplier condition) {
    enterObserve();
    try {
      return condition.getAsBoolean();
    } catch (RuntimeException ex) {
      return true; // cannot tell: keep the conservative lost-wake-up reading
    } finally {
      exitObserve();
    }
  }

  /**
   * Whether some blocked actor waits, directly or through other blocked actors, for an actor that
   * already failed (a lock it still holds, or its end): a consequence of that failure, reported
   * already, not a deadlock.
   */
  private boolean blockedBehindFailedActor() {
    for (XActor a : actors) {
      if (!a.finished && reachesFailedActor(a, 0L)) {
        return true;
      }
    }
    return false;
  }

  private boolean reachesFailedActor(XActor a, long visited) {
    long next = a.waitsForActors() & ~visited;
    visited |= 1L << a.id | next;
    for (; next != 0; next &= next - 1) {
      XActor b = actors.get(Long.numberOfTrailingZeros(next));
      if (b.failed || !b.finished && reachesFailedActor(b, visited)) {
        return true;
      }
    }
    return false;
  }

  /** Names every blocked actor and what it waits for, with the wait-for cycle when there is one. */
  String describeDeadlock() {
    StringBuilder sb = new StringBuilder("no actor can run;");
    List<XActor> blocked = new ArrayList<>();
    for (XActor a : actors) {
      if (!a.finished) {
        blocked.add(a);
      }
    }
    List<XActor> cycle = findCycle(blocked);
    if (!cycle.isEmpty()) {
      sb.append(" wait-for cycle:");
      for (XActor a : cycle) {
        sb.append(' ').append(a.name).append(' ').append(a.blockedOn()).append(';');
      }
    }
    for (XActor a : blocked) {
      if (!cycle.contains(a)) {
        sb.append(' ').append(a.name).append(' ').append(a.blockedOn()).append(';');
      }
    }
    for (XActor a : actors) {
      if (a.failed) {
        sb.append(' ').append(a.name).append(" failed earlier;");
      }
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  private List<XActor> findCycle(List<XActor> blocked) {
    for (XActor start : blocked) {
      List<XActor> path = new ArrayList<>();
      XActor a = start;
      while (a != null && !a.finished && !path.contains(a)) {
        path.add(a);
        int w = a.waitsForActor();
        a = w >= 0 ? actors.get(w) : null;
      }
      if (a != null && path.contains(a)) {
        List<XActor> cycle = path.subList(path.indexOf(a), path.size());
        return new ArrayList<>(cycle);
      }
    }
    return List.of();
  }

  private void reportFailure(XActor a, Throwable failure) {
    if (failure instanceof BoundReached) {
      ending = Ending.BOUND;
      boundReason = ((BoundReached) failure).reason();
      return;
    }
    Finding.Kind kind;
    String property = null;
    if (failure instanceof Violation) {
      kind = Finding.Kind.ASSERTION;
      property = ((Violation) failure).property();
    } else if (failure instanceof AssertionError) {
      kind = Finding.Kind.ASSERTION;
    } else {
      kind = Finding.Kind.EXCEPTION;
    }
    String message = failure instanceof Violation
        ? ((Violation) failure).detail()
        : failure instanceof AssertionError ? String.valueOf(failure.getMessage()) : failure.toString();
    if (run.found(this, kind, property, message, a) && run.options.stopAtFirst()) {
      ending = Ending.VIOLATION;
    }
  }

  /**
   * Whether a violation found now is an artifact of a bound this execution touched; if so the
   * execution ends as a bound hit that names both.
   */
  boolean violationIsBoundArtifact(String property, String message) {
    if (boundTouched == null) {
      return false;
    }
    ending = Ending.BOUND;
    boundReason = boundTouched + ", and the execution then violated "
        + (property == null ? "an assertion" : property) + " (" + message + "): an artifact of that "
        + "bound, not a verdict on the protocol";
    return true;
  }

  /** What each actor is doing now: finished, runnable, or what it waits for. */
  java.util.Map<String, String> actorStates() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (XActor a : actors) {
      out.put(a.name, a.finished ? (a.failed ? "failed" : "finished")
          : a.enabled() ? "runnable" : a.blockedOn());
    }
    return out;
  }

  /** Decisions made so far. */
  int decisionCount() {
    return decisionCount;
  }

  /** The operations so far: actor ids, and {@code -(value + 1)} for choices. */
  int[] decisions() {
    return Arrays.copyOf(decisions, decisionCount);
  }

  /**
   * The operations that happen before the current point of {@code actor} (or of the last step when
   * {@code actor} is null): every linearisation of them is an execution reaching the same state of
   * that actor, and of every state an invariant read, so it reproduces the same violation.
   */
  int[] causalDecisions(XActor actor) {
    int last = trace.size - 1;
    if (last < 0) {
      return decisions();
    }
    int[] clock = actor != null ? actor.clock : lastClock(last);
    int[] out = new int[decisionCount];
    int n = 0;
    for (int i = 0; i < decisionCount; i++) {
      int e = decisionStep[i];
      if (e < 0 || trace.happensBefore(e, clock)) {
        out[n++] = decisions[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int[] lastClock(int e) {
    if (e == openEvent) {
      return openActor.clock;
    }
    int[] c = new int[trace.width];
    System.arraycopy(trace.clocks, e * trace.width, c, 0, trace.width);
    return c;
  }

  /** Identifies an actor's pending operation, to check that replayed prefixes really repeat. */
  private static int pendingSignature(XActor a) {
    int target = a.pendingTarget == null ? 0 : a.pendingTarget.id;
    return (a.pending * 31 + target) * 31 + (a.pendingLabel == null ? 0 : a.pendingLabel.hashCode());
  }

  /** The actors that have not finished, as a bit mask. */
  long unfinishedActors() {
    long out = 0;
    for (XActor a : actors) {
      if (!a.finished) {
        out |= 1L << a.id;
      }
    }
    return out;
  }

  /** Whether event {@code e} happens before actor {@code actor}'s pending operation. */
  boolean happensBeforePending(int e, int actor) {
    return trace.happensBefore(e, actors.get(actor).clock);
  }

  /** What a blocked actor's pending operation would access, as (object id, access kind) pairs. */
  int[] pendingFootprint(int actor) {
    XActor a = actors.get(actor);
    int kind = Pending.accessKind(a.pending);
    return a.pendingTarget == null || kind < 0 ? new int[0] : new int[] {a.pendingTarget.id, kind};
  }

  String actorName(int id) {
    return actors.get(id).name;
  }

  List<String> actorNames() {
    List<String> names = new ArrayList<>();
    for (XActor a : actors) {
      names.add(a.name);
    }
    return names;
  }

  String actorNames(int[] counts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < counts.length && i < actors.size(); i++) {
      if (counts[i] > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(actors.get(i).name);
      }
    }
    return sb.toString();
  }

  HarnessException nondeterminism(int node, String what, long expected, long actual) {
    return new NondeterminismException(
        "nondeterministic harness: " + what + " " + node + " differs from an earlier execution"
            + " (enabled actors " + Long.toBinaryString(expected) + " then, "
            + Long.toBinaryString(actual) + " now, or different pending operations); shared state"
            + " must go through the facade and choices through choose()");
  }

  IllegalStateException notInSetup(String label, String what) {
    return new IllegalStateException(label + ": cannot " + what + " outside an actor");
  }

  IllegalStateException blockingInAtomic(String label, String what) {
    return new IllegalStateException(label + ": would block inside an atomic step: " + what);
  }

  void log(Target target, String op, Object value) {
    if (openEvent < 0 || steps.isEmpty()) {
      return;
    }
    steps.get(steps.size() - 1).addAccess(target == null ? "" : target.name, op, value);
  }

  // ---------------------------------------------------------------- Sync

  private <T> T register(T object) {
    objects.add(object);
    return object;
  }

  @Override
  public Mutex newMutex(String name) {
    return register(new XMutex(this, name, allocateIds(1)));
  }

  @Override
  public RwSem newRwSem(String name, boolean writerBlocksReaders) {
    return register(new XRwSem(this, name, allocateIds(1), writerBlocksReaders));
  }

  @Override
  public IntCell newInt(String name, int initial) {
    return register(new XCells.XInt(this, name, allocateIds(1), initial));
  }

  @Override
  public LongCell newLong(String name, long initial) {
    return register(new XCells.XLong(this, name, allocateIds(1), initial));
  }

  @Override
  public BoolCell newBool(String name, boolean initial) {
    return register(new XCells.XBool(this, name, allocateIds(1), initial));
  }

  @Override
  public <T> RefCell<T> newRef(String name, T initial) {
    return register(new XCells.XRef<>(this, name, allocateIds(1), initial));
  }

  @Override
  public IntArray newIntArray(String name, int length, int initial) {
    return register(new XArrays.XIntArray(this, name, allocateIds(length), length, initial));
  }

  @Override
  public <T> RefArray<T> newRefArray(String name, int length, T initial) {
    return register(new XArrays.XRefArray<>(this, name, allocateIds(length), length, initial));
  }

  @Override
  public WaitQueue newWaitQueue(String name) {
    return register(new XWaitQueue(this, name, allocateIds(1)));
  }

  @Override
  public Actor spawn(String name, Runnable body) {
    if (actors.size() >= trace.width) {
      throw new IllegalStateException(
          "too many actors (" + (actors.size() + 1) + "): raise the actor limit (at most "
              + Trace.MAX_ACTORS + ")");
    }
    XActor child = new XActor(this, actors.size(), name, body, trace.width);
    if (mode == SETUP || mode == STARTUP) {
      actors.add(child);
      return child;
    }
    XActor parent = enterOp(Pending.SPAWN, null, "spawn " + name);
    actors.add(child);
    System.arraycopy(parent.clock, 0, child.clock, 0, trace.width);
    child.spawner = parent.baton;
    current = child;
    startThread(child);
    parent.baton.await();
    current = parent;
    if (aborted) {
      throw Abort.INSTANCE;
    }
    if (logging) {
      log(null, "spawn " + name, null);
    }
    return child;
  }

  @Override
  public int choose(String label, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(label + ": choose needs n > 0, got " + n);
    }
    if (aborted) {
      throw Abort.INSTANCE;
    }
    if (mode == OBSERVE) {
      throw new IllegalStateException(label + ": invariants must not choose");
    }
    if (n == 1) {
      return 0;
    }
    int v = strategy.choose(n);
    if (openEvent >= 0) {
      trace.chose[openEvent] = true;
    }
    contextDependent("chooses among ", Integer.toString(n), " values");
    recordDecision(-(v + 1));
    remember(current, v);
    if (logging) {
      log(null, "choose " + label, v);
    }
    return v;
  }

  @Override
  public void atomic(String label, Runnable body) {
    XActor t = enterOp(Pending.ATOMIC, null, label);
    if (t == null) {
      body.run();
      return;
    }
    boolean was = t.inAtomic;
    t.inAtomic = true;
    try {
      body.run();
    } finally {
      t.inAtomic = was;
    }
  }

  @Override
  public void boundTouched(String reason) {
    if (boundTouched == null) {
      boundTouched = reason;
    }
  }

  @Override
  public Actor currentActor() {
    return mode == RUN || mode == STARTUP ? current : null;
  }

  // ---------------------------------------------------------------- World

  @Override
  public Sync sync() {
    return this;
  }

  @Override
  public Actor actor(String name, Runnable body) {
    if (mode != SETUP) {
      throw new IllegalStateException("actors are declared during set-up; use spawn() later");
    }
    return spawn(name, body);
  }

  @Override
  public void symmetric(Actor... group) {
    if (mode != SETUP) {
      throw new IllegalStateException("symmetric actors are declared during set-up");
    }
    long mask = 0;
    for (Actor a : group) {
      if (!(a instanceof XActor) || ((XActor) a).ex != this) {
        throw new IllegalArgumentException("symmetric: " + a + " is not an actor of this world");
      }
      mask |= 1L << ((XActor) a).id;
    }
    symmetry.declare(mask);
  }

  @Override
  public void invariant(String property, StateCheck check) {
    invariants.add(new Named(property, check));
  }

  @Override
  public void atEnd(String property, StateCheck check) {
    endChecks.add(new Named(property, check));
  }

  @Override
  public void finalState(Supplier<String> describe) {
    this.finalStateDescription = describe;
  }
}

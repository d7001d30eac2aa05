package dev.mirrorcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The native runtime's scheduler: one actor runs at a time, holding the baton, and another may take
 * over only at a facade operation, as under the explorer. At each such scheduling point the next
 * actor is {@link Sync#choose chosen} among those that can run — under Java PathFinder by
 * {@code Verify.getInt}, so JPF enumerates every interleaving of facade operations; on a plain JVM by
 * the run's seeded generator, so a run is reproducible. The baton is handed over on per-actor
 * monitors: only the chosen thread is woken, and it starts only once its predecessor has parked, so
 * JPF never sees two runnable threads between facade operations.
 *
 * <p>Like the explorer, it applies Lipton's reduction to mutexes: acquiring one is a right mover and
 * releasing one a left mover, so a block of steps "acquire*, one other operation, release*" needs no
 * scheduling point inside; an operation that can block always starts a block (an actor stuck half-way
 * through a block would otherwise be lost), and a release joins a block only if its mutex was acquired
 * before the block: a critical section always spans a scheduling point, where a concurrent
 * {@code tryLock} can find it held. A mover's step must not change shared state itself: a
 * {@code poke} right after a lock operation (outside an atomic block) is treated as an operation of
 * its own, so the block it would spoil ends before it.
 *
 * <p>After each block that changed shared state (at the next scheduling point of the same actor, when
 * it blocks or when it ends) the world's invariants are evaluated on that state, by the actor that took
 * it; a violation is thrown there. When no actor can run, the blocked actors are a deadlock (L1)
 * or a lost wake-up (L4): on a plain JVM that is recorded and the actors are released; under JPF the
 * threads stay blocked, so JPF reports its own {@code NotDeadlockedProperty}, each blocked thread
 * renamed to say what it waits for.
 *
 * <p>Threads that are not actors of a run (set-up code, end checks, unit tests driving the model from
 * their own threads) are <em>free</em>: their operations are not scheduling points; they run under
 * {@link #lock} and block on it.
 *
 * <p>Plain loops and monitors only: Java PathFinder executes this code.
 */
final class NativeScheduler {
  /** An operation that neither blocks nor moves: a cell access, a wake-up, an atomic block. */
  static final int OP = 0;
  /** A non-mover that can block: a semaphore acquisition, a wait, a join, a spawn. */
  static final int MAY_BLOCK = 1;
  /** {@code mutex_lock}: a right mover that can block. */
  static final int LOCK = 2;
  /** {@code mutex_unlock}: a left mover. */
  static final int UNLOCK = 3;

  /** Guards free threads' operations; also the actor list and the failures. */
  final Object lock = new Object();
  private final Sync chooser;
  private final boolean underJpf;
  private final List<NativeActor> actors = new ArrayList<>();
  private final List<Named> invariants = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  // Touched by the actor holding the baton only.
  private boolean started;
  /** Shared state written since the invariants were last evaluated. */
  private boolean changed;
  /** A property failed: later states are its consequences, not checked again. */
  private boolean failed;
  /** Off JPF, no actor could run: blocked actors give up. */
  private volatile boolean aborted;
  /** Actors that have not ended (guarded by {@link #lock}). */
  private int live;
  /** The set-up thread as a party to hand-offs: it parks on seats while the actors run. */
  private NativeActor setup;

  NativeScheduler(Sync chooser, boolean underJpf) {
    this.chooser = chooser;
    this.underJpf = underJpf;
  }

  /** A state invariant with its property id. */
  private static final class Named {
    final String property;
    final StateCheck check;

    Named(String property, StateCheck check) {
      this.property = property;
      this.check = check;
    }
  }

  /** Thrown into blocked actors off JPF once their deadlock has been recorded. */
  static final class Abort extends Error {
    private static final long serialVersionUID = 1L;

    Abort() {
      super("no actor can run; actor released", null, false, false);
    }
  }

  /** What a blocked actor waits for: a lock, a wake-up, another actor's end. */
  abstract static class Blocker {
    /** Whether {@code a}, blocked on this, can run now. */
    abstract boolean lets(NativeActor a);

    /** For deadlock reports, e.g. {@code waits for driver_lock held by munmap}. */
    abstract String describe(NativeActor a);
  }

  void invariant(String property, StateCheck check) {
    if (started) {
      throw new IllegalStateException(property + ": invariants are declared during set-up");
    }
    invariants.add(new Named(property, check));
  }

  /** The actor running the calling thread, or null (a free thread). */
  NativeActor current() {
    Thread t = Thread.currentThread();
    if (t instanceof NativeActor.ActorThread) {
      NativeActor a = ((NativeActor.ActorThread) t).actor();
      if (a.scheduler == this) {
        return a;
      }
    }
    return null;
  }

  /** What an operation of {@code me} synchronizes on: its own monitor, or {@link #lock} if free. */
  Object guard(NativeActor me) {
    return me == null ? lock : me.guard;
  }

  /** The caller as something that can block: itself, or a stand-in for a free thread. */
  NativeActor orFree(NativeActor me) {
    return me != null ? me : new NativeActor(this, Thread.currentThread().getName());
  }

  NativeActor spawn(String name, Runnable body) {
    NativeActor a = new NativeActor(this, name, body);
    synchronized (lock) {
      actors.add(a);
    }
    synchronized (lock) {
      live++;
    }
    if (started) {
      // Like the explorer, the child runs up to its first operation right away, then hands back.
      a.startParked();
      NativeActor me = current();
      a.spawner = me;
      a.handOffFrom(me);
    }
    return a;
  }

  /**
   * Starts every actor declared during set-up, checks the invariants on the initial state, lets each
   * actor run up to its first operation in declaration order (as the explorer does), hands the first
   * step to one of them and waits until all have ended; then lets their threads go.
   */
  void run() throws InterruptedException {
    started = true;
    evaluateInvariants(null);
    if (failed) {
      return; // the initial state already violates a property: nothing to run
    }
    setup = new NativeActor(this, "set-up");
    for (int i = 0; i < actors.size(); i++) {
      actors.get(i).startParked();
    }
    for (int i = 0; i < actors.size() && !aborted; i++) {
      NativeActor a = actors.get(i);
      a.spawner = setup;
      a.handOffFrom(setup); // back when it reaches its first operation (or ends)
    }
    NativeActor first = aborted ? null : pick();
    if (first != null) {
      first.handOffFrom(setup); // back when the last actor has ended
    }
    // Every actor has ended (or failed); their threads wait, retired. Let them go one at a time.
    for (int i = 0; i < actors.size(); i++) {
      NativeActor a = actors.get(i);
      a.release();
      if (!aborted) {
        a.thread.join();
      } else {
        while (a.thread.isAlive()) { // off JPF only: it may still be on its way to a seat
          a.release();
          a.thread.join(20);
        }
      }
    }
  }

  /** An actor's thread starts: park until chosen. */
  void begin(NativeActor me) {
    me.parkAtStart();
    abortIfReleased();
    me.fresh = true;
  }

  /** A scheduling point before an operation of kind {@link #OP}. */
  NativeActor point() {
    return point(OP, null);
  }

  /**
   * Before an operation of the calling actor, of kind {@link #OP}, {@link #MAY_BLOCK}, {@link #LOCK}
   * or {@link #UNLOCK} (of mutex {@code target}): either the operation joins the actor's current
   * block, or this is a scheduling point that ends the block (checking the invariants if it changed
   * state) and lets any actor that can run take the next one. Returns the actor, or null for a free
   * thread; inside an atomic block or a condition it does nothing.
   */
  NativeActor point(int kind, Object target) {
    NativeActor me = current();
    if (me == null || me.atomicDepth > 0) {
      return me;
    }
    if (me.fresh) {
      // Start-up ends at the first operation: back to the spawner until chosen.
      me.fresh = false;
      me.spawner.handOffFrom(me);
      abortIfReleased();
      startBlock(me, kind);
      return me;
    }
    boolean join = me.inBlock
        && ((kind == UNLOCK && !((NativeMutex) target).acquiredInBlockOf(me))
        || (kind == OP && !me.committed));
    me.lastKind = kind;
    if (join) {
      me.committed = true; // an OP is the block's non-mover; after a release only releases join
      return me;
    }
    stepEnded(me);
    NativeActor next = pick();
    if (next != me) {
      next.handOffFrom(me);
      abortIfReleased();
    }
    startBlock(me, kind);
    return me;
  }

  private static void startBlock(NativeActor me, int kind) {
    me.lastKind = kind;
    me.inBlock = true;
    me.committed = kind != LOCK;
    me.block++;
  }

  /**
   * Blocks the calling actor, which holds the baton, until {@code on} lets it run and it is chosen
   * again. Called in a loop that re-tests the operation's condition. A free thread waits on
   * {@link #lock}, which it holds.
   */
  void block(NativeActor me, Blocker on, String label) {
    if (me.isFree()) {
      me.blocker = on;
      while (!on.lets(me)) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(label + ": interrupted", e);
        }
      }
      me.blocker = null;
      return;
    }
    if (me.atomicDepth > 0) {
      throw new IllegalStateException(label + ": an atomic block must not block ("
          + on.describe(me) + ")");
    }
    me.blocker = on;
    NativeActor next = pick();
    if (next == null) {
      noActorCanRun();
      abortIfReleased();
      NativeActor.parkForGood(me); // under JPF: the deadlock JPF reports
    } else {
      next.handOffFrom(me);
    }
    me.blocker = null;
    abortIfReleased();
  }

  /** A free thread released a lock or woke sleepers: wake the free threads blocked on it. */
  void released(NativeActor me) {
    if (me == null) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  /** The body returned: its last step ends here. */
  void bodyReturned(NativeActor me) {
    stepEnded(me);
  }

  /**
   * The actor's body ended, normally or by {@code failure} (null if none). Under JPF a failure ends
   * the path: the thread dies with it. Otherwise the baton moves on and this thread retires, parked in
   * the next holder's seat (the set-up thread's when it was the last actor, or in start-up) until the
   * run is over. Off JPF a failure stops the run, as the explorer stops at a violation.
   */
  void finish(NativeActor me, Throwable failure) {
    me.finished = true;
    int left;
    synchronized (lock) { // off JPF, aborted actors end at the same time
      left = --live;
    }
    if (failure != null && !(failure instanceof Abort)) {
      synchronized (lock) {
        failures.add(failure);
      }
      failed = true;
      if (underJpf) {
        return;
      }
      abortAll();
    }
    if (me.fresh) {
      me.fresh = false; // ended in start-up, before any operation
      me.spawner.handOffFrom(me);
      return;
    }
    NativeActor next = aborted ? null : pick();
    if (next != null) {
      next.handOffFrom(me);
    } else if (left == 0) {
      setup.handOffFrom(me);
    } else {
      noActorCanRun(); // every other live actor is blocked
      me.retireOn(new NativeActor.Seat()); // under JPF for good; off JPF released at the end
    }
  }

  /** Failures of actors (assertions, exceptions, invariants, deadlocks), in the order they happened. */
  List<Throwable> failures() {
    synchronized (lock) {
      return new ArrayList<>(failures);
    }
  }

  /** Shared state was written in the current step. */
  void changed() {
    changed = true;
  }

  /**
   * Before a {@code poke} by model code: right after a lock operation it is a step of its own (a
   * mover's step must not change state), elsewhere part of the current step.
   */
  void beforePoke() {
    NativeActor me = current();
    if (me != null && me.atomicDepth == 0 && (me.lastKind == LOCK || me.lastKind == UNLOCK)) {
      point(OP, null);
    }
  }

  /**
   * Evaluates {@code condition} inside the calling actor's current step: facade reads in it are not
   * scheduling points.
   */
  boolean evaluate(NativeActor me, BooleanSupplier condition) {
    if (me == null) {
      return condition.getAsBoolean();
    }
    me.atomicDepth++;
    try {
      return condition.getAsBoolean();
    } finally {
      me.atomicDepth--;
    }
  }

  // ---------------------------------------------------------------- the baton

  /**
   * Chooses who takes the next step among the actors that can run; null if none can. Choice 0 is the
   * first runnable actor after the current one in declaration order, the current one comes last: a
   * depth-first search (JPF's) then switches actors early and reaches races sooner. Every choice is
   * explored either way.
   */
  private NativeActor pick() {
    int size = actors.size();
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (actors.get(i).canRun()) {
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    int k = n == 1 ? 0 : chooser.choose("schedule", n);
    int from = actors.indexOf(current()) + 1; // 0 for the set-up thread
    for (int j = 0; j < size; j++) {
      NativeActor a = actors.get((from + j) % size);
      if (a.canRun() && k-- == 0) {
        return a;
      }
    }
    throw new IllegalStateException("no runnable actor " + k);
  }

  private void abortIfReleased() {
    if (aborted) {
      throw new Abort();
    }
  }

  // ---------------------------------------------------------------- properties

  private void stepEnded(NativeActor me) {
    if (changed) {
      changed = false;
      evaluateInvariants(me);
    }
  }

  /** Throws the first violated invariant as a {@link Violation}; nothing once something failed. */
  private void evaluateInvariants(NativeActor me) {
    if (failed) {
      return;
    }
    for (int i = 0; i < invariants.size(); i++) {
      Named inv = invariants.get(i);
      String v;
      if (me != null) {
        me.atomicDepth++;
      }
      try {
        v = inv.check.violation();
      } catch (RuntimeException e) {
        v = "invariant threw " + e;
      } finally {
        if (me != null) {
          me.atomicDepth--;
        }
      }
      if (v != null) {
        failed = true;
        Violation violation = new Violation(inv.property, v);
        if (me == null) {
          synchronized (lock) {
            failures.add(violation); // the initial state: no actor took the step
          }
          return;
        }
        throw violation;
      }
    }
  }

  /**
   * Every live actor is blocked. After a failure that is its consequence (a lock its holder never
   * released), not a finding. Otherwise L4 when every blocked actor sleeps on a wait queue and some
   * sleeper's wake-up was lost (its condition holds, or it slept without one); else L1.
   */
  private void noActorCanRun() {
    boolean anyAlive = false;
    for (int i = 0; i < actors.size(); i++) {
      anyAlive |= !actors.get(i).finished;
    }
    if (!anyAlive) {
      return;
    }
    if (failed) {
      abortAll();
      return;
    }
    boolean allSleep = true;
    boolean lostWakeup = false;
    NativeActor observer = current();
    for (int i = 0; i < actors.size(); i++) {
      NativeActor a = actors.get(i);
      if (a.finished) {
        continue;
      }
      if (!(a.blocker instanceof NativeWaitQueue)) {
        allSleep = false;
      } else if (!lostWakeup) {
        lostWakeup = a.sleepCondition == null || holdsNow(observer, a.sleepCondition);
      }
    }
    String property = allSleep && lostWakeup ? "L4" : "L1";
    StringBuilder sb = new StringBuilder("no actor can run;");
    for (int i = 0; i < actors.size(); i++) {
      NativeActor a = actors.get(i);
      if (!a.finished) {
        String what = a.blocker == null ? "is blocked" : a.blocker.describe(a);
        sb.append(' ').append(a.name()).append(' ').append(what).append(';');
        if (underJpf) {
          a.thread.setName(a.name() + " (" + property + ": " + what + ")");
        }
      }
    }
    sb.setLength(sb.length() - 1);
    if (!underJpf) {
      synchronized (lock) {
        failures.add(new Violation(property, sb.toString()));
      }
      failed = true;
      abortAll();
    }
  }

  /** Off JPF: wakes every blocked or waiting actor to give up. */
  private void abortAll() {
    if (underJpf) {
      return; // a JPF path that failed ends there; nothing to release
    }
    aborted = true;
    for (int i = 0; i < actors.size(); i++) {
      NativeActor a = actors.get(i);
      if (!a.finished && a != current()) {
        a.release();
      }
    }
    setup.release(); // the set-up thread stops waiting for the baton
  }

  private boolean holdsNow(NativeActor observer, BooleanSupplier condition) {
    try {
      return evaluate(observer, condition);
    } catch (RuntimeException e) {
      return true; // cannot tell: the conservative lost-wake-up reading
    }
  }

  /** The name of the actor running {@code t}, or {@code set-up}. */
  static String nameOf(Thread t) {
    if (t instanceof NativeActor.ActorThread) {
      return ((NativeActor.ActorThread) t).actor().name();
    }
    return t == null ? "nobody" : "set-up";
  }
}

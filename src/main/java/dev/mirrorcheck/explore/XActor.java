package dev.mirrorcheck.explore;

import java.util.function.BooleanSupplier;

import dev.mirrorcheck.sync.Actor;

/** One actor of an execution: its Java thread's baton, vector clock and pending operation. */
final class XActor implements Actor {
  final Execution ex;
  final int id;
  final String name;
  final Runnable body;
  final Baton baton = new Baton();
  final int[] clock;
  int seq;

  /**
   * Symmetry (members of a group only): the operations this actor ran and the values the facade
   * returned to it, in order, with a hash of them; see {@link Symmetry}.
   */
  long[] history;
  int historyLength;
  long historyHash;
  /** Symmetry: higher members of its group that were its twins at the last scheduling point. */
  long twinsAbove;
  /**
   * Symmetry: the step that ended a twinship holding this actor back (already joined into its clock),
   * {@link Trace#JOINED_MORE} for several, or -1.
   */
  private int symEnabler = -1;

  int pending = Pending.NONE;
  Target pendingTarget;
  XActor pendingJoin;
  String pendingLabel;

  boolean started; // reached its first operation
  boolean finished;
  boolean failed;
  boolean inAtomic;
  /** Queued on a wait queue and not woken yet. */
  boolean sleeping;
  XWaitQueue sleepingOn;
  BooleanSupplier sleepCondition; // what waitUntil waits for; null for a bare sleep
  int sleepingSince = -1;
  /** The wake-up event that made this actor runnable again, joined into its next step. */
  int wokenBy = -1;
  /** Where to hand control back when this actor reaches its first operation. */
  Baton spawner;
  /** A writer announced on a semaphore that blocks readers, not yet holding it. */
  boolean announcedWriter;

  /** Mutexes held (bit masks of {@link Learned.MutexFacts#bit}), for lockset refinement. */
  long held;
  final java.util.ArrayList<XMutex> locksHeld = new java.util.ArrayList<>(4);
  /** Mutexes acquired in the current step (their kind of section is decided when it ends). */
  long blockLocks;
  /** Mover class and target of the operation being executed, and whether the block is past its
   * non-mover or first release. */
  int opClass;
  Target opTarget;
  boolean blockCommitted;
  /** Objects this actor created, for stable object ids. */
  int createdObjects;

  XActor(Execution ex, int id, String name, Runnable body, int clockWidth) {
    this.ex = ex;
    this.id = id;
    this.name = name;
    this.body = body;
    this.clock = new int[clockWidth];
  }

  /** Appends {@code v} to the history. */
  void remember(long v) {
    if (history == null) {
      history = new long[16];
    } else if (historyLength == history.length) {
      history = java.util.Arrays.copyOf(history, historyLength * 2);
    }
    history[historyLength++] = v;
    historyHash = historyHash * 0x9E3779B97F4A7C15L + v + 1;
  }

  /**
   * A step that made this actor runnable by ending its twinship with a lower member: its pending
   * operation, and so its next step, happens after it.
   */
  void enabledBySymmetry(Trace trace, int event) {
    trace.join(clock, event);
    symEnabler = symEnabler == -1 ? event : Trace.JOINED_MORE;
  }

  /** The enabler of the step this actor is opening, given the one it has otherwise (or -1). */
  int enablerWithSymmetry(int enabler) {
    int e = symEnabler;
    symEnabler = -1;
    return e == -1 ? enabler : enabler == -1 ? e : Trace.JOINED_MORE;
  }

  void setPending(int kind, Target target, String label) {
    pending = kind;
    pendingTarget = target;
    pendingLabel = label;
  }

  /** Whether the pending operation can run in the current state. */
  boolean enabled() {
    if (finished) {
      return false;
    }
    switch (pending) {
      case Pending.LOCK:
        return ((XMutex) pendingTarget).holder == null;
      case Pending.RW_READ:
        return ((XRwSem) pendingTarget).readable();
      case Pending.RW_WRITE:
        return ((XRwSem) pendingTarget).writeAttemptEnabled();
      case Pending.RW_WRITE_QUEUED:
        return ((XRwSem) pendingTarget).free();
      case Pending.JOIN:
        return pendingJoin.finished;
      case Pending.WAIT:
      case Pending.RESUME:
        return !sleeping;
      default:
        return true;
    }
  }

  /** What this actor is blocked on, for deadlock reports. */
  String blockedOn() {
    switch (pending) {
      case Pending.LOCK:
        XMutex m = (XMutex) pendingTarget;
        return "waits for " + m.name + " held by " + m.holder.name;
      case Pending.RW_READ:
        return "waits to read " + pendingTarget.name + ", " + ((XRwSem) pendingTarget).describeHolders();
      case Pending.RW_WRITE:
      case Pending.RW_WRITE_QUEUED:
        return "waits to write " + pendingTarget.name + ", " + ((XRwSem) pendingTarget).describeHolders();
      case Pending.JOIN:
        return "waits for actor " + pendingJoin.name + " to finish";
      case Pending.WAIT:
      case Pending.RESUME:
        return "sleeps on " + sleepingOn.name + " (" + pendingLabel + ") and no actor is left to wake it";
      default:
        return "is blocked in " + pendingLabel;
    }
  }

  /** Every actor this one waits for (lock holders, or the actor it joins), as a bit mask. */
  long waitsForActors() {
    switch (pending) {
      case Pending.LOCK:
        return 1L << ((XMutex) pendingTarget).holder.id;
      case Pending.RW_READ:
      case Pending.RW_WRITE:
      case Pending.RW_WRITE_QUEUED:
        return ((XRwSem) pendingTarget).blockersOf(this);
      case Pending.JOIN:
        return 1L << pendingJoin.id;
      default:
        return 0;
    }
  }

  /** The actor this one waits for, when it waits for a lock holder; -1 otherwise. */
  int waitsForActor() {
    switch (pending) {
      case Pending.LOCK:
        return ((XMutex) pendingTarget).holder.id;
      case Pending.RW_READ:
      case Pending.RW_WRITE:
      case Pending.RW_WRITE_QUEUED:
        return ((XRwSem) pendingTarget).blockerOf(this);
      case Pending.JOIN:
        return pendingJoin.id;
      default:
        return -1;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void join(String label) {
    ex.join(this, label);
  }

  @Override
  public String toString() {
    return name;
  }
}

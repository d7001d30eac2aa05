package dev.mirrorcheck.sync;

import java.util.function.BooleanSupplier;

/**
 * An actor of the native runtime: a plain thread that runs its body only while it holds the baton.
 *
 * <p>A parked actor waits on a <em>seat</em>, a monitor with no other waiter. The actor that hands it
 * the baton enters that seat, marks it chosen, notifies it and waits on the same seat in its place:
 * the chosen thread can run exactly when the handing one stops, with no moment where both run.
 */
final class NativeActor implements Actor {
  final NativeScheduler scheduler;
  final ActorThread thread;
  private final String name;
  private final Runnable body;

  // Touched by the baton holder (the scheduler's bookkeeping) or under this monitor (the hand-off).
  boolean finished;
  /** What it is blocked on, or null when it wants to run. */
  NativeScheduler.Blocker blocker;
  /** Nesting of atomic blocks and condition evaluations: no scheduling points inside. */
  int atomicDepth;
  /** Queued on a wait queue and not woken yet. */
  boolean sleeping;
  /** What a {@code waitUntil} sleeps for; null for a bare {@code sleep}. */
  BooleanSupplier sleepCondition;
  // The reduced block it is running (see NativeScheduler).
  /** Just chosen to start: its first operation needs no scheduling point. */
  boolean fresh;
  boolean inBlock;
  /** The block has had its non-mover, or a release: only releases may join it. */
  boolean committed;
  /** Counts its blocks: which one a mutex was acquired in. */
  int block;
  /** Who it hands the baton back to when start-up ends: the set-up thread, or its spawner. */
  NativeActor spawner;
  /** The kind of its last operation. */
  int lastKind;
  /** Synchronized on by its operations (for free threads' sake); never a seat. */
  final Object guard = new Object();
  /** The seat it waits on while parked; it starts on a seat of its own. */
  private Seat seat = new Seat();

  /**
   * A monitor that at most one parked actor waits on, with the hand-over state, always accessed
   * under it (so Java PathFinder sees it as lock-protected).
   */
  static class Seat {
    /** Its thread has started and parked here (for the start-up hand-shake). */
    boolean arrived;
    /** The actor handed the baton, until it leaves the seat. */
    NativeActor chosen;
  }

  NativeActor(NativeScheduler scheduler, String name, Runnable body) {
    this.scheduler = scheduler;
    this.name = name;
    this.body = body;
    this.thread = new ActorThread(this);
  }

  /** A stand-in for a free thread (not an actor of the run) while it blocks. */
  NativeActor(NativeScheduler scheduler, String name) {
    this.scheduler = scheduler;
    this.name = name;
    this.body = null;
    this.thread = null;
  }

  boolean isFree() {
    return thread == null;
  }

  @Override
  public String name() {
    return name;
  }

  /** Whether it is alive and not blocked. */
  boolean canRun() {
    return !finished && (blocker == null || blocker.lets(this));
  }

  /**
   * Starts its thread and returns once the thread is parked: no actor thread runs alongside the one
   * holding the baton.
   */
  void startParked() {
    Seat s = seat;
    synchronized (s) {
      thread.start();
      while (!s.arrived) {
        waitOn(s, name);
      }
    }
  }

  /** The first thing its thread does: park on its own seat until chosen. */
  void parkAtStart() {
    Seat s = seat;
    synchronized (s) {
      s.arrived = true;
      s.notifyAll(); // the starting thread waits for this
      awaitChosen(s);
    }
  }

  /**
   * Hands the baton to this parked actor and parks {@code me} on its seat in its place; returns when
   * {@code me} is handed the baton again.
   */
  void handOffFrom(NativeActor me) {
    Seat s = seat;
    synchronized (s) {
      s.chosen = this;
      s.notifyAll(); // its only waiter, which runs once we wait below
      me.seat = s;
      me.awaitChosen(s);
    }
  }

  /** Lets a parked or retired actor's thread go on, from a thread that keeps running. */
  void release() {
    Seat s = seat;
    synchronized (s) {
      s.chosen = this;
      s.notifyAll();
    }
  }

  /** Waits, in {@code s}, until chosen. */
  private void awaitChosen(Seat s) {
    while (s.chosen != this) {
      waitOn(s, name);
    }
    s.chosen = null;
  }

  /**
   * Parks this ended actor's thread on the fresh seat {@code s} until the set-up thread
   * {@link #release releases} it.
   */
  void retireOn(Seat s) {
    synchronized (s) {
      seat = s;
      awaitChosen(s);
    }
  }

  /** Blocks {@code me} for good: under Java PathFinder, the deadlock it reports. */
  static void parkForGood(NativeActor me) {
    Object nobody = new Object();
    synchronized (nobody) {
      while (true) {
        waitOn(nobody, me.name);
      }
    }
  }

  private static void waitOn(Object s, String name) {
    try {
      s.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + ": interrupted while waiting to run", e);
    }
  }

  @Override
  public void join(String label) {
    NativeActor me = scheduler.point(NativeScheduler.MAY_BLOCK, null);
    if (me == null) {
      try {
        thread.join(); // a free thread: the JVM's join
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(label + ": interrupted", e);
      }
      return;
    }
    while (!finished) {
      scheduler.block(me, new JoinOf(this), label);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Waits for an actor's end ({@code kthread_stop}). */
  private static final class JoinOf extends NativeScheduler.Blocker {
    private final NativeActor target;

    JoinOf(NativeActor target) {
      this.target = target;
    }

    @Override
    boolean lets(NativeActor a) {
      return target.finished;
    }

    @Override
    String describe(NativeActor a) {
      return "waits for actor " + target.name + " to finish";
    }
  }

  /** The thread of an actor; the scheduler finds the running actor through it. */
  static final class ActorThread extends Thread {
    private final NativeActor actor;

    ActorThread(NativeActor actor) {
      super(actor.name);
      this.actor = actor;
    }

    NativeActor actor() {
      return actor;
    }

    @Override
    public void run() {
      NativeScheduler s = actor.scheduler;
      Throwable failure = null;
      try {
        s.begin(actor);
        actor.body.run();
        s.bodyReturned(actor);
      } catch (NativeScheduler.Abort e) {
        failure = e;
      } catch (RuntimeException | Error e) {
        failure = e;
        throw e;
      } finally {
        s.finish(actor, failure);
      }
    }
  }
}

package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Mutex;
import java.util.Arrays;

/**
 * Mutex under the explorer. A critical section that begins and ends inside one step (an atomic block)
 * is recorded as a {@link Access#LOCK_LOCAL} access: it needs the mutex free and leaves it free, so
 * such sections commute with each other and conflict only with sections held across scheduling
 * points. Those are recorded as an acquisition ({@link Access#LOCK}) and a release; an acquisition
 * races with the previous held-across acquisition and with the local sections since, never with the
 * release that merely orders them. A failed trylock races with the holder's acquisition and release.
 */
final class XMutex extends Target implements Mutex {
  final Learned.MutexFacts facts;
  XActor holder;
  /** Step in which the holder acquired it, while it is not yet known whether it is held across. */
  int acquiredInStep = -1;
  private int lastAcquire = -1; // last acquisition held across steps
  private int lastRelease = -1;
  private final int[] localsSinceAcquire = new int[Trace.MAX_ACTORS];
  private boolean anyLocals;
  private final int[] failedTries = new int[Trace.MAX_ACTORS];
  private boolean anyFailedTries;

  XMutex(Execution ex, String name, int id) {
    super(ex, name, id);
    this.facts = ex.mutexFacts(id);
    Arrays.fill(localsSinceAcquire, -1);
    Arrays.fill(failedTries, -1);
  }

  @Override
  public String name() {
    return name;
  }

  /** Held by the world's set-up code (single-threaded, so it never blocks). */
  boolean heldBySetup;

  @Override
  public void lock(String label) {
    XActor t = ex.enterOp(Pending.LOCK, this, label);
    if (t == null) {
      if (heldBySetup) {
        throw new IllegalStateException(label + ": " + name + " is already held by set-up");
      }
      heldBySetup = true;
      return;
    }
    if (holder == t) {
      throw new IllegalStateException(
          label + ": " + name + " is not recursive (already held by " + t.name + ")");
    }
    if (holder != null) {
      throw ex.blockingInAtomic(label, "lock " + name + " held by " + holder.name);
    }
    acquired(t);
  }

  private void acquired(XActor t) {
    ex.raceUnlessOrdered(t, lastAcquire);
    ex.joinEvent(t, lastRelease);
    holder = t;
    t.held |= facts.mask();
    t.locksHeld.add(this);
    acquiredInStep = ex.openEvent();
    if (ex.reducing() && !facts.nonMover && facts.mask() != 0) {
      t.blockLocks |= facts.mask(); // decided at the release, or when the step ends
    } else {
      heldAcrossSteps(t);
    }
    if (ex.logging) ex.log(this, "lock", null);
  }

  /** The section that {@code t} opened in the current step continues past it. */
  void heldAcrossSteps(XActor t) {
    ex.syncAccess(t, this, Access.LOCK);
    if (anyLocals) {
      ex.raceWithAll(t, localsSinceAcquire);
      Arrays.fill(localsSinceAcquire, -1);
      anyLocals = false;
    }
    lastAcquire = acquiredInStep;
    acquiredInStep = -1;
    clearFailedTries();
    ex.stateChanged(t, this);
  }

  @Override
  public boolean tryLock(String label) {
    if (!facts.nonMover) {
      facts.nonMover = true;
      if (facts.reliedOnMoving) {
        ex.restart(name + " is used with trylock");
      }
    }
    XActor t = ex.enterOp(Pending.TRYLOCK, this, label);
    if (t == null) {
      if (heldBySetup) {
        return false;
      }
      heldBySetup = true;
      return true;
    }
    if (holder == null) {
      // Unlike a blocking acquire, the attempt could also have run before the release, and failed.
      ex.raceUnlessOrdered(t, lastRelease);
      acquired(t);
      return true;
    }
    ex.syncAccess(t, this, Access.TRY_FAIL);
    ex.raceUnlessOrdered(t, lastAcquire);
    ex.joinEvent(t, lastAcquire);
    failedTries[t.id] = ex.openEvent();
    anyFailedTries = true;
    if (ex.logging) ex.log(this, "trylock", "busy");
    return false;
  }

  @Override
  public void unlock(String label) {
    XActor t = ex.enterOp(Pending.UNLOCK, this, label);
    if (t == null) {
      if (!heldBySetup) {
        throw new IllegalStateException(label + ": unlock of " + name + " not held by set-up");
      }
      heldBySetup = false;
      return;
    }
    if (holder != t) {
      throw new IllegalStateException(label + ": unlock of " + name + " by " + t.name + ", held by "
          + (holder == null ? "nobody" : holder.name));
    }
    holder = null;
    t.held &= ~facts.mask();
    t.locksHeld.remove(this);
    if (acquiredInStep >= 0 && acquiredInStep == ex.openEvent()) {
      // The whole section ran inside this step.
      t.blockLocks &= ~facts.mask();
      acquiredInStep = -1;
      ex.syncAccess(t, this, Access.LOCK_LOCAL);
      localsSinceAcquire[t.id] = ex.openEvent();
      anyLocals = true;
    } else {
      ex.syncAccess(t, this, Access.UNLOCK);
      if (anyFailedTries) {
        ex.raceWithAll(t, failedTries);
        clearFailedTries();
      }
      lastRelease = ex.openEvent();
      ex.stateChanged(t, this);
    }
    if (ex.logging) ex.log(this, "unlock", null);
  }

  private void clearFailedTries() {
    if (anyFailedTries) {
      Arrays.fill(failedTries, -1);
      anyFailedTries = false;
    }
  }

  /** The acquisition that a blocked acquire waits behind (the holder's, held across steps). */
  int blockingAcquisition() {
    return lastAcquire;
  }

  @Override
  public boolean heldByCurrentActor() {
    XActor me = ex.runningActor();
    return me == null ? heldBySetup : holder == me;
  }
}

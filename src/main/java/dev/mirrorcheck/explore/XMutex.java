package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Mutex;

/**
 * Mutex under the explorer. A critical section that begins and ends inside one step (an atomic block)
 * is recorded as a {@link Access#LOCK_LOCAL} access; sections held across scheduling points as an
 * acquisition ({@link Access#LOCK}) and a release. The races are {@link MutexHistory}'s.
 */
final class XMutex extends Target implements Mutex {
  final Learned.MutexFacts facts;
  private final MutexHistory history;
  XActor holder;
  /** Step in which the holder acquired it, while it is not yet known whether it is held across. */
  int acquiredInStep = -1;

  XMutex(Execution ex, String name, int id) {
    super(ex, name, id);
    this.facts = ex.mutexFacts(id);
    this.history = new MutexHistory(ex.races);
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
    acquired(t, false);
  }

  private void acquired(XActor t, boolean attempt) {
    history.acquired(t, attempt);
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
    history.heldAcross(t, acquiredInStep);
    acquiredInStep = -1;
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
    ex.contextDependent("tries ", name, ": what it does depends on whether it is held");
    if (holder == null) {
      acquired(t, true);
      return true;
    }
    ex.syncAccess(t, this, Access.TRY_FAIL);
    history.failedTry(t);
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
      history.localSection(t);
    } else {
      ex.syncAccess(t, this, Access.UNLOCK);
      history.released(t);
      ex.stateChanged(t, this);
    }
    if (ex.logging) ex.log(this, "unlock", null);
  }

  /** The acquisition that a blocked acquire waits behind (the holder's, held across steps). */
  int blockingAcquisition() {
    return history.blockingAcquisition();
  }

  @Override
  public boolean heldByCurrentActor() {
    XActor me = ex.runningActor();
    return ex.seen(me == null ? heldBySetup : holder == me);
  }
}

package dev.mirrorcheck.sync;

/** {@code struct mutex} of the native runtime; the owner is the holding thread. */
final class NativeMutex extends NativeScheduler.Blocker implements Mutex {
  private final NativeScheduler scheduler;
  private final String name;
  private Thread owner; // touched by the baton holder, or by free threads under the lock
  /** The block of its owner in which it was acquired (see {@link #acquiredInBlockOf}). */
  private int acquiredInBlock;

  NativeMutex(NativeScheduler scheduler, String name) {
    this.scheduler = scheduler;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void lock(String label) {
    NativeActor me = scheduler.point(NativeScheduler.LOCK, this);
    Thread self = Thread.currentThread();
    synchronized (scheduler.guard(me)) {
      if (owner == self && me == null) {
        throw new IllegalStateException(label + ": " + name + " is not recursive");
      }
      // An actor that takes a mutex it holds waits for itself, as a kernel task would: a deadlock
      // (L1), as under the explorer, not an error of the program.
      if (owner != null) {
        NativeActor waiter = scheduler.orFree(me);
        while (owner != null) {
          scheduler.block(waiter, this, label);
        }
      }
      acquired(me, self);
    }
  }

  private void acquired(NativeActor me, Thread self) {
    owner = self;
    acquiredInBlock = me == null ? 0 : me.block;
  }

  /** Whether {@code me} took it in its current reduced block (its release must not join it). */
  boolean acquiredInBlockOf(NativeActor me) {
    return owner == me.thread && acquiredInBlock == me.block;
  }

  @Override
  public void unlock(String label) {
    NativeActor me = scheduler.point(NativeScheduler.UNLOCK, this);
    synchronized (scheduler.guard(me)) {
      if (owner != Thread.currentThread()) {
        throw new IllegalStateException(label + ": unlock of " + name + " by a non-owner");
      }
      owner = null;
    }
    scheduler.released(me);
  }

  @Override
  public boolean tryLock(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      if (owner != null) {
        return false;
      }
      acquired(me, Thread.currentThread());
      return true;
    }
  }

  @Override
  public boolean heldByCurrentActor() {
    synchronized (scheduler.guard(scheduler.current())) {
      return owner == Thread.currentThread();
    }
  }

  @Override
  boolean lets(NativeActor a) {
    return owner == null;
  }

  @Override
  String describe(NativeActor a) {
    return "waits for " + name + " held by " + NativeScheduler.nameOf(owner);
  }
}

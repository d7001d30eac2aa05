package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.RwSem;

/**
 * Read-write semaphore under the explorer. With {@code writerBlocksReaders}, as with the kernel's
 * rwsem, a writer first announces itself (a step of its own) and from then on new readers block;
 * it takes the semaphore in a later step, once it is free. The races are {@link RwSemHistory}'s.
 */
final class XRwSem extends Target implements RwSem {
  private final boolean writerBlocksReaders;
  private final RwSemHistory history;
  XActor writer;
  private final int[] readCount = new int[Trace.MAX_ACTORS];
  private int readers;
  private int announcedWriters;

  XRwSem(Execution ex, String name, int id, boolean writerBlocksReaders) {
    super(ex, name, id);
    this.writerBlocksReaders = writerBlocksReaders;
    this.history = new RwSemHistory(ex.races, writerBlocksReaders, readCount);
  }

  @Override
  public String name() {
    return name;
  }

  boolean free() {
    return writer == null && readers == 0;
  }

  boolean readable() {
    return writer == null && !(writerBlocksReaders && announcedWriters > 0);
  }

  boolean writeAttemptEnabled() {
    return writerBlocksReaders || free();
  }

  /** An actor that holds the semaphore in a way that blocks {@code a}, or -1. */
  int blockerOf(XActor a) {
    long all = blockersOf(a);
    return all == 0 ? -1 : Long.numberOfTrailingZeros(all);
  }

  /** Every actor that holds the semaphore in a way that blocks {@code a}, as a bit mask. */
  long blockersOf(XActor a) {
    if (writer != null) {
      return 1L << writer.id;
    }
    long out = 0;
    for (int i = 0; i < readCount.length; i++) {
      if (readCount[i] > 0 && i != a.id) {
        out |= 1L << i;
      }
    }
    return out;
  }

  String describeHolders() {
    StringBuilder sb = new StringBuilder();
    if (writer != null) {
      sb.append("held for write by ").append(writer.name);
    } else if (readers > 0) {
      sb.append("held for read by ").append(ex.actorNames(readCount));
    } else {
      sb.append("free");
    }
    if (announcedWriters > 0) {
      sb.append(", ").append(announcedWriters).append(" writer(s) announced");
    }
    return sb.toString();
  }

  /** Holds taken by the world's set-up code (single-threaded, so they never block). */
  private int setupReaders;
  private boolean setupWriter;

  @Override
  public void downRead(String label) {
    XActor t = ex.enterOp(Pending.RW_READ, this, label);
    if (t == null) {
      if (setupWriter) {
        throw new IllegalStateException(label + ": " + name + " is held for write by set-up");
      }
      setupReaders++;
      return;
    }
    if (!readable()) {
      throw ex.blockingInAtomic(label, "down_read " + name + ", " + describeHolders());
    }
    readAcquired(t, false);
  }

  private void readAcquired(XActor t, boolean attempt) {
    ex.syncAccess(t, this, Access.RW_READ);
    history.readAcquired(t, attempt, readCount[t.id] == 0);
    readCount[t.id]++;
    readers++;
    ex.stateChanged(t, this);
    if (ex.logging) ex.log(this, "down_read", null);
  }

  @Override
  public void upRead(String label) {
    XActor t = ex.enterOp(Pending.RW_UP, this, label);
    if (t == null) {
      if (setupReaders == 0) {
        throw new IllegalStateException(label + ": up_read of " + name + " not held by set-up");
      }
      setupReaders--;
      return;
    }
    if (readCount[t.id] == 0) {
      throw new IllegalStateException(label + ": up_read of " + name + " not held for read by " + t.name);
    }
    ex.syncAccess(t, this, Access.RW_UP_READ);
    readCount[t.id]--;
    readers--;
    history.readReleased(t);
    ex.stateChanged(t, this);
    if (ex.logging) ex.log(this, "up_read", null);
  }

  @Override
  public void downWrite(String label) {
    XActor t = ex.enterOp(Pending.RW_WRITE, this, label);
    if (t == null) {
      if (setupWriter || setupReaders > 0) {
        throw new IllegalStateException(label + ": " + name + " is already held by set-up");
      }
      setupWriter = true;
      return;
    }
    if (!writerBlocksReaders) {
      if (!free()) {
        throw ex.blockingInAtomic(label, "down_write " + name + ", " + describeHolders());
      }
      writeAcquired(t, false, -1);
      return;
    }
    // Writers preferred: the writer first announces itself, whatever the holders, and then takes
    // the semaphore once it is free. A writer that finds it free and takes it at once is the
    // announcement with the acquisition right after it; splitting them keeps every step's access
    // independent of the state it meets, so the race relation does not depend on the state.
    if (t.inAtomic && !free()) {
      throw ex.blockingInAtomic(label, "down_write " + name + ", " + describeHolders());
    }
    ex.syncAccess(t, this, Access.RW_ANNOUNCE);
    history.announced(t);
    if (ex.logging) ex.log(this, "down_write (announced)", free() ? null : "busy");
    announcedWriters++;
    t.announcedWriter = true;
    int announcement = ex.openEvent();
    ex.stateChanged(t, this);
    ex.enterOp(Pending.RW_WRITE_QUEUED, this, label);
    announcedWriters--;
    t.announcedWriter = false;
    writeAcquired(t, false, announcement);
  }

  private void writeAcquired(XActor t, boolean attempt, int announcement) {
    ex.syncAccess(t, this, Access.RW_WRITE);
    history.writeAcquired(t, attempt, announcement);
    writer = t;
    ex.stateChanged(t, this);
    if (ex.logging) ex.log(this, "down_write", null);
  }

  @Override
  public void upWrite(String label) {
    XActor t = ex.enterOp(Pending.RW_UP, this, label);
    if (t == null) {
      if (!setupWriter) {
        throw new IllegalStateException(label + ": up_write of " + name + " not held by set-up");
      }
      setupWriter = false;
      return;
    }
    if (writer != t) {
      throw new IllegalStateException(label + ": up_write of " + name + " not held for write by " + t.name);
    }
    ex.syncAccess(t, this, Access.RW_UP_WRITE);
    history.writeReleased(t);
    writer = null;
    ex.stateChanged(t, this);
    if (ex.logging) ex.log(this, "up_write", null);
  }

  @Override
  public boolean tryDownRead(String label) {
    XActor t = ex.enterOp(Pending.RW_TRY, this, label);
    if (t == null) {
      throw ex.notInSetup(label, "down_read_trylock " + name);
    }
    ex.contextDependent("tries ", name, ": what it does depends on its holders");
    if (readable()) {
      readAcquired(t, true);
      return true;
    }
    ex.syncAccess(t, this, Access.RW_READ_FAIL);
    history.failedRead(t, writer != null);
    if (ex.logging) ex.log(this, "down_read_trylock", "busy");
    return false;
  }

  @Override
  public boolean tryDownWrite(String label) {
    XActor t = ex.enterOp(Pending.RW_TRY, this, label);
    if (t == null) {
      throw ex.notInSetup(label, "down_write_trylock " + name);
    }
    ex.contextDependent("tries ", name, ": what it does depends on its holders");
    if (free()) {
      writeAcquired(t, true, -1);
      return true;
    }
    ex.syncAccess(t, this, Access.RW_FAIL);
    history.failedWrite(t, writer != null);
    if (ex.logging) ex.log(this, "down_write_trylock", "busy");
    return false;
  }

  /** The events that a blocked acquisition by {@code a} waits behind. */
  int[] blockingEvents(XActor a) {
    return history.blockingEvents(a, a.pending == Pending.RW_READ, writer != null);
  }

  @Override
  public boolean heldByCurrentActor() {
    XActor me = ex.runningActor();
    return ex.seen(me != null && (writer == me || readCount[me.id] > 0));
  }
}

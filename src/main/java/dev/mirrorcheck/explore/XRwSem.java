package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.RwSem;
import java.util.Arrays;

/**
 * Read-write semaphore under the explorer. With {@code writerBlocksReaders}, a writer that finds the
 * semaphore held queues (a step of its own) and from then on new readers block, as with the kernel's
 * rwsem. Acquisitions race with earlier conflicting acquisitions (readers with the last writer, writers
 * with everyone since the last writer); failed attempts race with the holders' acquisitions and
 * releases.
 */
final class XRwSem extends Target implements RwSem {
  private final boolean writerBlocksReaders;
  XActor writer;
  private final int[] readCount = new int[Trace.MAX_ACTORS];
  private int readers;
  private int queuedWriters;

  private int lastWriteAcquire = -1;
  private int lastWriteEntry = -1; // the queueing step of the last writer, or its acquisition
  private int lastWriteRelease = -1;
  private final int[] readAcquiresSinceWrite = new int[Trace.MAX_ACTORS];
  private final int[] readReleasesSinceWrite = new int[Trace.MAX_ACTORS];
  private final int[] failures = new int[Trace.MAX_ACTORS];
  private final int[] queuedAt = new int[Trace.MAX_ACTORS];

  XRwSem(Execution ex, String name, int id, boolean writerBlocksReaders) {
    super(ex, name, id);
    this.writerBlocksReaders = writerBlocksReaders;
    Arrays.fill(readAcquiresSinceWrite, -1);
    Arrays.fill(readReleasesSinceWrite, -1);
    Arrays.fill(failures, -1);
    Arrays.fill(queuedAt, -1);
  }

  @Override
  public String name() {
    return name;
  }

  boolean free() {
    return writer == null && readers == 0;
  }

  boolean readable() {
    return writer == null && !(writerBlocksReaders && queuedWriters > 0);
  }

  boolean writeAttemptEnabled() {
    return writerBlocksReaders || free();
  }

  /** An actor that holds the semaphore in a way that blocks {@code a}, or -1. */
  int blockerOf(XActor a) {
    if (writer != null) {
      return writer.id;
    }
    for (int i = 0; i < readCount.length; i++) {
      if (readCount[i] > 0 && i != a.id) {
        return i;
      }
    }
    return -1;
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
    if (queuedWriters > 0) {
      sb.append(", ").append(queuedWriters).append(" writer(s) queued");
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
    readAcquired(t);
  }

  private void readAcquired(XActor t) {
    ex.syncAccess(t, this, Access.RW_READ);
    ex.raceUnlessOrdered(t, writerBlocksReaders ? lastWriteEntry : lastWriteAcquire);
    ex.joinEvent(t, lastWriteRelease);
    readAcquiresSinceWrite[t.id] = ex.openEvent();
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
    releaseRaces(t);
    readCount[t.id]--;
    readers--;
    readReleasesSinceWrite[t.id] = ex.openEvent();
    clearFailuresIfFree();
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
    if (free()) {
      if (writerBlocksReaders) {
        attemptRacesWithReleases(t); // the attempt is always enabled: it could have queued instead
      }
      writeAcquired(t, -1);
      return;
    }
    if (!writerBlocksReaders || t.inAtomic) {
      throw ex.blockingInAtomic(label, "down_write " + name + ", " + describeHolders());
    }
    failed(t, "down_write (queued)");
    queuedWriters++;
    t.queuedWriter = true;
    int queued = ex.openEvent();
    queuedAt[t.id] = queued;
    ex.stateChanged(t, this);
    ex.enterOp(Pending.RW_WRITE_QUEUED, this, label);
    queuedWriters--;
    t.queuedWriter = false;
    queuedAt[t.id] = -1;
    writeAcquired(t, queued);
  }

  private void writeAcquired(XActor t, int queuedEvent) {
    ex.syncAccess(t, this, Access.RW_WRITE);
    ex.raceWithAll(t, readAcquiresSinceWrite, lastWriteAcquire);
    ex.joinEvent(t, lastWriteRelease);
    for (int r : readReleasesSinceWrite) {
      ex.joinEvent(t, r);
    }
    int e = ex.openEvent();
    lastWriteAcquire = e;
    lastWriteEntry = queuedEvent >= 0 ? queuedEvent : e;
    Arrays.fill(readAcquiresSinceWrite, -1);
    Arrays.fill(readReleasesSinceWrite, -1);
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
    releaseRaces(t);
    writer = null;
    lastWriteRelease = ex.openEvent();
    clearFailuresIfFree();
    ex.stateChanged(t, this);
    if (ex.logging) ex.log(this, "up_write", null);
  }

  @Override
  public boolean tryDownRead(String label) {
    XActor t = ex.enterOp(Pending.RW_TRY, this, label);
    if (t == null) {
      throw ex.notInSetup(label, "down_read_trylock " + name);
    }
    if (readable()) {
      ex.raceUnlessOrdered(t, lastWriteRelease);
      readAcquired(t);
      return true;
    }
    failed(t, "down_read_trylock");
    return false;
  }

  @Override
  public boolean tryDownWrite(String label) {
    XActor t = ex.enterOp(Pending.RW_TRY, this, label);
    if (t == null) {
      throw ex.notInSetup(label, "down_write_trylock " + name);
    }
    if (free()) {
      attemptRacesWithReleases(t);
      writeAcquired(t, -1);
      return true;
    }
    failed(t, "down_write_trylock");
    return false;
  }

  /** A failed attempt races with the acquisitions of whoever holds the semaphore now. */
  private void failed(XActor t, String what) {
    ex.syncAccess(t, this, Access.RW_FAIL);
    if (writer != null) {
      ex.raceUnlessOrdered(t, lastWriteAcquire);
      ex.joinEvent(t, lastWriteAcquire);
    } else {
      ex.raceWithAll(t, readAcquiresSinceWrite, -1);
    }
    failures[t.id] = ex.openEvent();
    if (ex.logging) ex.log(this, what, "busy");
  }

  /** An attempt that found the semaphore free could also have run before the releases that freed it. */
  private void attemptRacesWithReleases(XActor t) {
    ex.raceUnlessOrdered(t, lastWriteRelease);
    for (int r : readReleasesSinceWrite) {
      ex.raceUnlessOrdered(t, r);
    }
  }

  /** A release races with the attempts that failed while the semaphore was held. */
  private void releaseRaces(XActor t) {
    ex.raceWithAll(t, failures, -1);
  }

  private void clearFailuresIfFree() {
    if (free()) {
      for (int i = 0; i < failures.length; i++) {
        if (queuedAt[i] < 0) {
          failures[i] = -1;
        }
      }
    }
  }

  /** The acquisitions (and queueing steps) that a blocked acquisition by {@code a} waits behind. */
  int[] blockingAcquisitions(XActor a) {
    int[] out = new int[readAcquiresSinceWrite.length + 2];
    int n = 0;
    if (writer != null) {
      out[n++] = lastWriteAcquire;
    }
    for (int i = 0; i < readAcquiresSinceWrite.length; i++) {
      if (readCount[i] > 0 && i != a.id) {
        out[n++] = readAcquiresSinceWrite[i];
      }
    }
    for (int i = 0; i < queuedAt.length; i++) {
      if (queuedAt[i] >= 0 && i != a.id) {
        out[n++] = queuedAt[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  @Override
  public boolean heldByCurrentActor() {
    XActor me = ex.runningActor();
    return me != null && (writer == me || readCount[me.id] > 0);
  }
}

package dev.mirrorcheck.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct rw_semaphore} of the native runtime. With {@code writerBlocksReaders}, a writer that
 * has to wait is queued and blocks new readers, as under the explorer.
 */
final class NativeRwSem implements RwSem {
  private final NativeScheduler scheduler;
  private final String name;
  private final boolean writerBlocksReaders;
  /** One entry per read hold (a thread may hold it for read more than once). */
  private final List<Thread> readers = new ArrayList<>();
  // Touched by the baton holder, or by free threads under the scheduler's lock.
  private Thread writer;
  private int queuedWriters;

  NativeRwSem(NativeScheduler scheduler, String name, boolean writerBlocksReaders) {
    this.scheduler = scheduler;
    this.name = name;
    this.writerBlocksReaders = writerBlocksReaders;
  }

  @Override
  public String name() {
    return name;
  }

  private boolean readable() {
    return writer == null && !(writerBlocksReaders && queuedWriters > 0);
  }

  private boolean free() {
    return writer == null && readers.isEmpty();
  }

  @Override
  public void downRead(String label) {
    NativeActor me = scheduler.point(NativeScheduler.MAY_BLOCK, null);
    synchronized (scheduler.guard(me)) {
      if (!readable()) {
        NativeActor waiter = scheduler.orFree(me);
        Waiter w = new Waiter(this, false);
        while (!readable()) {
          scheduler.block(waiter, w, label);
        }
      }
      readers.add(Thread.currentThread());
    }
  }

  @Override
  public void upRead(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      if (!readers.remove(Thread.currentThread())) {
        throw new IllegalStateException(label + ": up_read of " + name + " not held for read");
      }
    }
    scheduler.released(me);
  }

  @Override
  public void downWrite(String label) {
    NativeActor me = scheduler.point(NativeScheduler.MAY_BLOCK, null);
    synchronized (scheduler.guard(me)) {
      if (!free()) {
        // Queued: with writerBlocksReaders, new readers now wait behind this writer.
        NativeActor waiter = scheduler.orFree(me);
        Waiter w = new Waiter(this, true);
        if (writerBlocksReaders) {
          queuedWriters++;
        }
        try {
          while (!free()) {
            scheduler.block(waiter, w, label);
          }
        } finally {
          if (writerBlocksReaders) {
            queuedWriters--;
          }
        }
      }
      writer = Thread.currentThread();
    }
  }

  @Override
  public void upWrite(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      if (writer != Thread.currentThread()) {
        throw new IllegalStateException(label + ": up_write of " + name + " not held for write");
      }
      writer = null;
    }
    scheduler.released(me);
  }

  @Override
  public boolean tryDownRead(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      if (!readable()) {
        return false;
      }
      readers.add(Thread.currentThread());
      return true;
    }
  }

  @Override
  public boolean tryDownWrite(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      if (!free()) {
        return false;
      }
      writer = Thread.currentThread();
      return true;
    }
  }

  @Override
  public boolean heldByCurrentActor() {
    Thread me = Thread.currentThread();
    synchronized (scheduler.guard(scheduler.current())) {
      return writer == me || readers.contains(me);
    }
  }

  private String holders() {
    StringBuilder sb = new StringBuilder();
    if (writer != null) {
      sb.append("held for write by ").append(NativeScheduler.nameOf(writer));
    } else {
      sb.append("held for read by");
      for (int i = 0; i < readers.size(); i++) {
        sb.append(i == 0 ? " " : ", ").append(NativeScheduler.nameOf(readers.get(i)));
      }
    }
    if (queuedWriters > 0) {
      sb.append(", ").append(queuedWriters).append(" writer(s) queued");
    }
    return sb.toString();
  }

  /** A writer waiting for the semaphore to be free, or a reader waiting for it to be readable. */
  private static final class Waiter extends NativeScheduler.Blocker {
    private final NativeRwSem sem;
    private final boolean write;

    Waiter(NativeRwSem sem, boolean write) {
      this.sem = sem;
      this.write = write;
    }

    @Override
    boolean lets(NativeActor a) {
      return write ? sem.free() : sem.readable();
    }

    @Override
    String describe(NativeActor a) {
      return "waits to " + (write ? "write " : "read ") + sem.name + ", " + sem.holders();
    }
  }
}

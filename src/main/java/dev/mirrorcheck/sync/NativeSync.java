package dev.mirrorcheck.sync;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * The facade on real threads: {@code java.util.concurrent} atomics for cells and Java monitors for
 * locks and wait queues. This is plain Java that Java PathFinder's VM can execute, so the same harness
 * runs on the JVM, under JPF, and (through the explorer's runtime) under our own scheduler.
 */
public final class NativeSync implements Sync {

  private static final Method JPF_GET_INT = findJpfVerify();

  private final Random random;
  private final Object atomicLock = new Object();
  private final ThreadLocal<NativeActor> self = new ThreadLocal<>();
  private final List<NativeActor> pending = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private volatile boolean started;

  public NativeSync(long seed) {
    this.random = new Random(seed);
  }

  /** True when running inside Java PathFinder, whose {@code Verify.getInt} then drives {@link #choose}. */
  public static boolean underJpf() {
    return JPF_GET_INT != null;
  }

  private static Method findJpfVerify() {
    try {
      return Class.forName("gov.nasa.jpf.vm.Verify").getMethod("getInt", int.class, int.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  @Override
  public Mutex newMutex(String name) {
    return new NativeMutex(name);
  }

  @Override
  public RwSem newRwSem(String name, boolean writerBlocksReaders) {
    return new NativeRwSem(name, writerBlocksReaders);
  }

  @Override
  public IntCell newInt(String name, int initial) {
    return new NativeIntCell(name, initial);
  }

  @Override
  public LongCell newLong(String name, long initial) {
    return new NativeLongCell(name, initial);
  }

  @Override
  public BoolCell newBool(String name, boolean initial) {
    return new NativeBoolCell(name, initial);
  }

  @Override
  public <T> RefCell<T> newRef(String name, T initial) {
    return new NativeRefCell<>(name, initial);
  }

  @Override
  public IntArray newIntArray(String name, int length, int initial) {
    return new NativeIntArray(name, length, initial);
  }

  @Override
  public <T> RefArray<T> newRefArray(String name, int length, T initial) {
    return new NativeRefArray<>(name, length, initial);
  }

  @Override
  public WaitQueue newWaitQueue(String name) {
    return new NativeWaitQueue(name);
  }

  @Override
  public Actor spawn(String name, Runnable body) {
    NativeActor actor = new NativeActor(name, body);
    synchronized (pending) {
      if (!started) {
        pending.add(actor);
        return actor;
      }
    }
    actor.thread.start();
    return actor;
  }

  /** Starts the actors declared during set-up. */
  void startAll() {
    List<NativeActor> toStart;
    synchronized (pending) {
      started = true;
      toStart = new ArrayList<>(pending);
      pending.clear();
    }
    for (NativeActor a : toStart) {
      a.thread.start();
    }
  }

  /** Failures (assertions, exceptions) thrown by actors so far. */
  List<Throwable> failures() {
    synchronized (failures) {
      return new ArrayList<>(failures);
    }
  }

  @Override
  public int choose(String label, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(label + ": choose needs n > 0, got " + n);
    }
    if (JPF_GET_INT != null) {
      try {
        return (Integer) JPF_GET_INT.invoke(null, 0, n - 1);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("gov.nasa.jpf.vm.Verify.getInt failed", e);
      }
    }
    synchronized (random) {
      return random.nextInt(n);
    }
  }

  @Override
  public void atomic(String label, Runnable body) {
    synchronized (atomicLock) {
      body.run();
    }
  }

  @Override
  public Actor currentActor() {
    return self.get();
  }

  private final class NativeActor implements Actor {
    private final String name;
    private final Thread thread;

    NativeActor(String name, Runnable body) {
      this.name = name;
      this.thread = new Thread(new ActorBody(this, body), name);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void join(String label) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(label + ": interrupted", e);
      }
    }

    void awaitTermination() throws InterruptedException {
      thread.join();
    }
  }

  /** Runs an actor body and keeps what it throws (a named class rather than a lambda: JPF-friendly). */
  private final class ActorBody implements Runnable {
    private final NativeActor actor;
    private final Runnable body;

    ActorBody(NativeActor actor, Runnable body) {
      this.actor = actor;
      this.body = body;
    }

    @Override
    public void run() {
      self.set(actor);
      try {
        body.run();
      } catch (RuntimeException | Error e) {
        synchronized (failures) {
          failures.add(e);
        }
        throw e;
      }
    }
  }

  /** Joins every actor started so far, including ones they spawned. */
  void joinAll(List<Actor> actors) throws InterruptedException {
    for (Actor a : actors) {
      ((NativeActor) a).awaitTermination();
    }
  }

  private static final class NativeMutex implements Mutex {
    private final String name;
    private Thread owner;

    NativeMutex(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized void lock(String label) {
      Thread me = Thread.currentThread();
      if (owner == me) {
        throw new IllegalStateException(label + ": " + name + " is not recursive");
      }
      while (owner != null) {
        waitUninterruptibly(this);
      }
      owner = me;
    }

    @Override
    public synchronized void unlock(String label) {
      if (owner != Thread.currentThread()) {
        throw new IllegalStateException(label + ": unlock of " + name + " by a non-owner");
      }
      owner = null;
      notifyAll();
    }

    @Override
    public synchronized boolean tryLock(String label) {
      if (owner != null) {
        return false;
      }
      owner = Thread.currentThread();
      return true;
    }

    @Override
    public synchronized boolean heldByCurrentActor() {
      return owner == Thread.currentThread();
    }
  }

  private static final class NativeRwSem implements RwSem {
    private final String name;
    private final boolean writerBlocksReaders;
    private final List<Thread> readers = new ArrayList<>();
    private Thread writer;
    private int waitingWriters;

    NativeRwSem(String name, boolean writerBlocksReaders) {
      this.name = name;
      this.writerBlocksReaders = writerBlocksReaders;
    }

    @Override
    public String name() {
      return name;
    }

    private boolean readable() {
      return writer == null && !(writerBlocksReaders && waitingWriters > 0);
    }

    @Override
    public synchronized void downRead(String label) {
      while (!readable()) {
        waitUninterruptibly(this);
      }
      readers.add(Thread.currentThread());
    }

    @Override
    public synchronized void upRead(String label) {
      if (!readers.remove(Thread.currentThread())) {
        throw new IllegalStateException(label + ": up_read of " + name + " not held for read");
      }
      notifyAll();
    }

    @Override
    public synchronized void downWrite(String label) {
      if (writer != null || !readers.isEmpty()) {
        waitingWriters++;
        while (writer != null || !readers.isEmpty()) {
          waitUninterruptibly(this);
        }
        waitingWriters--;
      }
      writer = Thread.currentThread();
    }

    @Override
    public synchronized void upWrite(String label) {
      if (writer != Thread.currentThread()) {
        throw new IllegalStateException(label + ": up_write of " + name + " not held for write");
      }
      writer = null;
      notifyAll();
    }

    @Override
    public synchronized boolean tryDownRead(String label) {
      if (!readable()) {
        return false;
      }
      readers.add(Thread.currentThread());
      return true;
    }

    @Override
    public synchronized boolean tryDownWrite(String label) {
      if (writer != null || !readers.isEmpty()) {
        return false;
      }
      writer = Thread.currentThread();
      return true;
    }

    @Override
    public synchronized boolean heldByCurrentActor() {
      Thread me = Thread.currentThread();
      return writer == me || readers.contains(me);
    }
  }

  private static final class NativeWaitQueue implements WaitQueue {
    private final String name;
    private long wakeups;

    NativeWaitQueue(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized void waitUntil(String label, BooleanSupplier condition) {
      while (!condition.getAsBoolean()) {
        waitUninterruptibly(this);
      }
    }

    @Override
    public synchronized void wakeAll(String label) {
      wakeups++;
      notifyAll();
    }

    @Override
    public synchronized void sleep(String label) {
      long seen = wakeups;
      while (wakeups == seen) {
        waitUninterruptibly(this);
      }
    }
  }

  private static void waitUninterruptibly(Object monitor) {
    try {
      monitor.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  private static final class NativeIntCell implements IntCell {
    private final String name;
    private final AtomicInteger value;

    NativeIntCell(String name, int initial) {
      this.name = name;
      this.value = new AtomicInteger(initial);
    }

    @Override public String name() { return name; }
    @Override public int get(String label) { return value.get(); }
    @Override public void set(String label, int v) { value.set(v); }
    @Override public int getAndAdd(String label, int delta) { return value.getAndAdd(delta); }
    @Override public boolean compareAndSet(String label, int e, int v) { return value.compareAndSet(e, v); }
    @Override public int peek() { return value.get(); }
    @Override public void poke(int v) { value.set(v); }
    @Override public String toString() { return name + "=" + value.get(); }
  }

  private static final class NativeLongCell implements LongCell {
    private final String name;
    private final AtomicLong value;

    NativeLongCell(String name, long initial) {
      this.name = name;
      this.value = new AtomicLong(initial);
    }

    @Override public String name() { return name; }
    @Override public long get(String label) { return value.get(); }
    @Override public void set(String label, long v) { value.set(v); }
    @Override public long getAndAdd(String label, long delta) { return value.getAndAdd(delta); }
    @Override public boolean compareAndSet(String label, long e, long v) { return value.compareAndSet(e, v); }
    @Override public long peek() { return value.get(); }
    @Override public void poke(long v) { value.set(v); }
    @Override public String toString() { return name + "=" + value.get(); }
  }

  private static final class NativeBoolCell implements BoolCell {
    private final String name;
    private final AtomicBoolean value;

    NativeBoolCell(String name, boolean initial) {
      this.name = name;
      this.value = new AtomicBoolean(initial);
    }

    @Override public String name() { return name; }
    @Override public boolean get(String label) { return value.get(); }
    @Override public void set(String label, boolean v) { value.set(v); }
    @Override public boolean getAndSet(String label, boolean v) { return value.getAndSet(v); }
    @Override public boolean peek() { return value.get(); }
    @Override public void poke(boolean v) { value.set(v); }
    @Override public String toString() { return name + "=" + value.get(); }
  }

  private static final class NativeRefCell<T> implements RefCell<T> {
    private final String name;
    private final AtomicReference<T> value;

    NativeRefCell(String name, T initial) {
      this.name = name;
      this.value = new AtomicReference<>(initial);
    }

    @Override public String name() { return name; }
    @Override public T get(String label) { return value.get(); }
    @Override public void set(String label, T v) { value.set(v); }
    @Override public T getAndSet(String label, T v) { return value.getAndSet(v); }
    @Override public boolean compareAndSet(String label, T e, T v) { return value.compareAndSet(e, v); }
    @Override public T peek() { return value.get(); }
    @Override public void poke(T v) { value.set(v); }
    @Override public String toString() { return name + "=" + value.get(); }
  }

  private static final class NativeIntArray implements IntArray {
    private final String name;
    private final AtomicIntegerArray values;

    NativeIntArray(String name, int length, int initial) {
      this.name = name;
      this.values = new AtomicIntegerArray(length);
      for (int i = 0; i < length; i++) {
        values.set(i, initial);
      }
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length(); }
    @Override public int get(String label, int i) { return values.get(i); }
    @Override public void set(String label, int i, int v) { values.set(i, v); }
    @Override public int getAndAdd(String label, int i, int d) { return values.getAndAdd(i, d); }
    @Override public boolean compareAndSet(String label, int i, int e, int v) { return values.compareAndSet(i, e, v); }
    @Override public int peek(int i) { return values.get(i); }
    @Override public void poke(int i, int v) { values.set(i, v); }
    @Override public String toString() { return name + "=" + values; }
  }

  private static final class NativeRefArray<T> implements RefArray<T> {
    private final String name;
    private final AtomicReferenceArray<T> values;

    NativeRefArray(String name, int length, T initial) {
      this.name = name;
      this.values = new AtomicReferenceArray<>(length);
      for (int i = 0; i < length; i++) {
        values.set(i, initial);
      }
    }

    @Override public String name() { return name; }
    @Override public int length() { return values.length(); }
    @Override public T get(String label, int i) { return values.get(i); }
    @Override public void set(String label, int i, T v) { values.set(i, v); }
    @Override public boolean compareAndSet(String label, int i, T e, T v) { return values.compareAndSet(i, e, v); }
    @Override public T peek(int i) { return values.get(i); }
    @Override public void poke(int i, T v) { values.set(i, v); }
    @Override public String toString() { return name + "=" + values; }
  }
}

package dev.mirrorcheck.sync;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * The facade on plain threads, and so under Java PathFinder: one actor runs at a time and another may
 * take over only at a facade operation ({@link NativeScheduler}); cells are plain fields guarded by
 * that discipline, locks and wait queues block through the scheduler's one monitor. Nothing here uses
 * {@code java.util.concurrent}, streams or lambdas, which JPF's class library does not fully model.
 */
public final class NativeSync implements Sync {
  private static final Method JPF_GET_INT = findJpfVerify();

  private final NativeScheduler scheduler;
  private final long seed;
  private final IntUnaryOperator chooser; // off JPF: n -> a choice in [0, n), or null
  private Random random; // off JPF only: JPF's model of Random needs extra JVM flags

  /** Choices off JPF from a generator seeded with {@code seed}. */
  public NativeSync(long seed) {
    this(seed, null);
  }

  /** Choices off JPF by {@code chooser} ({@code n -> } a choice in {@code [0, n)}). */
  NativeSync(IntUnaryOperator chooser) {
    this(0, chooser);
  }

  private NativeSync(long seed, IntUnaryOperator chooser) {
    this.seed = seed;
    this.chooser = chooser;
    this.scheduler = new NativeScheduler(this, JPF_GET_INT != null);
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
    return new NativeMutex(scheduler, name);
  }

  @Override
  public RwSem newRwSem(String name, boolean writerBlocksReaders) {
    return new NativeRwSem(scheduler, name, writerBlocksReaders);
  }

  @Override
  public IntCell newInt(String name, int initial) {
    return new NativeCells.Int(scheduler, name, initial);
  }

  @Override
  public LongCell newLong(String name, long initial) {
    return new NativeCells.Long(scheduler, name, initial);
  }

  @Override
  public BoolCell newBool(String name, boolean initial) {
    return new NativeCells.Bool(scheduler, name, initial);
  }

  @Override
  public <T> RefCell<T> newRef(String name, T initial) {
    return new NativeCells.Ref<>(scheduler, name, initial);
  }

  @Override
  public IntArray newIntArray(String name, int length, int initial) {
    return new NativeCells.Ints(scheduler, name, length, initial);
  }

  @Override
  public <T> RefArray<T> newRefArray(String name, int length, T initial) {
    return new NativeCells.Refs<>(scheduler, name, length, initial);
  }

  @Override
  public WaitQueue newWaitQueue(String name) {
    return new NativeWaitQueue(scheduler, name);
  }

  @Override
  public Actor spawn(String name, Runnable body) {
    scheduler.point(NativeScheduler.MAY_BLOCK, null);
    return scheduler.spawn(name, body);
  }

  /** Declares a state invariant, checked after every step that changes shared state. */
  void invariant(String property, StateCheck check) {
    scheduler.invariant(property, check);
  }

  /** Runs the actors declared during set-up until all have ended (or no actor can run). */
  void run() throws InterruptedException {
    scheduler.run();
  }

  /** Failures (assertions, exceptions, invariants, deadlocks) of the run so far. */
  List<Throwable> failures() {
    return scheduler.failures();
  }

  @Override
  public int choose(String label, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(label + ": choose needs n > 0, got " + n);
    }
    if (n == 1) {
      return 0;
    }
    if (JPF_GET_INT != null) {
      try {
        return (Integer) JPF_GET_INT.invoke(null, 0, n - 1);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("gov.nasa.jpf.vm.Verify.getInt failed", e);
      }
    }
    if (chooser != null) {
      int c = chooser.applyAsInt(n);
      if (c < 0 || c >= n) {
        throw new IllegalStateException(label + ": chose " + c + " of " + n);
      }
      return c;
    }
    synchronized (this) {
      if (random == null) {
        random = new Random(seed);
      }
      return random.nextInt(n);
    }
  }

  @Override
  public void atomic(String label, Runnable body) {
    NativeActor me = scheduler.point();
    if (me == null) {
      body.run();
      return;
    }
    me.atomicDepth++;
    try {
      body.run();
    } finally {
      me.atomicDepth--;
    }
  }

  @Override
  public Actor currentActor() {
    return scheduler.current();
  }
}

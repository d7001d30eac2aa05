package dev.mirrorcheck.explore;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Where actors' Java threads come from. A hand-off between two platform threads costs tens of
 * microseconds (a futex wake and a context switch); between two virtual threads on one carrier it costs
 * a fraction of a microsecond. So on a JVM with virtual threads (21 and later) every actor, and the
 * controller, is a virtual thread; on Java 17 actors run on a pool of reused platform threads.
 *
 * <p>Parallel workers each get their own carrier thread where the JVM lets us give virtual threads a
 * scheduler (the launcher opens {@code java.lang} for it); otherwise the default scheduler gets one
 * carrier per core.
 */
abstract class ActorThreads {

  /** Which kind of threads to use. */
  enum Kind {
    AUTO,
    VIRTUAL,
    PLATFORM
  }

  /** {@code ThreadBuilders.VirtualThreadBuilder(Executor)}, when accessible: a builder with its own carrier. */
  private static final Constructor<?> WITH_SCHEDULER = lookupWithScheduler();
  private static final Method OF_VIRTUAL = lookupOfVirtual();
  private static final Method UNSTARTED = lookupUnstarted();

  static boolean virtualThreadsAvailable() {
    return OF_VIRTUAL != null && UNSTARTED != null;
  }

  static ActorThreads create(Kind kind) {
    if (kind == Kind.VIRTUAL && !virtualThreadsAvailable()) {
      throw new IllegalArgumentException(
          "virtual threads need Java 21 or later; this JVM is " + System.getProperty("java.version"));
    }
    if (kind != Kind.PLATFORM && virtualThreadsAvailable()) {
      return new Virtual();
    }
    return new PlatformPool();
  }

  /**
   * Threads for worker {@code index} of a parallel exploration: virtual threads on a carrier of
   * their own when possible. {@link #close} ends that carrier.
   */
  static ActorThreads forWorker(Kind kind, int index) {
    ActorThreads t = create(kind);
    if (t instanceof Virtual && WITH_SCHEDULER != null) {
      ExecutorService carrier = Executors.newSingleThreadExecutor(r -> {
        Thread c = new Thread(r, "mirrorcheck-carrier-" + index);
        c.setDaemon(true);
        return c;
      });
      try {
        return new Virtual(WITH_SCHEDULER.newInstance((Executor) carrier), carrier);
      } catch (ReflectiveOperationException | RuntimeException e) {
        carrier.shutdownNow();
      }
    }
    return t;
  }

  /** Releases what these threads hold (a worker's own carrier). */
  void close() {}

  /** Starts {@code body} on a thread that becomes {@code baton}'s owner. */
  abstract void start(String name, Runnable body, Baton baton);

  /** Runs the exploration loop on a thread of this kind and waits for it. */
  abstract void runController(Runnable loop) throws InterruptedException;

  abstract String describe();

  private static Constructor<?> lookupWithScheduler() {
    try {
      Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
          .getDeclaredConstructor(Executor.class);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // Java 17, or java.lang not opened to us
    }
  }

  private static Method lookupOfVirtual() {
    try {
      if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
        // One carrier: hand-offs never cross cores, and only one actor is runnable at a time anyway.
        // Parallel workers bring their own carriers; without those, they share one per core.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", WITH_SCHEDULER != null ? "1"
            : String.valueOf(Runtime.getRuntime().availableProcessors()));
      }
      return Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  private static Method lookupUnstarted() {
    try {
      return Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
    } catch (ReflectiveOperationException | SecurityException e) {
      return null;
    }
  }

  /** How long {@link #close} waits for one aborted actor to unwind. */
  private static final long UNWIND_MILLIS = 5_000;

  private static final class Virtual extends ActorThreads {
    /** A builder with its own scheduler, or null for the default one. */
    private final Object builder;
    private final ExecutorService carrier;
    /** Actor threads on {@link #carrier} that may still run (all on that one carrier thread). */
    private final java.util.List<Thread> live = new java.util.ArrayList<>();

    Virtual() {
      this(null, null);
    }

    Virtual(Object builder, ExecutorService carrier) {
      this.builder = builder;
      this.carrier = carrier;
    }

    private Thread newThread(Runnable body) {
      try {
        return (Thread) UNSTARTED.invoke(builder != null ? builder : OF_VIRTUAL.invoke(null), body);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create a virtual thread", e);
      }
    }

    /**
     * Close lets the last execution's aborted actors unwind on the carrier first: a carrier shut
     * down under them would strand them, and with them the whole exploration they reference (a
     * cluster member runs one of these per lease).
     */
    @Override
    void close() {
      if (carrier == null) {
        return;
      }
      try {
        for (Thread t : live) {
          t.join(UNWIND_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        live.clear();
        carrier.shutdownNow();
      }
    }

    @Override
    void start(String name, Runnable body, Baton baton) {
      Thread t = newThread(body);
      baton.owner = t;
      if (carrier != null) {
        if (live.size() >= 64) {
          live.removeIf(x -> !x.isAlive());
        }
        live.add(t);
      }
      t.start();
    }

    @Override
    void runController(Runnable loop) throws InterruptedException {
      Throwable[] failure = new Throwable[1];
      Thread t = newThread(() -> {
        try {
          loop.run();
        } catch (Throwable e) {
          failure[0] = e;
        }
      });
      t.start();
      t.join();
      rethrow(failure[0]);
    }

    @Override
    String describe() {
      return "virtual threads (Java " + Runtime.version().feature() + ")"
          + (carrier != null ? ", a carrier per worker" : "");
    }
  }

  static void rethrow(Throwable failure) {
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** Reused daemon platform threads: creating a thread per actor per execution would dominate. */
  private static final class PlatformPool extends ActorThreads {
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private int created;

    private volatile boolean closed;

    private final class Worker implements Runnable {
      final Thread thread;
      volatile Runnable task;

      Worker(int n) {
        thread = new Thread(this, "mirrorcheck-actor-" + n);
        thread.setDaemon(true);
      }

      @Override
      public void run() {
        while (true) {
          Runnable r;
          while ((r = task) == null) {
            if (closed) {
              return;
            }
            LockSupport.park(this);
          }
          task = null;
          try {
            r.run();
          } catch (Throwable ignored) {
            // Actor bodies report their own failures; a worker must survive them.
          }
          idle.push(this);
        }
      }
    }

    /** Ends the idle threads (a cluster member makes a pool per lease); busy ones end when done. */
    @Override
    void close() {
      closed = true;
      for (Worker w : idle) {
        LockSupport.unpark(w.thread);
      }
    }

    @Override
    void start(String name, Runnable body, Baton baton) {
      Worker w = idle.poll();
      if (w == null) {
        w = new Worker(created++);
        baton.owner = w.thread;
        w.task = body;
        w.thread.start();
        return;
      }
      baton.owner = w.thread;
      w.task = body;
      LockSupport.unpark(w.thread);
    }

    @Override
    void runController(Runnable loop) {
      loop.run();
    }

    @Override
    String describe() {
      return "platform threads (Java " + Runtime.version().feature() + "; use Java 21+ for speed)";
    }
  }
}

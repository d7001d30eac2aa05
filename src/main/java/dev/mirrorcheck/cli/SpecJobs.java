package dev.mirrorcheck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Independent explorations (one spec, or one spec with one mutation) run {@code jobs} at a time,
 * their results handed on in submission order, so the output does not depend on which finished
 * first. One job runs each task on the calling thread, as before there were jobs.
 */
final class SpecJobs implements AutoCloseable {
  static final int MAX_JOBS = 64;

  private final ExecutorService pool; // null: the calling thread

  private SpecJobs(ExecutorService pool) {
    this.pool = pool;
  }

  /** Rejects a number of jobs out of range (before anything runs). */
  static void validate(int jobs) {
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new UserError("--jobs must be 1.." + MAX_JOBS + ", got " + jobs);
    }
  }

  static SpecJobs of(int jobs) {
    validate(jobs);
    if (jobs == 1) {
      return new SpecJobs(null);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new SpecJobs(Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "mirrorcheck-job");
      t.setDaemon(true);
      t.setContextClassLoader(loader); // the explorer's threads inherit a driver's class path
      return t;
    }));
  }

  /** Runs every task and passes each result to {@code each} in the tasks' order. */
  <T> void forEachInOrder(List<Callable<T>> tasks, Consumer<T> each) {
    if (pool == null) {
      for (Callable<T> task : tasks) {
        each.accept(call(task));
      }
      return;
    }
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(task));
    }
    for (Future<T> f : futures) {
      each.accept(await(f));
    }
  }

  /** Every task's result, in the tasks' order. */
  <T> List<T> inOrder(List<Callable<T>> tasks) {
    List<T> out = new ArrayList<>();
    forEachInOrder(tasks, out::add);
    return out;
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a job", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

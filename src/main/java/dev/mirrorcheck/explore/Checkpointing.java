package dev.mirrorcheck.explore;

import com.google.common.base.Preconditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how often one exploration saves its frontier, and whether it resumes from it (what TLC's
 * {@code -recover} gives). The file holds everything the result needs, so a resumed run ends with the
 * verdict and the counts of an uninterrupted one; it is replaced atomically, so a run killed at any
 * moment (also {@code kill -9}) leaves a usable checkpoint. Saves happen between two executions:
 * every {@link #every()}, when the search ends (finished, or at its time limit), and when
 * {@link #saveNow} asks (a shutdown hook on Ctrl-C or SIGTERM). With several workers every worker
 * first stops at an execution boundary ({@link ParallelCheckpoint}); a checkpoint of any number of
 * workers resumes on any number.
 *
 * <p>{@code identity} says which exploration the file belongs to (the caller's words: a spec's name
 * and a hash of its text, its design, mutations); the explorer adds the options that change what is
 * explored. A resume of another identity or other options is refused ({@link #verify}).
 */
public final class Checkpointing {
  private final Path file;
  private final String identity;
  private final Duration every;
  private final boolean resume;
  private long stopAfter = -1;

  private final Object lock = new Object();
  private volatile boolean saveRequested;
  private long saves;
  /** A search is running and will save when asked; otherwise the last save is current. */
  private boolean searching;

  private Checkpointing(Path file, String identity, Duration every, boolean resume) {
    this.file = Preconditions.checkNotNull(file);
    this.identity = Preconditions.checkNotNull(identity);
    this.every = Preconditions.checkNotNull(every);
    Preconditions.checkArgument(!every.isNegative() && !every.isZero(),
        "checkpoint interval must be positive, got %s", every);
    this.resume = resume;
  }

  /** Saves to {@code file} every {@code every}; {@code resume}: start from the file if it exists. */
  public static Checkpointing of(Path file, String identity, Duration every, boolean resume) {
    return new Checkpointing(file, identity, every, resume);
  }

  /**
   * Also saves and stops the search after {@code executions} executions, as if killed right after a
   * checkpoint (the result is then INCOMPLETE). For tests of resuming, and for splitting a long
   * search into sessions of fixed size.
   */
  public Checkpointing stopAfter(long executions) {
    Preconditions.checkArgument(executions > 0, "stopAfter must be positive, got %s", executions);
    this.stopAfter = executions;
    return this;
  }

  public Path file() {
    return file;
  }

  public Duration every() {
    return every;
  }

  public boolean resume() {
    return resume;
  }

  long stopAfterExecutions() {
    return stopAfter;
  }

  /** Whether the file exists (a resume then starts from it; otherwise from the beginning). */
  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /**
   * Reads the whole checkpoint and checks that it belongs to this identity and to {@code options};
   * throws an {@link IllegalArgumentException} whose message names the file and the problem in one
   * line. Nothing to check when the file does not exist.
   */
  public void verify(ExplorerOptions options) {
    if (exists()) {
      read(options);
    }
  }

  Checkpoint.File read(ExplorerOptions options) {
    return Checkpoint.read(file, identity, optionsKey(options));
  }

  void write(Checkpoint.File f) {
    try {
      Checkpoint.write(file, f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
    }
    synchronized (lock) {
      saves++;
      saveRequested = false;
      lock.notifyAll();
    }
  }

  String identity() {
    return identity;
  }

  /** A search starts ({@code true}) or stops using this checkpoint. */
  void searching(boolean running) {
    synchronized (lock) {
      searching = running;
      lock.notifyAll();
    }
  }

  /** Whether a save was asked for ({@link #saveNow}). */
  boolean requested() {
    return saveRequested;
  }

  /**
   * Asks the running exploration to save at its next execution boundary and waits up to
   * {@code timeout} for it; true when a save happened, or when no search runs and the last save
   * is current. For a shutdown hook: the JVM keeps running
   * the exploration while hooks run.
   */
  public boolean saveNow(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long before = saves;
      saveRequested = true;
      while (saves == before) {
        if (!searching) {
          return saves > 0; // the search ended (or has not begun): its last save stands
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The options that change what is explored, in words: a checkpoint written with other ones cannot
   * be resumed. The time limit, progress, threads and workers do not change the result.
   */
  static String optionsKey(ExplorerOptions o) {
    return "max-steps=" + o.maxSteps()
        // --shortest explores with stop-at-first off either way
        + " stop-at-first=" + (o.stopAtFirst() && !o.shortest())
        + " stop-on=" + String.join("/", o.stopOn()) + " shortest=" + o.shortest()
        + " preemption-bound=" + o.preemptionBound() + " reduce=" + o.reduce()
        + " dpor=" + o.dpor().key() + " symmetry=" + o.symmetry().key()
        + " actors=" + o.maxActors()
        + " final-states=" + o.collectFinalStates();
  }
}

package dev.mirrorcheck.explore;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;

/** A violation the explorer found, with the schedule that reaches it. */
public final class Finding {

  /** What went wrong. */
  public enum Kind {
    /** An assertion failed in an actor (including a model property check). */
    ASSERTION,
    /** An actor threw an exception. */
    EXCEPTION,
    /** A global invariant was false after some step. */
    INVARIANT,
    /** No actor could run while some had not finished. */
    DEADLOCK,
    /** A check of the final state failed. */
    END_CHECK
  }

  private final Kind kind;
  private final String property;
  private final String message;
  private final String actor;
  private final ImmutableList<Decision> schedule;
  private final int steps;

  public Finding(
      Kind kind, String property, String message, String actor, List<Decision> schedule, int steps) {
    this.kind = Objects.requireNonNull(kind);
    this.property = property;
    this.message = Objects.requireNonNull(message);
    this.actor = actor;
    this.schedule = ImmutableList.copyOf(schedule);
    this.steps = steps;
  }

  public Kind kind() {
    return kind;
  }

  /** The property id (for example {@code S3} or {@code L1}), or {@code null} for a plain assertion. */
  public String property() {
    return property;
  }

  public String message() {
    return message;
  }

  /** The actor that failed, or {@code null} for invariants, deadlocks and end checks. */
  public String actor() {
    return actor;
  }

  /**
   * Whether this counterexample is preferred to {@code other} for the same violation: fewer steps,
   * then the lexicographically first schedule, so that the one reported does not depend on the order
   * (or the parallel timing) in which the search met them.
   */
  boolean preferredTo(Finding other) {
    if (steps != other.steps) {
      return steps < other.steps;
    }
    return java.util.Arrays.compare(Decision.toRaw(schedule), Decision.toRaw(other.schedule)) < 0;
  }

  /** The decisions that lead to the violation. */
  public ImmutableList<Decision> schedule() {
    return schedule;
  }

  /** Steps executed up to the violation. */
  public int steps() {
    return steps;
  }

  /** Identity for deduplication: the same violation reached by different schedules. */
  public String key() {
    return kind + "|" + property + "|" + message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Finding)) {
      return false;
    }
    Finding f = (Finding) o;
    return kind == f.kind && Objects.equals(property, f.property) && message.equals(f.message)
        && Objects.equals(actor, f.actor) && schedule.equals(f.schedule) && steps == f.steps;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, property, message, actor, schedule, steps);
  }

  @Override
  public String toString() {
    return kind + (property == null ? "" : " " + property) + (actor == null ? "" : " in " + actor)
        + ": " + message + " (" + steps + " steps)";
  }
}

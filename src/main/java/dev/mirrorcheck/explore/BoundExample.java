package dev.mirrorcheck.explore;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * The first execution of an exploration that ended at a bound: why (the step bound, a resource the
 * model ran out of, a violation in an execution that wrapped a counter), its schedule, the labels of
 * its last steps and what each actor was doing when it ended. Enough to replay it and to tell a
 * bound the user should raise from a model that loops.
 */
public final class BoundExample {
  /** How many of the last steps {@link #tail()} keeps. */
  public static final int TAIL = 2000;

  private final String reason;
  private final boolean stepBound;
  private final ImmutableList<Decision> schedule;
  private final int steps;
  private final ImmutableList<StepLog.Step> tail;
  private final ImmutableMap<String, String> actorStates;

  BoundExample(String reason, boolean stepBound, List<Decision> schedule, int steps,
      List<StepLog.Step> tail, Map<String, String> actorStates) {
    this.reason = reason;
    this.stepBound = stepBound;
    this.schedule = ImmutableList.copyOf(schedule);
    this.steps = steps;
    this.tail = ImmutableList.copyOf(tail);
    this.actorStates = ImmutableMap.copyOf(actorStates);
  }

  /** What was reached, e.g. {@code max-steps (5000) reached} or {@code out of frames ...}. */
  public String reason() {
    return reason;
  }

  /** Whether the execution hit the step bound (as opposed to a resource or a wrapped counter). */
  public boolean stepBound() {
    return stepBound;
  }

  /** Every decision of the execution, from the start: replays it. */
  public ImmutableList<Decision> schedule() {
    return schedule;
  }

  /** Steps the execution ran. */
  public int steps() {
    return steps;
  }

  /** Its last steps (at most {@link #TAIL}), numbered from the start, with labels but no accesses. */
  public ImmutableList<StepLog.Step> tail() {
    return tail;
  }

  /** Per actor, in creation order: {@code finished}, {@code runnable} or what it waits for. */
  public ImmutableMap<String, String> actorStates() {
    return actorStates;
  }

  @Override
  public String toString() {
    return reason + " after " + steps + " steps";
  }
}

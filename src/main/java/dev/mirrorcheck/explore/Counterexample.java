package dev.mirrorcheck.explore;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * A violation packaged for a file: which harness, what was violated, the schedule that reaches it and,
 * optionally, the step log of replaying that schedule.
 */
public final class Counterexample {
  private final HarnessRef harness;
  private final Finding finding;
  private final ImmutableList<StepLog.Step> steps; // null when no step log was recorded

  private Counterexample(HarnessRef harness, Finding finding, List<StepLog.Step> steps) {
    this.harness = Preconditions.checkNotNull(harness, "harness");
    this.finding = Preconditions.checkNotNull(finding, "finding");
    this.steps = steps == null ? null : ImmutableList.copyOf(steps);
  }

  /** A counterexample without a step log. */
  public static Counterexample of(HarnessRef harness, Finding finding) {
    return new Counterexample(harness, finding, null);
  }

  /**
   * A counterexample from a replay of {@code finding}'s schedule, ending where the replay showed the
   * violation: a schedule found with reduction can end with further operations of the violating
   * step's atomic block, which the replay (operation by operation) does not need.
   */
  public static Counterexample of(HarnessRef harness, Finding finding, Replay replay) {
    int n = replay.decisionsBefore(finding);
    if (n <= 0 || n >= finding.schedule().size()) {
      return of(harness, finding, replay.steps());
    }
    List<Decision> cut = finding.schedule().subList(0, n);
    int steps = 0;
    for (Decision d : cut) {
      steps += d.isChoice() ? 0 : 1;
    }
    Finding trimmed = new Finding(finding.kind(), finding.property(), finding.message(),
        finding.actor(), cut, steps);
    return of(harness, trimmed, replay.steps().subList(0, Math.min(steps, replay.steps().size())));
  }

  /** A counterexample with the step log of a replay of {@code finding}'s schedule. */
  public static Counterexample of(HarnessRef harness, Finding finding, List<StepLog.Step> steps) {
    return new Counterexample(harness, finding, Preconditions.checkNotNull(steps, "steps"));
  }

  public HarnessRef harness() {
    return harness;
  }

  public Finding finding() {
    return finding;
  }

  /** The decisions that lead to the violation (the finding's schedule). */
  public ImmutableList<Decision> schedule() {
    return finding.schedule();
  }

  /** The replayed step log, when one was recorded. */
  public Optional<ImmutableList<StepLog.Step>> steps() {
    return Optional.ofNullable(steps);
  }

  @Override
  public String toString() {
    return harness + ": " + finding;
  }
}

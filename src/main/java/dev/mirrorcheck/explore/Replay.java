package dev.mirrorcheck.explore;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** The outcome of replaying one schedule: what it violated and the step-by-step log. */
public final class Replay {
  private final ImmutableList<Finding> findings;
  private final ImmutableList<StepLog.Step> steps;
  private final ImmutableList<String> actors;
  private final String ending;

  Replay(List<Finding> findings, List<StepLog.Step> steps, List<String> actors, String ending) {
    this.findings = ImmutableList.copyOf(findings);
    this.steps = ImmutableList.copyOf(steps);
    this.actors = ImmutableList.copyOf(actors);
    this.ending = ending;
  }

  /** Violations reached along the schedule, in order. */
  public ImmutableList<Finding> findings() {
    return findings;
  }

  public ImmutableList<StepLog.Step> steps() {
    return steps;
  }

  /** Actor names in creation order. */
  public ImmutableList<String> actors() {
    return actors;
  }

  /** How the replayed execution ended (e.g. {@code DEADLOCK}, {@code REPLAY_END}). */
  public String ending() {
    return ending;
  }

  /** Whether the replay reached a violation with the same kind, property and message. */
  public boolean reproduces(Finding expected) {
    for (Finding f : findings) {
      if (f.key().equals(expected.key())) {
        return true;
      }
    }
    return false;
  }
}

package dev.mirrorcheck.explore;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/** The outcome of replaying one schedule: what it violated and the step-by-step log. */
public final class Replay {
  private final ImmutableList<Finding> findings;
  private final ImmutableList<StepLog.Step> steps;
  private final ImmutableList<String> actors;
  private final String ending;
  private final ImmutableMap<String, Integer> foundAt;
  private final int decisions;

  Replay(List<Finding> findings, List<StepLog.Step> steps, List<String> actors, String ending,
      Map<String, Integer> foundAt, int decisions) {
    this.findings = ImmutableList.copyOf(findings);
    this.steps = ImmutableList.copyOf(steps);
    this.actors = ImmutableList.copyOf(actors);
    this.ending = ending;
    this.foundAt = ImmutableMap.copyOf(foundAt);
    this.decisions = decisions;
  }

  /** Decisions in the replayed schedule. */
  public int decisions() {
    return decisions;
  }

  /**
   * How many decisions of the schedule had been followed when {@code finding} (by key) was first
   * reached, or -1 when it was not: decisions beyond that are left over.
   */
  public int decisionsBefore(Finding finding) {
    Integer n = foundAt.get(finding.key());
    return n == null ? -1 : n;
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

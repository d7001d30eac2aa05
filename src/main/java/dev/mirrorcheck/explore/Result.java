package dev.mirrorcheck.explore;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The outcome of one exploration. */
public final class Result {

  /** The overall verdict. */
  public enum Verdict {
    /** Every execution of the bounded harness was covered and none violated anything. */
    PASS,
    /** At least one violation was found. */
    VIOLATION,
    /** No violation, but some execution reached the step bound: not a pass. */
    BOUND_HIT,
    /** No violation, but the search stopped early (time limit, or a preemption bound pruned it). */
    INCOMPLETE
  }

  private final Verdict verdict;
  private final ImmutableList<Finding> findings;
  private final ImmutableMap<String, Long> findingCounts;
  private final Statistics statistics;
  private final ImmutableMap<String, Long> coverage;
  private final ImmutableSet<String> finalStates;
  private final String engine;
  private final String incompleteReason;
  private final BoundExample boundExample;

  Result(Verdict verdict, List<Finding> findings, Map<String, Long> findingCounts,
      Statistics statistics, Map<String, Long> coverage, Set<String> finalStates, String engine,
      String incompleteReason, BoundExample boundExample) {
    this.verdict = verdict;
    this.findings = ImmutableList.copyOf(findings);
    this.findingCounts = ImmutableMap.copyOf(findingCounts);
    this.statistics = statistics;
    this.coverage = ImmutableMap.copyOf(coverage);
    this.finalStates = ImmutableSet.copyOf(finalStates);
    this.engine = engine;
    this.incompleteReason = incompleteReason;
    this.boundExample = boundExample;
  }

  public Verdict verdict() {
    return verdict;
  }

  public boolean passed() {
    return verdict == Verdict.PASS;
  }

  /** Distinct violations, each with the shortest schedule seen for it. */
  public ImmutableList<Finding> findings() {
    return findings;
  }

  /** How many executions reached each finding (by {@link Finding#key()}). */
  public ImmutableMap<String, Long> findingCounts() {
    return findingCounts;
  }

  public Statistics statistics() {
    return statistics;
  }

  /** Executed steps per operation label. */
  public ImmutableMap<String, Long> coverage() {
    return coverage;
  }

  /** Final-state descriptions, when requested. */
  public ImmutableSet<String> finalStates() {
    return finalStates;
  }

  /** Which threads ran the actors. */
  public String engine() {
    return engine;
  }

  /** Why the search is not exhaustive, or {@code null}. */
  public String incompleteReason() {
    return incompleteReason;
  }

  /**
   * The first execution that ended at a bound (the step bound, a resource the model ran out of, or a
   * violation after a counter wrapped), or {@code null} when none did.
   */
  public BoundExample boundExample() {
    return boundExample;
  }

  @Override
  public String toString() {
    return verdict + (incompleteReason == null ? "" : " (" + incompleteReason + ")") + " "
        + findings + " " + statistics;
  }
}

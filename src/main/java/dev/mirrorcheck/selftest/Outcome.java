package dev.mirrorcheck.selftest;

import java.util.Set;
import java.util.TreeSet;

/**
 * What one engine found for a program: the final states of its complete executions and its violations
 * as {@code KIND|property} (deadlocks as {@code DEADLOCK|L1} or {@code DEADLOCK|L4}). {@code complete}
 * is false when a size or time limit stopped the engine, and the outcome then proves nothing.
 * {@code reduction}: the reduction the explorer ran ({@code optimal->source} when optimal DPOR gave
 * way), null for the reference.
 */
public record Outcome(Set<String> finalStates, Set<String> violations, boolean complete, long work,
    String reduction) {

  public Outcome {
    finalStates = java.util.Collections.unmodifiableSet(new TreeSet<>(finalStates));
    violations = java.util.Collections.unmodifiableSet(new TreeSet<>(violations));
  }

  public Outcome(Set<String> finalStates, Set<String> violations, boolean complete, long work) {
    this(finalStates, violations, complete, work, null);
  }

  /** Whether a deadlock is reachable. */
  public boolean deadlocks() {
    for (String v : violations) {
      if (v.startsWith("DEADLOCK|")) {
        return true;
      }
    }
    return false;
  }

  /**
   * How this outcome differs from {@code expected}, in one line per difference (empty when they
   * agree).
   */
  public String differenceFrom(Outcome expected) {
    StringBuilder sb = new StringBuilder();
    diff(sb, "violation", expected.violations, violations);
    diff(sb, "final state", expected.finalStates, finalStates);
    return sb.toString();
  }

  private static void diff(StringBuilder sb, String what, Set<String> expected, Set<String> actual) {
    for (String s : expected) {
      if (!actual.contains(s)) {
        sb.append("  missed ").append(what).append(": ").append(s).append('\n');
      }
    }
    for (String s : actual) {
      if (!expected.contains(s)) {
        sb.append("  extra ").append(what).append(": ").append(s).append('\n');
      }
    }
  }
}

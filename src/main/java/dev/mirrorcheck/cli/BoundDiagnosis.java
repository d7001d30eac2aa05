package dev.mirrorcheck.cli;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.BoundExample;
import dev.mirrorcheck.explore.StepLog;
import dev.mirrorcheck.report.StepText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Why an exploration hit a bound, in words a user can act on. For the step bound it looks for a
 * cycle of protocol steps repeating at the end of the execution: one actor looping while no other
 * can run is a livelock of the model (raising {@code max-steps} cannot help), several actors looping
 * together a livelock of the protocol or the model, and no cycle at all a scenario that needs more
 * steps. Other bounds (a resource the model ran out of, a counter that wrapped) carry their own
 * reason.
 */
final class BoundDiagnosis {
  /** Repetitions a cycle needs before it counts as a loop rather than a coincidence. */
  static final int MIN_REPEATS = 3;
  /** Steps shown around the cycle, and in total when there is none. */
  private static final int CONTEXT = 6;
  private static final int NO_CYCLE_TAIL = 30;

  private final String summary;
  private final boolean modelDefect;
  private final ImmutableList<String> trace;

  private BoundDiagnosis(String summary, boolean modelDefect, List<String> trace) {
    this.summary = summary;
    this.modelDefect = modelDefect;
    this.trace = ImmutableList.copyOf(trace);
  }

  /** One line: what was hit and what it means. */
  String summary() {
    return summary;
  }

  /** Whether the bound points at a defect of the model (a loop no bound can end). */
  boolean modelDefect() {
    return modelDefect;
  }

  /** The execution's last steps, one per line, the repeating cycle marked with {@code |}. */
  ImmutableList<String> trace() {
    return trace;
  }

  /** A cycle at the end of a step sequence: its length and how often it repeats back to back. */
  static final class Cycle {
    final int length;
    final int repeats;

    Cycle(int length, int repeats) {
      this.length = length;
      this.repeats = repeats;
    }
  }

  /**
   * The shortest cycle that repeats at least {@link #MIN_REPEATS} times back to back at the end of
   * {@code steps} (actor and label compared) and covers the most steps; or null.
   */
  static Cycle findCycle(List<StepLog.Step> steps) {
    int n = steps.size();
    Cycle best = null;
    for (int len = 1; len * MIN_REPEATS <= n; len++) {
      int repeats = 1;
      while ((repeats + 1) * len <= n && sameBlock(steps, n - len, n - (repeats + 1) * len, len)) {
        repeats++;
      }
      if (repeats >= MIN_REPEATS && (best == null || repeats * len > best.repeats * best.length)) {
        best = new Cycle(len, repeats);
      }
    }
    return best;
  }

  private static boolean sameBlock(List<StepLog.Step> s, int a, int b, int len) {
    for (int i = 0; i < len; i++) {
      StepLog.Step x = s.get(a + i);
      StepLog.Step y = s.get(b + i);
      if (!x.actor().equals(y.actor()) || !Objects.equals(x.label(), y.label())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The diagnosis of {@code b}. For a bound other than the step bound, {@code replayed} is the step
   * log of replaying its schedule (accesses and values included), whose last steps are shown.
   */
  static BoundDiagnosis of(BoundExample b, List<StepLog.Step> replayed) {
    if (!b.stepBound()) {
      List<StepLog.Step> last = replayed.subList(Math.max(0, replayed.size() - NO_CYCLE_TAIL),
          replayed.size());
      List<String> lines = new ArrayList<>();
      if (last.size() < replayed.size()) {
        lines.add("   ...");
      }
      for (String l : StepText.table(last, "").split("\n")) {
        lines.add(l);
      }
      return new BoundDiagnosis(b.reason(), false, lines);
    }
    List<StepLog.Step> tail = b.tail();
    Cycle c = findCycle(tail);
    if (c == null) {
      return new BoundDiagnosis(b.reason() + " with no repeating cycle in the last " + tail.size()
          + " steps: the scenario may need more steps (raise bounds: max-steps)", false,
          plainTail(tail));
    }
    Set<String> looping = new LinkedHashSet<>();
    for (int i = tail.size() - c.length; i < tail.size(); i++) {
      looping.add(tail.get(i).actor());
    }
    String repeated = "cycle of " + c.length + " step" + (c.length == 1 ? "" : "s") + " repeated "
        + c.repeats + " times" + (c.repeats * c.length == tail.size() ? " (all of the last "
            + tail.size() + " steps)" : "");
    List<String> runnable = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Map.Entry<String, String> e : b.actorStates().entrySet()) {
      if (!looping.contains(e.getKey())) {
        others.add(e.getKey() + " " + e.getValue());
        if (e.getValue().equals("runnable")) {
          runnable.add(e.getKey());
        }
      }
    }
    String summary;
    if (looping.size() == 1) {
      String actor = looping.iterator().next();
      summary = runnable.isEmpty()
          ? "model livelock in actor " + actor + ": " + repeated + " with no other actor able to run"
              + (others.isEmpty() ? "" : " (" + String.join("; ", others) + ")")
              + "; a defect of the model, not a bound to raise: please report it"
          : "actor " + actor + " spins: " + repeated + " while " + String.join(", ", runnable)
              + " could run; a busy-wait in the model that only an unfair schedule repeats this long"
              + ", a defect of the model, not a bound to raise: please report it";
    } else {
      summary = "livelock of actors " + String.join(", ", looping) + ": " + repeated
          + " among them; raising max-steps cannot end it (a protocol livelock, or a model defect)";
    }
    return new BoundDiagnosis(b.reason() + "; " + summary, true, cycleTail(tail, c));
  }

  private static List<String> plainTail(List<StepLog.Step> tail) {
    List<String> out = new ArrayList<>();
    int from = Math.max(0, tail.size() - NO_CYCLE_TAIL);
    if (from > 0) {
      out.add("   ...");
    }
    for (int i = from; i < tail.size(); i++) {
      out.add(line(tail.get(i), false));
    }
    return out;
  }

  /** A few steps before the cycle began, its first and last repetition marked, the rest elided. */
  private static List<String> cycleTail(List<StepLog.Step> tail, Cycle c) {
    List<String> out = new ArrayList<>();
    int first = tail.size() - c.repeats * c.length;
    int from = Math.max(0, first - CONTEXT);
    if (from > 0) {
      out.add("   ...");
    }
    for (int i = from; i < first; i++) {
      out.add(line(tail.get(i), false));
    }
    for (int i = first; i < first + c.length; i++) {
      out.add(line(tail.get(i), true));
    }
    if (c.repeats > 2) {
      out.add(" | ... the same " + c.length + " step" + (c.length == 1 ? "" : "s") + " "
          + (c.repeats - 2) + " more time" + (c.repeats == 3 ? "" : "s") + " ...");
    }
    for (int i = tail.size() - c.length; i < tail.size(); i++) {
      out.add(line(tail.get(i), true));
    }
    return out;
  }

  private static String line(StepLog.Step s, boolean inCycle) {
    return String.format("%s %7d  %-12s %s", inCycle ? " |" : "  ", s.index(), s.actor(), s.label());
  }
}

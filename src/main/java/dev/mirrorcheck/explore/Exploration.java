package dev.mirrorcheck.explore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** State shared by the executions of one exploration: options, trace buffers, findings, counters. */
final class Exploration {
  final ExplorerOptions options;
  final Trace trace;
  final ActorThreads threads;
  final Learned learned = new Learned();
  final Coverage coverage = new Coverage();
  final boolean collectFinalStates;
  /** Naive strategies see every state; DPOR only needs checks after visible changes. */
  final boolean checkAfterEveryChange;

  long transitions;
  long newTransitions;
  final Map<String, Finding> findings = new LinkedHashMap<>();
  final Map<String, long[]> findingCounts = new LinkedHashMap<>();
  final Set<String> finalStates = new TreeSet<>();

  Exploration(ExplorerOptions options, ActorThreads threads, boolean checkAfterEveryChange) {
    this.options = options;
    this.trace = new Trace(options.maxSteps() + 2, options.maxActors());
    this.threads = threads;
    this.collectFinalStates = options.collectFinalStates();
    this.checkAfterEveryChange = checkAfterEveryChange;
  }

  /** Records a violation reached by the current schedule of {@code ex}; keeps the shortest schedule. */
  void found(Execution ex, Finding.Kind kind, String property, String message, XActor actor) {
    String key = kind + "|" + property + "|" + message;
    long[] count = findingCounts.get(key);
    if (count == null) {
      findingCounts.put(key, new long[] {1});
    } else {
      count[0]++;
    }
    Finding previous = findings.get(key);
    // A deadlock or a final state involves every actor; other violations only their causal past.
    // (Strategies that check every invariant after every step may report one whose state the last
    // step did not change; its cone would not reproduce it.)
    boolean trim = kind != Finding.Kind.DEADLOCK && kind != Finding.Kind.END_CHECK
        && !(kind == Finding.Kind.INVARIANT && checkAfterEveryChange);
    int[] schedule = trim ? ex.causalDecisions(actor) : ex.decisions();
    int steps = 0;
    for (int d : schedule) {
      if (d >= 0) {
        steps++;
      }
    }
    if (previous == null || steps < previous.steps()) {
      Finding f = new Finding(kind, property, message, actor == null ? null : actor.name,
          Decision.fromRaw(schedule, ex.actorNames()), steps);
      findings.put(key, f);
    }
  }

  /** Forgets what the search learnt, keeping the visible set (after a restart). */
  void restart() {
    learned.restartReason = null;
    learned.restarts++;
    coverage.clear();
    findings.clear();
    findingCounts.clear();
    finalStates.clear();
  }
}

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
  final Learned learned;
  final Coverage coverage = new Coverage();
  final boolean collectFinalStates;
  /** Naive strategies see every state; DPOR only needs checks after visible changes. */
  final boolean checkAfterEveryChange;

  long transitions;
  long newTransitions;
  final Map<String, Finding> findings = new LinkedHashMap<>();
  final Map<String, long[]> findingCounts = new LinkedHashMap<>();
  /** Per finding key: how many decisions the execution had made when it was first found. */
  final Map<String, Integer> foundAtDecision = new LinkedHashMap<>();
  final Set<String> finalStates = new TreeSet<>();

  Exploration(ExplorerOptions options, ActorThreads threads, boolean checkAfterEveryChange) {
    this(options, threads, checkAfterEveryChange, new Learned());
  }

  /** A worker's exploration in a parallel search: every worker shares what is learnt. */
  Exploration(ExplorerOptions options, ActorThreads threads, boolean checkAfterEveryChange,
      Learned learned) {
    this.learned = learned;
    this.options = options;
    this.trace = new Trace(options.maxSteps() + 2, options.maxActors());
    this.threads = threads;
    this.collectFinalStates = options.collectFinalStates();
    this.checkAfterEveryChange = checkAfterEveryChange;
  }

  /** The first execution that ended at a bound, or null. */
  BoundExample firstBound;

  /**
   * Records a violation reached by the current schedule of {@code ex}; keeps the shortest schedule.
   * Returns false when the violation is an artifact of a bound the execution touched (then the
   * execution ends as a bound hit instead).
   */
  boolean found(Execution ex, Finding.Kind kind, String property, String message, XActor actor) {
    if (ex.violationIsBoundArtifact(property, message)) {
      return false;
    }
    String key = kind + "|" + property + "|" + message;
    foundAtDecision.putIfAbsent(key, ex.decisionCount());
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
    if (previous == null || steps <= previous.steps()) {
      Finding f = new Finding(kind, property, message, actor == null ? null : actor.name,
          Decision.fromRaw(schedule, ex.actorNames()), steps);
      if (previous == null || f.preferredTo(previous)) {
        findings.put(key, f);
      }
    }
    return true;
  }

  /**
   * Adds what another worker of a parallel exploration found: the preferred counterexample of each
   * violation, counts summed, coverage and final states united, the preferred bound example.
   */
  void merge(Exploration other) {
    transitions += other.transitions;
    newTransitions += other.newTransitions;
    other.findings.forEach((key, f) -> {
      Finding mine = findings.get(key);
      if (mine == null || f.preferredTo(mine)) {
        findings.put(key, f);
      }
    });
    other.findingCounts.forEach((key, c) -> findingCounts.computeIfAbsent(key, k -> new long[1])[0] += c[0]);
    other.foundAtDecision.forEach((key, d) -> foundAtDecision.merge(key, d, Math::min));
    finalStates.addAll(other.finalStates);
    coverage.merge(other.coverage);
    BoundExample b = other.firstBound;
    if (b != null && (firstBound == null || b.steps() < firstBound.steps()
        || b.steps() == firstBound.steps() && java.util.Arrays.compare(Decision.toRaw(b.schedule()),
            Decision.toRaw(firstBound.schedule())) < 0)) {
      firstBound = b;
    }
  }

  /** Keeps the first bound-hitting execution: its schedule, last steps and actor states. */
  void boundHit(Execution ex) {
    if (firstBound != null) {
      return;
    }
    java.util.List<String> names = ex.actorNames();
    java.util.List<StepLog.Step> tail = new java.util.ArrayList<>();
    for (int e = Math.max(0, trace.size - BoundExample.TAIL); e < trace.size; e++) {
      tail.add(new StepLog.Step(e, names.get(trace.actor[e]), trace.label[e]));
    }
    firstBound = new BoundExample(ex.boundReason, ex.boundReason.startsWith("max-steps"),
        Decision.fromRaw(ex.decisions(), names), trace.size, tail, ex.actorStates());
  }

  /** Forgets what the search learnt, keeping the visible set (after a restart). */
  void restart() {
    learned.restartReason = null;
    learned.restarts++;
    forget();
  }

  /** Forgets what was found (the search starts again). */
  void forget() {
    transitions = newTransitions = 0;
    coverage.clear();
    findings.clear();
    firstBound = null;
    findingCounts.clear();
    foundAtDecision.clear();
    finalStates.clear();
  }
}

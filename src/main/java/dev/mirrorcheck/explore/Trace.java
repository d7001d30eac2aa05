package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * The events (steps) of the current execution, as flat arrays reused across executions: who ran, its
 * per-actor sequence number, the search node that scheduled it, its vector clock, its label and the
 * accesses it made. Event {@code e} happens before a clock {@code c} iff
 * {@code c[actor(e)] >= seq(e)}.
 */
final class Trace {
  /** Sleep and backtrack sets are bit masks over actors. */
  static final int MAX_ACTORS = 64;
  static final int JOINED_MORE = -2;

  final int capacity;
  final int width; // clock width: number of actor slots
  int size;
  final int[] actor;
  final int[] seq;
  final int[] node;
  /**
   * Per event: the event whose clock it joined to become enabled outside the dependency relation (the
   * wake-up that woke it), {@link #JOINED_MORE} when it joined clocks some other way (a join, a spawned
   * actor's first step), or -1.
   */
  final int[] enabler;
  /** Per event: whether a {@code choose} inside it made its accesses depend on the value chosen. */
  final boolean[] chose;
  final String[] label;
  final int[] clocks;
  final int[] accessStart;
  int accesses;
  Target[] accessTarget;
  int[] accessKind;

  Trace(int capacity, int width) {
    this.capacity = capacity;
    this.width = width;
    actor = new int[capacity];
    seq = new int[capacity];
    node = new int[capacity];
    enabler = new int[capacity];
    chose = new boolean[capacity];
    label = new String[capacity];
    clocks = new int[capacity * width];
    accessStart = new int[capacity + 1];
    accessTarget = new Target[capacity * 2];
    accessKind = new int[capacity * 2];
  }

  void reset() {
    Arrays.fill(label, 0, size, null);
    Arrays.fill(accessTarget, 0, accesses, null);
    size = 0;
    accesses = 0;
  }

  int open(int actorId, int actorSeq, int nodeIndex, String stepLabel) {
    int e = size++;
    actor[e] = actorId;
    seq[e] = actorSeq;
    node[e] = nodeIndex;
    enabler[e] = -1;
    chose[e] = false;
    label[e] = stepLabel;
    accessStart[e] = accesses;
    accessStart[e + 1] = accesses;
    return e;
  }

  void addAccess(int e, Target target, int kind) {
    if (accesses == accessTarget.length) {
      accessTarget = Arrays.copyOf(accessTarget, accesses * 2);
      accessKind = Arrays.copyOf(accessKind, accesses * 2);
    }
    accessTarget[accesses] = target;
    accessKind[accesses] = kind;
    accesses++;
    accessStart[e + 1] = accesses;
  }

  void storeClock(int e, int[] clock) {
    System.arraycopy(clock, 0, clocks, e * width, width);
  }

  /** Whether event {@code e} happens before the point described by {@code clock}. */
  boolean happensBefore(int e, int[] clock) {
    return clock[actor[e]] >= seq[e];
  }

  /** Whether event {@code e} happens before event {@code x} (both closed). */
  boolean happensBefore(int e, int x) {
    return clocks[x * width + actor[e]] >= seq[e];
  }

  /** {@code into := max(into, clock(e))}. */
  void join(int[] into, int e) {
    int base = e * width;
    for (int i = 0; i < width; i++) {
      int v = clocks[base + i];
      if (v > into[i]) {
        into[i] = v;
      }
    }
  }

  /** The accesses of step {@code e} as (object id, access kind) pairs. */
  int[] footprint(int e) {
    int from = accessStart[e];
    int to = accessStart[e + 1];
    int[] fp = new int[2 * (to - from)];
    for (int i = from, j = 0; i < to; i++, j += 2) {
      fp[j] = accessTarget[i].id;
      fp[j + 1] = accessKind[i];
    }
    return fp;
  }

  int clockAt(int e, int actorId) {
    return clocks[e * width + actorId];
  }
}

package dev.mirrorcheck.explore;

/**
 * The sequence {@code v = notdep(e, E).e'} that reverses a race between event {@code e} and a later step
 * {@code e'}: the events after {@code e} that do not happen after it, in trace order, then {@code e'}
 * itself (a closed step or a blocked actor's pending operation). Optimal DPOR inserts it into the
 * wakeup tree of the node before {@code e}; insertion removes the events of the branches it walks
 * down ({@link #removeFirst}).
 */
final class Reversal {
  private final Trace trace;
  private final int[] events; // trace indices; the last one is -1 for a pending operation
  private final int[] actors;
  private final int[][] footprints;
  private final int[] lastClock;
  private final boolean[] removed;
  private int left;

  private Reversal(Trace trace, int n, int[] lastClock) {
    this.trace = trace;
    events = new int[n];
    actors = new int[n];
    footprints = new int[n][];
    this.lastClock = lastClock;
    removed = new boolean[n];
    left = n;
  }

  /**
   * The reversal of the race between {@code e} and the step of {@code actor} that follows the events up
   * to {@code end} (exclusive): event {@code end} itself when it is in the trace, else the actor's
   * pending operation with {@code footprint} and {@code clock}.
   */
  static Reversal of(Trace trace, int e, int end, int actor, int[] footprint, int[] clock) {
    int te = trace.actor[e];
    int se = trace.seq[e];
    int n = 0;
    int[] kept = new int[trace.size - e];
    for (int x = e + 1; x < trace.size; x++) {
      if (x != end && trace.clockAt(x, te) < se) {
        kept[n++] = x;
      }
    }
    Reversal v = new Reversal(trace, n + 1, clock.clone());
    for (int i = 0; i < n; i++) {
      v.events[i] = kept[i];
      v.actors[i] = trace.actor[kept[i]];
      // A step with a choice inside accesses what this value made it access: its footprint does
      // not say what it does in a branch, so it stands for no independent reversal (null).
      v.footprints[i] = trace.chose[kept[i]] ? null : trace.footprint(kept[i]);
    }
    v.events[n] = end < trace.size ? end : -1;
    v.actors[n] = actor;
    v.footprints[n] = end < trace.size && trace.chose[end] ? null : footprint;
    v.restrictLastClock();
    return v;
  }

  /**
   * The race's later step may happen after events of {@code v} only through events the reversal drops
   * (an acquisition joins the release by {@code e}'s actor, which joined others'): keep only what it
   * reaches through its direct predecessors in {@code v}: its own actor's events, conflicting
   * accesses and the wake-up that enabled it. Events of {@code v} before it reach each other only
   * through {@code v}, so their clocks are exact.
   */
  private void restrictLastClock() {
    int n = events.length - 1;
    int last = events[n];
    int enabledBy = last >= 0 ? trace.enabler[last] : -1;
    if (enabledBy == Trace.JOINED_MORE) {
      return;
    }
    int[] exact = new int[lastClock.length];
    for (int i = 0; i < n; i++) {
      if (happensBefore(i, n) && (actors[i] == actors[n] || events[i] == enabledBy
          || footprints[i] == null || footprints[n] == null
          || overlaps(footprints[i], footprints[n]))) {
        trace.join(exact, events[i]);
      }
    }
    exact[actors[n]] = lastClock[actors[n]];
    System.arraycopy(exact, 0, lastClock, 0, exact.length);
  }

  boolean isEmpty() {
    return left == 0;
  }

  /** The actor of the first event not removed. */
  int firstActor() {
    return actors[indexOf(-1)];
  }

  /** Whether the race's own later step is the only event of {@code actor} left. */
  boolean onlyLastOf(int actor) {
    return indexOf(actor) == events.length - 1;
  }

  /** Index of {@code actor}'s first remaining event (any actor's, for -1), or -1. */
  private int indexOf(int actor) {
    for (int i = 0; i < events.length; i++) {
      if (!removed[i] && (actor < 0 || actors[i] == actor)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether remaining event {@code i} happens before remaining event {@code j > i}. */
  private boolean happensBefore(int i, int j) {
    int x = events[i];
    int seen = j == events.length - 1 ? lastClock[actors[i]] : trace.clockAt(events[j], actors[i]);
    return seen >= trace.seq[x];
  }

  /**
   * Whether {@code actor}, whose next step accesses {@code footprint}, is a weak initial of what is
   * left: its first event there happens after no other event left, or it has none and its step
   * conflicts with none of them.
   */
  boolean isWeakInitial(int actor, int[] footprint) {
    int i = indexOf(actor);
    if (i >= 0) {
      for (int j = 0; j < i; j++) {
        if (!removed[j] && happensBefore(j, i)) {
          return false;
        }
      }
      return true;
    }
    for (int j = 0; j < events.length; j++) {
      if (!removed[j] && footprint != null
          && (footprints[j] == null || overlaps(footprint, footprints[j]))) {
        return false;
      }
    }
    return footprint != null;
  }

  /** Whether some step's footprint is unknown (a choice inside it): see {@link #of}. */
  boolean hasOpaqueStep() {
    for (int[] fp : footprints) {
      if (fp == null) {
        return true;
      }
    }
    return false;
  }

  /** The actors whose first event happens after no other event (initials, not weak ones). */
  long initials() {
    long out = 0;
    for (int a : actors) {
      if ((out & (1L << a)) == 0 && isWeakInitial(a, null)) {
        out |= 1L << a;
      }
    }
    return out;
  }

  /** Removes {@code actor}'s first remaining event, if it has one. */
  void removeFirst(int actor) {
    int i = indexOf(actor);
    if (i >= 0) {
      removed[i] = true;
      left--;
    }
  }

  /**
   * What is left as a chain that starts with {@code initial}'s first event (an initial, so it may
   * move to the front).
   */
  WakeupTree chainFrom(int initial) {
    int i = indexOf(initial);
    WakeupTree head = new WakeupTree(actors[i], footprints[i]);
    removed[i] = true;
    WakeupTree rest = chain();
    removed[i] = false;
    if (rest != null) {
      head.add(rest);
    }
    return head;
  }

  /** What is left, as a chain of wakeup-tree nodes. */
  WakeupTree chain() {
    WakeupTree head = null;
    for (int i = events.length - 1; i >= 0; i--) {
      if (!removed[i]) {
        WakeupTree node = new WakeupTree(actors[i], footprints[i]);
        if (head != null) {
          node.add(head);
        }
        head = node;
      }
    }
    return head;
  }

  /** Whether two footprints ((object id, access kind) pairs) have conflicting accesses to one object. */
  static boolean overlaps(int[] a, int[] b) {
    for (int i = 0; i < a.length; i += 2) {
      for (int j = 0; j < b.length; j += 2) {
        if (a[i] == b[j] && Access.conflict(a[i + 1], b[j + 1])) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < events.length; i++) {
      if (!removed[i]) {
        sb.append(actors[i]).append(' ');
      }
    }
    return sb.toString().trim();
  }
}

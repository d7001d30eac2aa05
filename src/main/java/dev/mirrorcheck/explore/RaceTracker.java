package dev.mirrorcheck.explore;


/**
 * Happens-before and races for one execution. Every step has a vector clock (its actor's clock while
 * the step runs); an access to a shared object <em>joins</em> the clocks of the earlier accesses it
 * depends on and <em>races</em> with those of them it could have run before, reporting each race to
 * the {@link SearchStrategy} so that it tries the other order.
 *
 * <p>The per-object access histories decide which earlier events those are: {@link Location} (last
 * write, reads since), {@link MutexHistory}, {@link RwSemHistory} and {@link WaitQueueHistory}; the
 * dependency relation they implement is written down in {@code docs/explorer.md}. This class holds the
 * operations they share. Races are reported only while the running step is new (not a replay of an
 * earlier execution's prefix); a step that replays up to a choice inside it becomes new at the choice.
 */
final class RaceTracker {
  private final Trace trace;
  private final SearchStrategy strategy;
  private final Execution ex;
  private final int[] scratch = new int[6 * Trace.MAX_ACTORS + 1];
  private int event = -1;

  RaceTracker(Trace trace, SearchStrategy strategy, Execution ex) {
    this.trace = trace;
    this.strategy = strategy;
    this.ex = ex;
  }

  /** The running step's event; accesses from now on belong to it. */
  void open(int e) {
    event = e;
  }

  void close() {
    event = -1;
  }

  int event() {
    return event;
  }

  /**
   * Whether races of the running step are reported: new ones (its latest decision is past the search
   * frontier), and under optimal DPOR every one, since its reversal also holds the events after the
   * step, which differ from one execution to the next (a race reversed again is covered by what its
   * first reversal planted, so this costs no execution).
   */
  private boolean reporting() {
    return strategy.isNew() || strategy.needsFixedFootprints();
  }

  private boolean concurrent(XActor t, int x) {
    return x >= 0 && trace.actor[x] != t.id && !trace.happensBefore(x, t.clock);
  }

  /** Reports a race with {@code x} unless it happens before the running step; never joins. */
  void race(XActor t, int x) {
    if (concurrent(t, x) && reporting()) {
      strategy.race(x, event, t.clock, ex);
    }
  }

  /** Joins the clock of event {@code x} (by another actor) into the running step's. */
  void join(XActor t, int x) {
    if (x >= 0 && trace.actor[x] != t.id) {
      trace.join(t.clock, x);
    }
  }

  /** Races with {@code x} unless it happens before the running step, then joins it. */
  void raceAndJoin(XActor t, int x) {
    if (concurrent(t, x)) {
      if (reporting()) {
        strategy.race(x, event, t.clock, ex);
      }
      trace.join(t.clock, x);
    }
  }

  /** Joins every event of {@code perActor} (one per actor, -1 for none). */
  void joinAll(XActor t, int[] perActor) {
    for (int i = 0; i < trace.width; i++) {
      join(t, perActor[i]);
    }
  }

  /**
   * Races with and joins the events of {@code perActor} (and {@code extra}) that do not happen before
   * the running step, newest first: an event that the clock reaches through a newer one is ordered
   * already and is no race.
   */
  void raceAndJoinAll(XActor t, int[] perActor, int extra) {
    raceAndJoinAll(t, perActor, null, extra);
  }

  /** {@link #raceAndJoinAll(XActor, int[], int)} over two per-actor sets together. */
  void raceAndJoinAll(XActor t, int[] perActor, int[] more, int extra) {
    raceAndJoinAll(t, extra, perActor, more);
  }

  /**
   * {@link #raceAndJoinAll(XActor, int[], int)} over several per-actor sets (null ones skipped)
   * together, so that only the newest of the events an actor has among them races.
   */
  void raceAndJoinAll(XActor t, int extra, int[]... sets) {
    int[] c = scratch;
    int n = 0;
    for (int[] perActor : sets) {
      if (perActor == null) {
        continue;
      }
      for (int i = 0; i < trace.width; i++) {
        if (i != t.id && perActor[i] >= 0) {
          c[n++] = perActor[i];
        }
      }
    }
    if (extra >= 0 && trace.actor[extra] != t.id) {
      c[n++] = extra;
    }
    for (int i = 1; i < n; i++) { // insertion sort: a handful of events, on every such access
      int v = c[i];
      int j = i - 1;
      while (j >= 0 && c[j] > v) {
        c[j + 1] = c[j];
        j--;
      }
      c[j + 1] = v;
    }
    for (int i = n - 1; i >= 0; i--) {
      if (i == n - 1 || c[i] != c[i + 1]) {
        raceAndJoin(t, c[i]);
      }
    }
  }

  /** A read of {@code l}: depends on the last write. */
  void read(XActor t, Location l) {
    raceAndJoin(t, l.lastWrite);
    l.reads()[t.id] = event;
    l.anyReads = true;
  }

  /** A write of {@code l}: depends on the reads since the last write, and on that write. */
  void write(XActor t, Location l) {
    if (l.anyReads) {
      raceAndJoinAll(t, l.reads(), -1);
      l.clearReads();
    }
    raceAndJoin(t, l.lastWrite);
    l.lastWrite = event;
  }

  /**
   * A blocked actor's operation never ran, so no step reported its races: at the end of an execution
   * it races with the events {@code x} it waits behind.
   */
  void raceWithPending(XActor a, int x) {
    if (strategy.isNew() && concurrent(a, x)) {
      strategy.raceWithPending(x, a.id, a.clock, ex);
    }
  }
}

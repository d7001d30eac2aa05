package dev.mirrorcheck.explore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an exploration has learnt about the harness's shared objects, keyed by their stable ids. The
 * reductions rely on it: a location accessed only with some common mutex held is a <em>both-mover</em>
 * (its accesses never need their own scheduling point), a mutex never used with trylock has acquires
 * that move right and releases that move left, and objects read by invariants are <em>visible</em>.
 * Each fact starts optimistic; when an execution contradicts a fact that a decision already relied on,
 * the exploration restarts with the corrected fact. Facts only ever weaken, so this converges, and the
 * final exploration is consistent with every access it made.
 *
 * <p>Parallel workers share one instance: facts are volatile and only ever weakened atomically, and a
 * worker that relies on a fact re-reads it after saying so (see {@link LocationFacts#narrow}), so a
 * contradiction by one worker of what another relied on always restarts the search.
 */
final class Learned {
  /** Per location. */
  static final class LocationFacts {
    private static final VarHandle LOCKSET;

    static {
      try {
        LOCKSET = MethodHandles.lookup().findVarHandle(LocationFacts.class, "lockset", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** Bit mask of mutexes held at every access so far; all ones before the first access. */
    volatile long lockset = -1L;
    /** Some step was reduced on the assumption that this location is protected. */
    volatile boolean reliedOnProtection;
    /**
     * Operations on this location do more in their step than a protected access (they change
     * invariant-visible state, or touch unprotected state with peek/poke): never a mover.
     */
    volatile boolean nonMover;
    /**
     * The one actor that has accessed this location ({@link #NOBODY} before the first access,
     * {@link #SEVERAL} once a second actor did). Accesses to a location only its owner touches
     * never make two actors' steps depend on each other.
     */
    volatile int owner = NOBODY;
    /**
     * Optimal DPOR took an access after a read in the same step as fixed because its owner made it
     * (see {@code Execution#addAccess}): a second actor contradicts that.
     */
    volatile boolean reliedOnOwner;

    static final int NOBODY = -1;
    static final int SEVERAL = -2;

    /** Records an access by {@code actor}; true when it is the first by a second actor. */
    boolean accessedBy(int actor) {
      int o = owner;
      if (o == actor || o == SEVERAL) {
        return false;
      }
      owner = o == NOBODY ? actor : SEVERAL;
      return o != NOBODY;
    }

    /**
     * Narrows the lockset to {@code held} (atomically: parallel workers refine it together); true
     * when it became empty by this call.
     */
    boolean narrow(long held) {
      while (true) {
        long old = lockset;
        long ls = old & held;
        if (ls == old) {
          return false;
        }
        if (LOCKSET.compareAndSet(this, old, ls)) {
          return ls == 0;
        }
      }
    }
  }

  /** Per mutex. */
  static final class MutexFacts {
    final int bit;
    /**
     * Acquire and release cannot move: the mutex is used with trylock (so being held is observable),
     * or their steps also touch unprotected state.
     */
    volatile boolean nonMover;
    /** Some acquire or release was reduced as a mover. */
    volatile boolean reliedOnMoving;

    MutexFacts(int bit) {
      this.bit = bit;
    }

    long mask() {
      return bit < 0 ? 0 : 1L << bit;
    }
  }

  /** Per object id: bit mask of the invariants (by declaration index) that read it. */
  final Map<Integer, Long> visibleTo = new ConcurrentHashMap<>();
  private final Map<Integer, LocationFacts> locations = new ConcurrentHashMap<>();
  private final Map<Integer, MutexFacts> mutexes = new ConcurrentHashMap<>();
  private final AtomicInteger nextMutexBit = new AtomicInteger();
  volatile String restartReason;
  long restarts;

  LocationFacts location(int id) {
    LocationFacts f = locations.get(id);
    return f != null ? f : locations.computeIfAbsent(id, k -> new LocationFacts());
  }

  MutexFacts mutex(int id) {
    MutexFacts f = mutexes.get(id);
    return f != null ? f : mutexes.computeIfAbsent(id, k -> new MutexFacts(nextBit()));
  }

  private int nextBit() {
    int b = nextMutexBit.getAndIncrement();
    return b < 64 ? b : -1;
  }

  /** Asks for a restart; the first reason given wins. */
  synchronized void restart(String reason) {
    if (restartReason == null) {
      restartReason = reason;
    }
  }

  /** Marks invariant {@code bit} as reading object {@code id}; true when that is news. */
  boolean markVisible(int id, long bit) {
    long[] before = new long[1];
    visibleTo.merge(id, bit, (old, b) -> {
      before[0] = old;
      return old | b;
    });
    return (before[0] & bit) == 0;
  }

  /** The facts, for a checkpoint (taken between executions). */
  Checkpoint.LearnedFacts snapshot() {
    java.util.List<Checkpoint.LocationFact> locs = new java.util.ArrayList<>();
    new java.util.TreeMap<>(locations).forEach((id, f) -> locs.add(new Checkpoint.LocationFact(id,
        f.lockset, f.reliedOnProtection, f.nonMover, f.owner, f.reliedOnOwner)));
    java.util.List<Checkpoint.MutexFact> muts = new java.util.ArrayList<>();
    new java.util.TreeMap<>(mutexes).forEach((id, f) -> muts.add(new Checkpoint.MutexFact(id,
        f.bit, f.nonMover, f.reliedOnMoving)));
    return new Checkpoint.LearnedFacts(new java.util.TreeMap<>(visibleTo), locs, muts,
        nextMutexBit.get(), restarts);
  }

  /** Takes the facts of a checkpoint (before the first execution of a resumed exploration). */
  void restore(Checkpoint.LearnedFacts saved) {
    visibleTo.clear();
    visibleTo.putAll(saved.visibleTo());
    locations.clear();
    for (Checkpoint.LocationFact f : saved.locations()) {
      LocationFacts l = new LocationFacts();
      l.lockset = f.lockset();
      l.reliedOnProtection = f.reliedOnProtection();
      l.nonMover = f.nonMover();
      // a checkpoint written before owners were kept: nothing is taken as owned
      l.owner = f.owner() == null ? LocationFacts.SEVERAL : f.owner();
      l.reliedOnOwner = f.reliedOnOwner();
      locations.put(f.id(), l);
    }
    mutexes.clear();
    for (Checkpoint.MutexFact f : saved.mutexes()) {
      MutexFacts m = new MutexFacts(f.bit());
      m.nonMover = f.nonMover();
      m.reliedOnMoving = f.reliedOnMoving();
      mutexes.put(f.id(), m);
    }
    nextMutexBit.set(saved.nextMutexBit());
    restarts = saved.restarts();
  }

  /**
   * Weakens these facts by those another JVM's search ended with ({@code other}, which started
   * from a snapshot of these): mutexes matched by id, not by their bits, which each JVM assigns in
   * the order it meets them. Returns why the search must restart, or null: a fact some decision
   * relied on (here or there) turned out weaker than that decision saw, or an invariant reads an
   * object not known to be visible, as a worker of this JVM would have restarted for it.
   */
  String absorb(Checkpoint.LearnedFacts other) {
    String why = null;
    for (Map.Entry<Integer, Long> e : other.visibleTo().entrySet()) {
      if (markVisible(e.getKey(), e.getValue()) && why == null) {
        why = "an invariant reads object #" + e.getKey();
      }
    }
    long[] bitOf = new long[64]; // the other side's bit -> this side's mask
    for (Checkpoint.MutexFact f : other.mutexes()) {
      MutexFacts mine = mutex(f.id());
      if (f.bit() >= 0 && f.bit() < 64) {
        bitOf[f.bit()] = mine.mask();
      }
      boolean relied = mine.reliedOnMoving || f.reliedOnMoving();
      if (f.nonMover() && !mine.nonMover) {
        mine.nonMover = true;
        if (relied && why == null) {
          why = "mutex #" + f.id() + " is used with trylock";
        }
      } else if (f.reliedOnMoving() && mine.nonMover && !f.nonMover() && why == null) {
        why = "mutex #" + f.id() + " is used with trylock";
      }
      if (f.reliedOnMoving() && !mine.reliedOnMoving) {
        mine.reliedOnMoving = true;
      }
    }
    for (Checkpoint.LocationFact f : other.locations()) {
      LocationFacts mine = location(f.id());
      boolean relied = mine.reliedOnProtection || f.reliedOnProtection();
      if (f.nonMover() && !mine.nonMover) {
        mine.nonMover = true;
        if (why == null) {
          why = "location #" + f.id() + " is not a mover";
        }
      }
      if (f.lockset() != -1L) {
        long mask = 0;
        for (long s = f.lockset(); s != 0; s &= s - 1) {
          mask |= bitOf[Long.numberOfTrailingZeros(s)];
        }
        if (mine.narrow(mask) && relied && why == null) {
          why = "location #" + f.id() + " is accessed without a common lock";
        }
      }
      if (f.reliedOnProtection() && !mine.reliedOnProtection) {
        mine.reliedOnProtection = true;
      }
      if (f.reliedOnProtection() && mine.lockset == 0 && f.lockset() != 0 && why == null) {
        why = "location #" + f.id() + " is accessed without a common lock";
      }
    }
    return why;
  }
}

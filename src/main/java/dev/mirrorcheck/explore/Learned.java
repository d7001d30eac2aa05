package dev.mirrorcheck.explore;

import java.util.HashMap;
import java.util.Map;

/**
 * What an exploration has learnt about the harness's shared objects, keyed by their stable ids. The
 * reductions rely on it: a location accessed only with some common mutex held is a <em>both-mover</em>
 * (its accesses never need their own scheduling point), a mutex never used with trylock has acquires
 * that move right and releases that move left, and objects read by invariants are <em>visible</em>.
 * Each fact starts optimistic; when an execution contradicts a fact that a decision already relied on,
 * the exploration restarts with the corrected fact. Facts only ever weaken, so this converges, and the
 * final exploration is consistent with every access it made.
 */
final class Learned {
  /** Per location. */
  static final class LocationFacts {
    /** Bit mask of mutexes held at every access so far; all ones before the first access. */
    long lockset = -1L;
    /** Some step was reduced on the assumption that this location is protected. */
    boolean reliedOnProtection;
    /**
     * Operations on this location do more in their step than a protected access (they change
     * invariant-visible state, or touch unprotected state with peek/poke): never a mover.
     */
    boolean nonMover;
  }

  /** Per mutex. */
  static final class MutexFacts {
    final int bit;
    /**
     * Acquire and release cannot move: the mutex is used with trylock (so being held is observable),
     * or their steps also touch unprotected state.
     */
    boolean nonMover;
    /** Some acquire or release was reduced as a mover. */
    boolean reliedOnMoving;

    MutexFacts(int bit) {
      this.bit = bit;
    }

    long mask() {
      return bit < 0 ? 0 : 1L << bit;
    }
  }

  /** Per object id: bit mask of the invariants (by declaration index) that read it. */
  final Map<Integer, Long> visibleTo = new HashMap<>();
  private final Map<Integer, LocationFacts> locations = new HashMap<>();
  private final Map<Integer, MutexFacts> mutexes = new HashMap<>();
  private int nextMutexBit;
  String restartReason;
  long restarts;

  LocationFacts location(int id) {
    return locations.computeIfAbsent(id, k -> new LocationFacts());
  }

  MutexFacts mutex(int id) {
    MutexFacts f = mutexes.get(id);
    if (f == null) {
      f = new MutexFacts(nextMutexBit < 64 ? nextMutexBit++ : -1);
      mutexes.put(id, f);
    }
    return f;
  }
}

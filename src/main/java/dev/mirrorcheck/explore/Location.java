package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A memory location and its access history for race detection: the last write and, per actor, its
 * latest read since that write. Histories live in per-execution objects, so each execution starts
 * with empty ones.
 */
class Location extends Target {
  final Learned.LocationFacts facts;
  int lastWrite = -1;
  private int[] readsSinceWrite; // per actor: event index, or -1
  boolean anyReads;

  Location(Execution ex, String name, int id) {
    super(ex, name, id);
    this.facts = ex.locationFacts(id);
  }

  final int[] reads() {
    if (readsSinceWrite == null) {
      readsSinceWrite = new int[Trace.MAX_ACTORS];
      Arrays.fill(readsSinceWrite, -1);
    }
    return readsSinceWrite;
  }

  final void clearReads() {
    if (anyReads) {
      Arrays.fill(readsSinceWrite, -1);
      anyReads = false;
    }
  }

  /** Marks this location as read by an invariant, or records a read inside the current step. */
  final void peeked() {
    ex.peeked(this);
  }

  /** Records a write inside the current step. */
  final void poked() {
    ex.poked(this);
  }
}

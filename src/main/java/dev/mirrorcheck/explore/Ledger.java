package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * What a lease's search (a cluster member's share of a parallel search) did to the split nodes above
 * its root, which the coordinator owns: source-DPOR's additions and wakes, recorded here and applied
 * by the owner when the lease is committed, and the footprint of the lease's first step, which later
 * takers of the root's branches wait for and so is sent at once.
 */
final class Ledger {
  /** Footprints go to the owner as soon as they are known. */
  interface Publisher {
    void publish(int depth, int actor, int[] footprint, boolean opaque);
  }

  /** (depth, initials) per distinct addition, in order. */
  final List<long[]> backtracks = new ArrayList<>();
  private final java.util.Set<java.util.List<Long>> added = new java.util.HashSet<>();
  /** (depth, actor) per wake. */
  final List<int[]> wakes = new ArrayList<>();
  /** The footprints published, also sent with the outcome (a message may arrive after it). */
  final List<Wire.Footprint> published = new ArrayList<>();
  private final Publisher publisher;

  Ledger(Publisher publisher) {
    this.publisher = publisher;
  }

  /** Source-DPOR's addition at the shadow of depth {@code depth}, once per distinct one. */
  void addition(int depth, long initials) {
    if (added.add(List.of((long) depth, initials))) {
      backtracks.add(new long[] {depth, initials});
    }
  }

  void published(int depth, int actor, int[] footprint, boolean opaque) {
    published.add(new Wire.Footprint(null, depth, actor, footprint, opaque));
    publisher.publish(depth, actor, footprint, opaque);
  }
}

package dev.mirrorcheck.ghost;

import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Sync;

/**
 * Ghost identity of one device mirror (a dmirror file or an ODP MR): a small id for per-frame bit masks
 * and the per-page generation of the last completed invalidation callback ({@code lastInvDone[v]}).
 */
public final class GhostMirror {
  private final int id;
  private final String name;
  private final int mm;
  private final IntArray invGen;

  GhostMirror(Sync sync, int id, String name, int mm, int pages) {
    this.id = id;
    this.name = name;
    this.mm = mm;
    this.invGen = sync.newIntArray(name + ".invGen", pages, 0);
  }

  /** Index in per-frame bit masks, 0..30. */
  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The ghost id of the address space this mirror mirrors. */
  public int mm() {
    return mm;
  }

  public int pages() {
    return invGen.length();
  }

  /** Per page: how many invalidation callbacks covering it have returned; read with peek. */
  public IntArray invGen() {
    return invGen;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.ghost;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;

/**
 * Ghost identity of one interval subscription: its pages, the mirror it serves (or {@code null} for a
 * temporary snapshot notifier) and whether its container has been freed (S9).
 */
public final class GhostSub {
  private final String name;
  private final int start;
  private final int end;
  private final GhostMirror mirror;
  private final BoolCell freed;

  GhostSub(Sync sync, String name, int start, int end, GhostMirror mirror) {
    this.name = name;
    this.start = start;
    this.end = end;
    this.mirror = mirror;
    this.freed = sync.newBool(name + ".freed", false);
  }

  public String name() {
    return name;
  }

  /** First page covered. */
  public int start() {
    return start;
  }

  /** One past the last page covered. */
  public int end() {
    return end;
  }

  public GhostMirror mirror() {
    return mirror;
  }

  /** Ghost: the subscription's container was freed (kfree after remove); read with peek. */
  public BoolCell freedCell() {
    return freed;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.notifier;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostClassic;

/** {@code struct mmu_notifier}: a classic subscription on the mm's hlist, covering every address. */
public final class MmuNotifier implements GhostClassic.Owner {
  private final String name;
  private final MmuNotifierOps ops;
  private final GhostClassic ghost;

  /** Set-up only: the ghost identity's cells are allocated here. */
  public MmuNotifier(String name, MmuNotifierOps ops, Ghost ghost) {
    this.name = name;
    this.ops = Preconditions.checkNotNull(ops);
    this.ghost = ghost.newClassic(name);
  }

  public String name() {
    return name;
  }

  public MmuNotifierOps ops() {
    return ops;
  }

  @Override
  public GhostClassic ghost() {
    return ghost;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.ghost;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Sync;

/**
 * Ghost identity of one classic (hlist) {@code mmu_notifier}: whether it is off its mm's hlist and
 * whether the SRCU grace period after that has passed (S9's clause for classic notifiers). Read
 * with peek; callbacks only read them, so two callbacks of one notifier stay independent.
 */
public final class GhostClassic {
  /** A model object that has a classic notifier's ghost identity. */
  public interface Owner {
    GhostClassic ghost();
  }

  private final String name;
  private final BoolCell unlinked;
  private final BoolCell graced;

  GhostClassic(Sync sync, String name) {
    this.name = name;
    this.unlinked = sync.newBool(name + ".unlinked", false);
    this.graced = sync.newBool(name + ".unregistered", false);
  }

  public String name() {
    return name;
  }

  /** Ghost: the removal from the hlist ({@code hlist_del_init_rcu}) has returned. */
  public BoolCell unlinkedCell() {
    return unlinked;
  }

  /** Ghost: {@code mmu_notifier_unregister} or exit's release returned, grace period included. */
  public BoolCell gracedCell() {
    return graced;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.ghost;

import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;

/**
 * Ghost identity of one classic (hlist) {@code mmu_notifier}: whether it is off its mm's hlist,
 * whether the SRCU grace period after that has passed, and how many of its callbacks are running
 * (S9's clause for classic notifiers). Read with peek.
 */
public final class GhostClassic {
  /** A model object that has a classic notifier's ghost identity. */
  public interface Owner {
    GhostClassic ghost();
  }

  private final String name;
  private final BoolCell unlinked;
  private final BoolCell graced;
  private final IntCell running;

  GhostClassic(Sync sync, String name) {
    this.name = name;
    this.unlinked = sync.newBool(name + ".unlinked", false);
    this.graced = sync.newBool(name + ".unregistered", false);
    this.running = sync.newInt(name + ".callbacks_running", 0);
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

  /** Ghost: callbacks of this notifier that have begun and not yet returned. */
  public IntCell runningCell() {
    return running;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.notifier;

import com.google.common.base.Preconditions;

/**
 * {@code struct mmu_notifier_range}: pages {@code [start, end)} of one mm, the event, the migration
 * owner ({@code -1} for none) and whether callbacks may sleep. Immutable.
 */
public final class NotifierRange {
  /** No owner: every subscription must invalidate. */
  public static final int NO_OWNER = -1;

  private final int start;
  private final int end;
  private final NotifierEvent event;
  private final int owner;
  private final boolean blockable;

  private NotifierRange(int start, int end, NotifierEvent event, int owner, boolean blockable) {
    Preconditions.checkArgument(0 <= start && start < end, "bad range [%s, %s)", start, end);
    this.start = start;
    this.end = end;
    this.event = Preconditions.checkNotNull(event);
    this.owner = owner;
    this.blockable = blockable;
  }

  /** {@code mmu_notifier_range_init}: a blockable range without owner. */
  public static NotifierRange of(int start, int end, NotifierEvent event) {
    return new NotifierRange(start, end, event, NO_OWNER, true);
  }

  /** {@code mmu_notifier_range_init_owner}: a migration range tagged with a device owner. */
  public static NotifierRange owned(int start, int end, NotifierEvent event, int owner) {
    return new NotifierRange(start, end, event, owner, true);
  }

  /** The same range, non-blockable (the OOM reaper's {@code _nonblock} start). */
  public NotifierRange nonBlocking() {
    return new NotifierRange(start, end, event, owner, false);
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public NotifierEvent event() {
    return event;
  }

  public int owner() {
    return owner;
  }

  /** {@code mmu_notifier_range_blockable}. */
  public boolean blockable() {
    return blockable;
  }

  public boolean overlaps(int s, int e) {
    return s < end && start < e;
  }

  @Override
  public String toString() {
    return event + "[" + start + "," + end + ")" + (owner >= 0 ? " owner=" + owner : "")
        + (blockable ? "" : " nonblock");
  }
}

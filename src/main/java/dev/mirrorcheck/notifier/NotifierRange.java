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
  private final int newProt;

  private NotifierRange(int start, int end, NotifierEvent event, int owner, boolean blockable,
      int newProt) {
    Preconditions.checkArgument(0 <= start && start < end, "bad range [%s, %s)", start, end);
    this.start = start;
    this.end = end;
    this.event = Preconditions.checkNotNull(event);
    this.owner = owner;
    this.blockable = blockable;
    this.newProt = newProt;
  }

  /** {@code mmu_notifier_range_init}: a blockable range without owner. */
  public static NotifierRange of(int start, int end, NotifierEvent event) {
    return new NotifierRange(start, end, event, NO_OWNER, true, -1);
  }

  /** {@code mmu_notifier_range_init_owner}: a migration range tagged with a device owner. */
  public static NotifierRange owned(int start, int end, NotifierEvent event, int owner) {
    return new NotifierRange(start, end, event, owner, true, -1);
  }

  /** The same range, non-blockable (the OOM reaper's {@code _nonblock} start). */
  public NotifierRange nonBlocking() {
    return new NotifierRange(start, end, event, owner, false, newProt);
  }

  /**
   * The same range carrying mprotect's new VMA protection, which the 2015 HMM reads back with
   * {@code find_vma} in {@code hmm_mmu_mprot_to_etype} (the VMA flags change before the PTEs).
   */
  public NotifierRange withNewProt(boolean read, boolean write) {
    return new NotifierRange(start, end, event, owner, blockable, (read ? 1 : 0) | (write ? 2 : 0));
  }

  /** Whether mprotect's new protection is known ({@link #withNewProt}). */
  public boolean hasNewProt() {
    return newProt >= 0;
  }

  /** {@code VM_READ} of the new protection; only when {@link #hasNewProt}. */
  public boolean newProtRead() {
    Preconditions.checkState(hasNewProt(), "no new protection on %s", this);
    return (newProt & 1) != 0;
  }

  /** {@code VM_WRITE} of the new protection; only when {@link #hasNewProt}. */
  public boolean newProtWrite() {
    Preconditions.checkState(hasNewProt(), "no new protection on %s", this);
    return (newProt & 2) != 0;
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

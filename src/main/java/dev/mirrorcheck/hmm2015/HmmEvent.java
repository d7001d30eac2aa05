package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;

/**
 * {@code struct hmm_event} (HMM v9 07/15): pages {@code [start, end)} and the event type, whose
 * {@code pte_mask} {@link HmmEtype#pteMask} gives. A device fault's event is registered in {@code
 * hmm->device_faults} (08/15), where its {@code backoff} flag lives. Drivers extend it for their
 * fault state ({@code container_of(event, struct mlx5_hmm_pfault, event)}).
 */
public class HmmEvent {
  private final int start;
  private int end;
  private final HmmEtype etype;
  private int slot = -1;

  /** {@code hmm_event_init} (07/15). */
  public HmmEvent(int start, int end, HmmEtype etype) {
    Preconditions.checkArgument(0 <= start && start < end, "bad event [%s, %s)", start, end);
    this.start = start;
    this.end = end;
    this.etype = Preconditions.checkNotNull(etype);
  }

  public final int start() {
    return start;
  }

  public final int end() {
    return end;
  }

  public final HmmEtype etype() {
    return etype;
  }

  /** {@code event->end = min(event->end, vma->vm_end)} in {@code hmm_mirror_fault} (08/15). */
  final void clipEnd(int vmEnd) {
    end = Math.min(end, vmEnd);
  }

  /** The backoff slot of this event while it is registered as a device fault, else -1. */
  final int slot() {
    return slot;
  }

  /** Set by the faulting thread when it registers or unregisters the event. */
  final void setSlot(int s) {
    slot = s;
  }

  /** {@code hmm_event_overlap} (08/15). */
  public final boolean overlaps(int s, int e) {
    return s < end && start < e;
  }

  @Override
  public String toString() {
    return etype + "[" + start + "," + end + ")";
  }
}

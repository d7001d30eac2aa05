package dev.mirrorcheck.hmm2015;

/**
 * An entry of {@code hmm->device_faults} (HMM v9 08/15): a registered device fault's event, its
 * mirror and the slot of {@link Hmm#backoffSlots()} that holds its {@code event->backoff} (a
 * per-event field in the kernel, written only by invalidations and read by the fault). Immutable.
 */
public final class DeviceFault {
  private final HmmMirror mirror;
  private final HmmEvent event;
  private final int slot;

  DeviceFault(HmmMirror mirror, HmmEvent event, int slot) {
    this.mirror = mirror;
    this.event = event;
    this.slot = slot;
  }

  public HmmMirror mirror() {
    return mirror;
  }

  public HmmEvent event() {
    return event;
  }

  /** Index of this fault's {@code backoff} flag in {@link Hmm#backoffSlots()}. */
  public int slot() {
    return slot;
  }

  @Override
  public String toString() {
    return event + "#" + slot;
  }
}

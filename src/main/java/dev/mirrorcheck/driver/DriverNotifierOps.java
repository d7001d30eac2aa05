package dev.mirrorcheck.driver;

import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.IntervalOps;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * The {@code mmu_interval_notifier_ops} of a mirror run by a {@link MirrorDriver}: calls the
 * driver's callback and records for the properties when a completed one returned, so the driver
 * reports nothing itself. mirrorcheck's side of the API; drivers never use it.
 */
public final class DriverNotifierOps implements IntervalOps {
  private final MirrorDriver driver;
  private final Ghost ghost;
  private final DeviceMmu mmu;
  private final int deviceId;

  /**
   * Ops calling {@code driver} for the mirror whose translations {@code mmu} holds, on device
   * {@code deviceId} ({@link HmmRange#NO_OWNER} without device-private memory).
   */
  public DriverNotifierOps(MirrorDriver driver, Ghost ghost, DeviceMmu mmu, int deviceId) {
    this.driver = driver;
    this.ghost = ghost;
    this.mmu = mmu;
    this.deviceId = deviceId;
  }

  /** {@code ops->invalidate}: the driver's callback; a completed one is recorded. */
  @Override
  public boolean invalidate(IntervalNotifier sub, NotifierRange range, long cur) {
    boolean done = driver.invalidate(range, cur);
    // the device's own migration updates its translations itself (the owner filter)
    boolean own = deviceId != HmmRange.NO_OWNER && range.owner() == deviceId
        && range.event() == NotifierEvent.MIGRATE;
    if (done && !own) {
      ghost.callbackReturned(mmu.ghost(), Math.max(range.start(), sub.start()),
          Math.min(range.end(), sub.end()));
    }
    return done;
  }

  @Override
  public void invalidateRangeEnd(IntervalNotifier sub, NotifierRange range) {
    driver.invalidateRangeEnd(range);
  }
}

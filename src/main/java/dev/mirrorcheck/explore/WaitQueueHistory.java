package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A wait queue's access history, for races. Registering a sleeper and waking the queue do not
 * commute (the sleeper is woken or not). Two registrations commute. Two wake-ups commute when neither
 * wakes anybody; when the first wakes a sleeper, the second could have woken it instead, and the
 * sleeper's next step (which happens after the wake-up that woke it) would then depend on the other
 * one, so they conflict.
 *
 * <ul>
 *   <li>a registration races with and joins <em>every</em> wake-up that does not happen before it (the
 *       latest of each actor), not only the most recent one;
 *   <li>a wake-up races with and joins every registration that does not happen before it (the latest
 *       of each actor), and the wake-up that woke each sleeper's latest sleep.
 * </ul>
 */
final class WaitQueueHistory {
  private final RaceTracker races;
  private final int[] wakes = newEvents();
  private final int[] registrations = newEvents();
  /** Per actor: the wake-up that ended its latest sleep. */
  private final int[] wokenBy = newEvents();

  WaitQueueHistory(RaceTracker races) {
    this.races = races;
  }

  private static int[] newEvents() {
    int[] a = new int[Trace.MAX_ACTORS];
    Arrays.fill(a, -1);
    return a;
  }

  void registered(XActor t) {
    races.raceAndJoinAll(t, wakes, -1);
    registrations[t.id] = races.event();
  }

  /** A wake-up by {@code t} that woke the actors in {@code woken} (a bit mask). */
  void woke(XActor t, long woken) {
    races.raceAndJoinAll(t, registrations, wokenBy, -1);
    int e = races.event();
    wakes[t.id] = e;
    for (long m = woken; m != 0; m &= m - 1) {
      wokenBy[Long.numberOfTrailingZeros(m)] = e;
    }
  }
}

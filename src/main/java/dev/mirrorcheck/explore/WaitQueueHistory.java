package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A wait queue's access history, for races. Registering a sleeper and waking the queue do not
 * commute (the sleeper is woken or not); two registrations commute, and so do two wake-ups (either
 * order wakes the same sleepers). Wake-ups by different actors are therefore unordered, and so are
 * registrations:
 *
 * <ul>
 *   <li>a registration races with and joins <em>every</em> wake-up that does not happen before it (the
 *       latest of each actor), not only the most recent one;
 *   <li>a wake-up races with and joins every registration that does not happen before it (the latest
 *       of each actor), including registrations another wake-up already woke.
 * </ul>
 *
 * A woken sleeper's next step joins the wake-up that woke it (which enabled it).
 */
final class WaitQueueHistory {
  private final RaceTracker races;
  private final int[] wakes = new int[Trace.MAX_ACTORS];
  private final int[] registrations = new int[Trace.MAX_ACTORS];

  WaitQueueHistory(RaceTracker races) {
    this.races = races;
    Arrays.fill(wakes, -1);
    Arrays.fill(registrations, -1);
  }

  void registered(XActor t) {
    races.raceAndJoinAll(t, wakes, -1);
    registrations[t.id] = races.event();
  }

  void woke(XActor t) {
    races.raceAndJoinAll(t, registrations, -1);
    wakes[t.id] = races.event();
  }
}

package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A mutex's access history, for races. Sections held across scheduling points are an acquisition and
 * a release; a section that begins and ends inside one step needs the mutex free and leaves it free,
 * so such sections commute with one another and conflict only with held-across sections.
 *
 * <ul>
 *   <li>An acquisition races with the previous held-across acquisition (it could have run before it)
 *       and joins that section's release (which enabled it); a held-across acquisition also races with
 *       the in-step sections since the previous one.
 *   <li>A successful trylock also races with the last release: before it, the attempt would have
 *       failed.
 *   <li>A failed trylock conflicts as an acquisition would, whatever its outcome, so that the
 *       dependency relation does not depend on the state it met: it races with and joins the
 *       holder's acquisition and the failed trylocks since, and the holder's release races with it
 *       (after the release it would have succeeded).
 * </ul>
 */
final class MutexHistory {
  private final RaceTracker races;
  private int lastAcquire = -1; // last acquisition held across steps
  private int lastRelease = -1;
  private final int[] localsSinceAcquire = new int[Trace.MAX_ACTORS];
  private boolean anyLocals;
  private final int[] failedTries = new int[Trace.MAX_ACTORS];
  private boolean anyFailedTries;

  MutexHistory(RaceTracker races) {
    this.races = races;
    Arrays.fill(localsSinceAcquire, -1);
    Arrays.fill(failedTries, -1);
  }

  /** An acquisition by {@code t}; {@code attempt}: a trylock, which could also have failed. */
  void acquired(XActor t, boolean attempt) {
    if (attempt) {
      races.race(t, lastRelease);
    }
    races.race(t, lastAcquire);
    races.join(t, lastRelease);
  }

  /** The section acquired in event {@code e} is held past the end of its step. */
  void heldAcross(XActor t, int e) {
    if (anyLocals) {
      races.raceAndJoinAll(t, localsSinceAcquire, -1);
      Arrays.fill(localsSinceAcquire, -1);
      anyLocals = false;
    }
    lastAcquire = e;
    clearFailedTries();
  }

  /** A section that began and ended in the running step. */
  void localSection(XActor t) {
    localsSinceAcquire[t.id] = races.event();
    anyLocals = true;
  }

  /** The release of a held-across section. */
  void released(XActor t) {
    if (anyFailedTries) {
      races.raceAndJoinAll(t, failedTries, -1);
      clearFailedTries();
    }
    lastRelease = races.event();
  }

  /** A trylock that found the mutex held. */
  void failedTry(XActor t) {
    races.raceAndJoinAll(t, failedTries, lastAcquire);
    failedTries[t.id] = races.event();
    anyFailedTries = true;
  }

  private void clearFailedTries() {
    if (anyFailedTries) {
      Arrays.fill(failedTries, -1);
      anyFailedTries = false;
    }
  }

  /** The acquisition that a blocked acquire waits behind (the holder's, held across steps). */
  int blockingAcquisition() {
    return lastAcquire;
  }
}

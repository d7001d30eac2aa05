package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A read-write semaphore's access history, for races. A read acquisition needs no writer (and, when
 * writers are preferred, no announced writer); a write acquisition needs the semaphore free; a
 * release enables them. Acquisitions by readers commute with one another, as do their releases.
 *
 * <p>Every pair of accesses that {@link Access#conflict} calls dependent is ordered here, in
 * whichever order it ran, and no access's kind depends on the state it meets except through its
 * outcome (a trylock's). So sleep sets and races agree, and the completed executions do not depend
 * on the order of exploration. A trylock conflicts as the acquisition it tries would, whatever its
 * outcome: a {@code down_read_trylock} as a read acquisition, a {@code down_write_trylock} with
 * everything. With writers preferred, a writer's {@code down_write} is two steps: it announces
 * itself (readers wait from then on), then takes the semaphore once it is free. The announcement
 * changes only whether a read can start, so it conflicts with read attempts and commutes with
 * releases, write acquisitions and other announcements.
 *
 * <ul>
 *   <li>A read acquisition races with the last writer's entry (its announcement with writers
 *       preferred, else its acquisition) and joins the last write release. A successful
 *       {@code down_read_trylock} also races with that release (before it, it fails). Both also
 *       race with the failed write attempts since the last write acquisition, also those before a
 *       release that left the semaphore free.
 *   <li>A write acquisition races with the previous write acquisition and with the acquisition that
 *       <em>opened</em> each reader's hold since then, and joins every read acquisition and release since
 *       and the last write release. A nested read acquisition cannot be separated from the hold it nests
 *       in by a writer (the writer needs the semaphore free), so the race is with the hold's first
 *       acquisition, whether that was {@code down_read} or a trylock. A successful
 *       {@code down_write_trylock} also races with the releases before it. It also races with the
 *       failed read attempts that do not happen before it (those that met an announced writer).
 *   <li>A writer's announcement races with and joins each other actor's latest read acquisition
 *       and failed read attempt, nested ones included (a nested read after it would block), also
 *       those before earlier write acquisitions and releases: it commutes with those, so it is not
 *       ordered after what they joined.
 *   <li>A failed {@code down_write_trylock} races with the latest access of every other actor since
 *       the last write acquisition (read acquisitions, nested ones included, releases, failed
 *       attempts), or the holding writer's acquisition.
 *   <li>A failed {@code down_read_trylock} races with the holding writer's acquisition, or the
 *       announcements of the waiting writers that made it fail, with the failed write attempts
 *       since, and with the last write release. A write release races with every failed attempt
 *       since; a read release with the failed write attempts (read attempts do not depend on
 *       readers).
 * </ul>
 */
final class RwSemHistory {
  private final RaceTracker races;
  private final boolean writerBlocksReaders;
  private final int[] readCount;

  private int lastWriteAcquire = -1;
  private int lastWriteEntry = -1; // the last writer's announcement, or its acquisition
  private int lastWriteRelease = -1;
  /** Per actor, since the last write acquisition: its latest read acquisition. */
  private final int[] readAcquires = newEvents();
  /** Per actor, since the last write acquisition: the acquisition that opened its latest hold. */
  private final int[] holdsOpened = newEvents();
  private final int[] readReleases = newEvents();
  /** Per actor: failed {@code down_read_trylock} while it was held. */
  private final int[] readFailures = newEvents();
  /** Per actor: failed {@code down_write_trylock} while it was held. */
  private final int[] writeFailures = newEvents();
  /**
   * Per actor, never cleared: its latest read acquisition and failed read attempt. An announcement
   * is not ordered after the write acquisitions and releases before it (it commutes with them), so
   * an attempt before those can still race with it.
   */
  private final int[] everReadAcquired = newEvents();
  private final int[] everReadFailed = newEvents();
  /** Per actor: its announcement as a writer, until it takes the semaphore. */
  private final int[] announcedAt = newEvents();
  private final int[] holders = newEvents();

  /** {@code readCount}: the semaphore's live per-actor read counts. */
  RwSemHistory(RaceTracker races, boolean writerBlocksReaders, int[] readCount) {
    this.races = races;
    this.writerBlocksReaders = writerBlocksReaders;
    this.readCount = readCount;
  }

  private static int[] newEvents() {
    int[] a = new int[Trace.MAX_ACTORS];
    Arrays.fill(a, -1);
    return a;
  }

  private int writerEntry() {
    return writerBlocksReaders ? lastWriteEntry : lastWriteAcquire;
  }

  /** A read acquisition; {@code attempt}: a trylock; {@code opensHold}: {@code t} held no read. */
  void readAcquired(XActor t, boolean attempt, boolean opensHold) {
    if (attempt) {
      races.race(t, lastWriteRelease);
    }
    races.race(t, writerEntry());
    races.join(t, lastWriteRelease);
    races.raceAndJoinAll(t, -1, writeFailures, announcedAt);
    int e = races.event();
    readAcquires[t.id] = e;
    everReadAcquired[t.id] = e;
    if (opensHold) {
      holdsOpened[t.id] = e;
    }
  }

  /** A read release. */
  void readReleased(XActor t) {
    races.raceAndJoinAll(t, writeFailures, -1);
    readReleases[t.id] = races.event();
  }

  /**
   * A write acquisition; {@code attempt}: a trylock or a writer-preferring down_write that found it
   * free; {@code announcement}: the step in which the writer announced itself, or -1.
   */
  void writeAcquired(XActor t, boolean attempt, int announcement) {
    if (attempt) {
      races.race(t, lastWriteRelease);
      for (int r : readReleases) {
        races.race(t, r);
      }
    }
    races.raceAndJoinAll(t, holdsOpened, lastWriteAcquire);
    races.joinAll(t, readAcquires);
    races.join(t, lastWriteRelease);
    races.joinAll(t, readReleases);
    races.raceAndJoinAll(t, readFailures, -1); // attempts that met an announced writer
    int e = races.event();
    lastWriteAcquire = e;
    lastWriteEntry = announcement >= 0 ? announcement : e;
    Arrays.fill(readAcquires, -1);
    Arrays.fill(holdsOpened, -1);
    Arrays.fill(readReleases, -1);
    announcedAt[t.id] = -1;
    // each failed attempt is ordered before this acquisition through a release that joined it
    Arrays.fill(writeFailures, -1);
  }

  /** The write release. */
  void writeReleased(XActor t) {
    races.raceAndJoinAll(t, readFailures, writeFailures, -1);
    lastWriteRelease = races.event();
    Arrays.fill(readFailures, -1);
    Arrays.fill(writeFailures, -1);
  }

  /**
   * A writer announces itself (writers preferred): it races with and joins each other actor's
   * latest read acquisition, nested ones included (a nested read after it would block), and its
   * latest failed read attempt (after it, a read attempt fails), however long ago.
   */
  void announced(XActor t) {
    races.raceAndJoinAll(t, -1, everReadAcquired, everReadFailed);
    announcedAt[t.id] = races.event();
  }

  /** A failed {@code down_read_trylock}: a writer holds it, or writers announced themselves. */
  void failedRead(XActor t, boolean writerHolds) {
    races.raceAndJoinAll(t, writerHolds ? lastWriteAcquire : -1, writeFailures, announcedAt);
    races.raceAndJoin(t, lastWriteRelease); // before that release, the writer held it
    readFailures[t.id] = races.event();
    everReadFailed[t.id] = readFailures[t.id];
  }

  /** A failed {@code down_write_trylock}: a writer or readers hold it. */
  void failedWrite(XActor t, boolean writerHolds) {
    // it conflicts with every access: the newest of each other actor since the write acquisition
    races.raceAndJoinAll(t, writerHolds ? lastWriteAcquire : -1, readAcquires, readReleases,
        readFailures, writeFailures);
    writeFailures[t.id] = races.event();
  }



  /** Per reader other than {@code a} still holding: the acquisition that opened its hold. */
  private int[] currentHolds(XActor a) {
    for (int i = 0; i < holders.length; i++) {
      holders[i] = readCount[i] > 0 && i != a.id ? holdsOpened[i] : -1;
    }
    return holders;
  }

  /**
   * The events a blocked acquisition by {@code a} waits behind: for a reader the holding writer's entry
   * or the announcements of the waiting writers; for a writer the holding writer's acquisition or the
   * acquisitions that opened the readers' holds.
   */
  int[] blockingEvents(XActor a, boolean reader, boolean writerHolds) {
    if (writerHolds) {
      Arrays.fill(holders, -1);
      holders[0] = reader ? writerEntry() : lastWriteAcquire;
      return holders;
    }
    if (reader) {
      for (int i = 0; i < holders.length; i++) {
        holders[i] = i != a.id ? announcedAt[i] : -1;
      }
      return holders;
    }
    return currentHolds(a);
  }
}

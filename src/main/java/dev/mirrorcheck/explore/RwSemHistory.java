package dev.mirrorcheck.explore;

import java.util.Arrays;

/**
 * A read-write semaphore's access history, for races. A read acquisition needs no writer (and, when
 * writers are preferred, no queued writer); a write acquisition needs the semaphore free; a release
 * enables them. Acquisitions by readers commute with one another, as do their releases.
 *
 * <p>A trylock conflicts as the acquisition it tries would, whatever its outcome: a
 * {@code down_read_trylock} as a read acquisition, a {@code down_write_trylock} with everything.
 * So for try-acquires the dependency relation does not depend on the state an attempt meets, and
 * every pair it calls dependent is ordered here, in whichever order it ran: sleep sets and the
 * races agree, and the completed executions do not depend on the order of exploration. (A writer
 * queueing behind holders still depends on the read releases only when they come after it: ordering
 * it after earlier ones too cost a quarter more executions on some munmap specs, and far more on
 * the largest.)
 *
 * <ul>
 *   <li>A read acquisition races with the last writer's entry (its queueing step when it queued behind
 *       holders with writers preferred, else its acquisition) and joins the last write release. A
 *       successful {@code down_read_trylock} also races with that release (before it, it fails).
 *       Both also race with the failed write attempts since the last write acquisition, also those
 *       before a release that left the semaphore free: a failed {@code down_write_trylock}
 *       conflicts with every access, and a pair left unordered here is one the sleep sets still
 *       call dependent, so which of its orders completed depended on the order of exploration.
 *   <li>A write acquisition races with the previous write acquisition and with the acquisition that
 *       <em>opened</em> each reader's hold since then, and joins every read acquisition and release since
 *       and the last write release. A nested read acquisition cannot be separated from the hold it nests
 *       in by a writer (the writer needs the semaphore free), so the race is with the hold's first
 *       acquisition, whether that was {@code down_read} or a trylock. A successful
 *       {@code down_write_trylock} (and a writer-preferring {@code down_write} that found it free)
 *       also races with the releases before it. It also races with the failed read attempts that
 *       do not happen before it (those that met a queued writer).
 *   <li>A writer queueing behind holders (writers preferred) races with and joins every read
 *       acquisition since the last write acquisition, nested ones included (a nested read after the
 *       queueing would block), or the holding writer's acquisition.
 *   <li>A failed {@code down_write_trylock} races with the latest access of every other actor since
 *       the last write acquisition (read acquisitions, nested ones included, releases, failed
 *       attempts), or the holding writer's acquisition.
 *   <li>A failed {@code down_read_trylock} races with the holding writer's acquisition, or the
 *       queueing steps of the queued writers that made it fail, and with the failed write attempts
 *       since. A write release races with every failed attempt since; a read release with the failed
 *       write attempts and queueings (read attempts do not depend on readers).
 * </ul>
 */
final class RwSemHistory {
  private final RaceTracker races;
  private final boolean writerBlocksReaders;
  private final int[] readCount;

  private int lastWriteAcquire = -1;
  private int lastWriteEntry = -1; // the queueing step of the last writer, or its acquisition
  private int lastWriteRelease = -1;
  /** Per actor, since the last write acquisition: its latest read acquisition. */
  private final int[] readAcquires = newEvents();
  /** Per actor, since the last write acquisition: the acquisition that opened its latest hold. */
  private final int[] holdsOpened = newEvents();
  private final int[] readReleases = newEvents();
  /** Per actor: failed {@code down_read_trylock} while it was held. */
  private final int[] readFailures = newEvents();
  /** Per actor: failed {@code down_write_trylock} or queueing while it was held. */
  private final int[] writeFailures = newEvents();
  private final int[] queuedAt = newEvents();
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
    races.raceAndJoinAll(t, writeFailures, -1);
    int e = races.event();
    readAcquires[t.id] = e;
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
   * free; {@code queuedEvent}: the step in which the writer queued, or -1.
   */
  void writeAcquired(XActor t, boolean attempt, int queuedEvent) {
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
    races.raceAndJoinAll(t, readFailures, -1); // attempts that met a queued writer
    int e = races.event();
    lastWriteAcquire = e;
    lastWriteEntry = queuedEvent >= 0 ? queuedEvent : e;
    Arrays.fill(readAcquires, -1);
    Arrays.fill(holdsOpened, -1);
    Arrays.fill(readReleases, -1);
    queuedAt[t.id] = -1;
    clearWriteFailures(); // each is ordered before this acquisition through a release that joined it
  }

  /** The write release. */
  void writeReleased(XActor t) {
    races.raceAndJoinAll(t, readFailures, writeFailures, -1);
    lastWriteRelease = races.event();
    Arrays.fill(readFailures, -1);
    clearWriteFailures();
  }

  /** A writer that found it held queues (writers preferred). */
  void queued(XActor t, boolean writerHolds) {
    if (writerHolds) {
      races.raceAndJoin(t, lastWriteAcquire);
    } else {
      races.raceAndJoinAll(t, readAcquires, -1);
    }
    int e = races.event();
    writeFailures[t.id] = e;
    queuedAt[t.id] = e;
  }

  /** A failed {@code down_read_trylock}: a writer holds it, or writers are queued. */
  void failedRead(XActor t, boolean writerHolds) {
    // queuedAt is part of writeFailures
    races.raceAndJoinAll(t, writeFailures, writerHolds ? lastWriteAcquire : -1);
    readFailures[t.id] = races.event();
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

  private void clearWriteFailures() {
    for (int i = 0; i < writeFailures.length; i++) {
      if (queuedAt[i] < 0) {
        writeFailures[i] = -1; // a queued writer's queueing stays relevant until it acquires
      }
    }
  }

  /**
   * The events a blocked acquisition by {@code a} waits behind: for a reader the holding writer's entry
   * or the queued writers' queueing steps; for a writer the holding writer's acquisition or the
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
        holders[i] = i != a.id ? queuedAt[i] : -1;
      }
      return holders;
    }
    return currentHolds(a);
  }
}

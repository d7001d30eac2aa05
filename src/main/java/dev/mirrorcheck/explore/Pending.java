package dev.mirrorcheck.explore;

/** What an actor parked at a scheduling point will do when it runs next. */
final class Pending {
  private Pending() {}

  static final int NONE = 0;
  static final int READ = 1;
  static final int WRITE = 2;
  static final int LOCK = 3;
  static final int TRYLOCK = 4;
  static final int UNLOCK = 5;
  static final int RW_READ = 6;
  static final int RW_WRITE = 7; // down_write: the acquisition, or a writer's announcement
  static final int RW_WRITE_QUEUED = 8; // an announced writer taking the semaphore
  static final int RW_TRY = 9;
  static final int RW_UP = 10;
  static final int WAIT = 11; // wait_event check (or re-check once woken)
  static final int SLEEP = 12; // queue and sleep without a check
  static final int RESUME = 13; // return from an unconditional sleep once woken
  static final int WAKE = 14;
  static final int JOIN = 15;
  static final int SPAWN = 16;
  static final int ATOMIC = 17;

  /** The strongest access a pending operation may make to its target (for a blocked one's races). */
  static int accessKind(int pending) {
    switch (pending) {
      case READ:
        return Access.READ;
      case WRITE:
        return Access.WRITE;
      case LOCK:
      case TRYLOCK:
        return Access.LOCK;
      case UNLOCK:
        return Access.UNLOCK;
      case RW_READ:
        return Access.RW_READ;
      case RW_WRITE:
      case RW_WRITE_QUEUED:
      case RW_TRY:
        return Access.RW_WRITE;
      case RW_UP:
        return Access.RW_UP_WRITE;
      case WAIT:
      case SLEEP:
        return Access.WQ_REGISTER;
      case WAKE:
        return Access.WQ_WAKE;
      default:
        return -1;
    }
  }
}

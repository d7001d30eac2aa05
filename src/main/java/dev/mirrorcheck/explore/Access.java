package dev.mirrorcheck.explore;

/**
 * Kinds of accesses a step makes to a shared object, and which pairs conflict. Conflicting accesses by
 * different actors do not commute, so the explorer must try both orders.
 */
final class Access {
  private Access() {}

  // Memory locations.
  static final int READ = 0;
  static final int WRITE = 1; // also read-modify-write
  // Mutex.
  static final int LOCK = 2; // acquire, or trylock that succeeded
  /** A failed trylock: it conflicts as an acquisition does (the outcome is not part of the relation). */
  static final int TRY_FAIL = 3;
  static final int UNLOCK = 4;
  // Read-write semaphore.
  static final int RW_READ = 5; // down_read and successful trylock
  static final int RW_WRITE = 6; // down_write and successful trylock
  static final int RW_FAIL = 7; // failed down_write_trylock
  static final int RW_UP_READ = 8;
  static final int RW_UP_WRITE = 9;
  // Wait queue.
  static final int WQ_REGISTER = 10;
  static final int WQ_WAKE = 11;
  // A whole critical section inside one step: it needs the mutex free and leaves it free.
  static final int LOCK_LOCAL = 12;
  /** A failed down_read_trylock: it conflicts as a read acquisition does, but changes nothing. */
  static final int RW_READ_FAIL = 13;
  /**
   * A writer announcing itself (writers preferred): from then on readers wait. It changes nothing
   * else, so it conflicts only with read attempts.
   */
  static final int RW_ANNOUNCE = 14;

  static final String[] NAMES = {
    "read", "write", "lock", "trylock-fail", "unlock", "down_read", "down_write", "rwsem-fail",
    "up_read", "up_write", "wait", "wake", "critical-section", "down_read_trylock-fail",
    "down_write-announce"
  };

  /** Whether {@code a} and {@code b} on the same object by different actors may not commute. */
  static boolean conflict(int a, int b) {
    return CONFLICTS[a * NAMES.length + b]; // looked up on every sleep-set and race test
  }

  private static boolean computeConflict(int a, int b) {
    if (a <= WRITE) {
      return a == WRITE || b == WRITE;
    }
    if (a == LOCK_LOCAL || b == LOCK_LOCAL) {
      return a != b; // sections that begin and end inside one step commute with each other
    }
    if (a <= UNLOCK) {
      return true; // a trylock conflicts whatever its outcome: the relation must not depend on it
    }
    if (group(a) == 2) {
      if (a == RW_ANNOUNCE || b == RW_ANNOUNCE) {
        return readAttempt(a) || readAttempt(b); // readability is all an announcement changes
      }
      return !(sharedRead(a) && sharedRead(b));
    }
    return a != b; // register/wake
  }

  private static final boolean[] CONFLICTS = new boolean[NAMES.length * NAMES.length];
  private static final boolean[][] COVERS = new boolean[NAMES.length][NAMES.length];

  static {
    for (int a = 0; a < NAMES.length; a++) {
      for (int b = 0; b < NAMES.length; b++) {
        CONFLICTS[a * NAMES.length + b] = computeConflict(a, b);
      }
    }
    for (int strong = 0; strong < NAMES.length; strong++) {
      for (int weak = 0; weak < NAMES.length; weak++) {
        boolean covers = sameObjectKind(strong, weak);
        for (int x = 0; x < NAMES.length && covers; x++) {
          if (sameObjectKind(weak, x) && conflict(weak, x) && !conflict(strong, x)) {
            covers = false;
          }
        }
        COVERS[strong][weak] = covers;
      }
    }
  }

  /** Memory accesses, mutex accesses, semaphore accesses and wait-queue accesses are of four kinds. */
  private static boolean sameObjectKind(int a, int b) {
    return group(a) == group(b);
  }

  private static int group(int kind) {
    if (kind <= WRITE) {
      return 0;
    }
    if (kind <= UNLOCK || kind == LOCK_LOCAL) {
      return 1;
    }
    return kind <= RW_UP_WRITE || kind == RW_READ_FAIL || kind == RW_ANNOUNCE ? 2 : 3;
  }

  /** Semaphore accesses that commute with one another: read acquisitions (tried or not), releases. */
  private static boolean sharedRead(int kind) {
    return kind == RW_READ || kind == RW_UP_READ || kind == RW_READ_FAIL;
  }

  /** Read acquisitions and failed read attempts: what depends on whether writers announced. */
  private static boolean readAttempt(int kind) {
    return kind == RW_READ || kind == RW_READ_FAIL;
  }

  /** Whether an access of kind {@code strong} conflicts with everything {@code weak} conflicts with. */
  static boolean covers(int strong, int weak) {
    return COVERS[strong][weak];
  }

  /** Whether an access of this kind changes the object's state (for invariant visibility). */
  static boolean changesState(int kind) {
    return kind != READ && kind != TRY_FAIL && kind != RW_FAIL && kind != LOCK_LOCAL
        && kind != RW_READ_FAIL;
  }
}

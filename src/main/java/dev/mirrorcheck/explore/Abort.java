package dev.mirrorcheck.explore;

/**
 * Unwinds an actor whose execution has ended (pruned, failed or finished elsewhere). Preallocated and
 * stackless: it is thrown once per parked actor per execution.
 */
final class Abort extends Error {
  private static final long serialVersionUID = 1L;

  static final Abort INSTANCE = new Abort();

  private Abort() {
    super("execution aborted", null, false, false);
  }
}

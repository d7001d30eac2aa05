package dev.mirrorcheck.explore;

/**
 * Workers in other JVMs that take part in a parallel search: a cluster of machines. The explorer
 * only sees them through a {@link Board}; moving leases and their outcomes between machines (as
 * text) is the implementation's business, so the explorer depends on no cluster engine.
 */
public interface RemoteWorkers {
  /**
   * A round of the search starts (the first, or one after a restart with corrected facts): serve
   * its leases to the remote workers, from threads of your own, each a {@link Board.Slot}. Returns
   * at once.
   */
  void serve(Board board);

  /**
   * The round ended (every local worker stopped): make the remote workers stop what they still
   * run for it, and return once every slot thread has left the board.
   */
  void roundOver(Board board);
}

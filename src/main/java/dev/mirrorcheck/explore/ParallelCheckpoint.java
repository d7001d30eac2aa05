package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints of a search on several workers ({@link ParallelSearch}). A save happens while every
 * worker stands at an execution boundary ({@link WorkPool#pause}): the split nodes alive, and per
 * busy worker its branch with the nodes below it that it has still to finish
 * ({@link DporSearch#lease}). A resume turns those nodes into split nodes again, as a cluster
 * hand-back does ({@link SplitNode#graft}), and hands the branches out first, so that any number of
 * workers go on from there. A one-worker checkpoint resumes the same way: its stack is one branch.
 */
final class ParallelCheckpoint {
  private ParallelCheckpoint() {}

  /**
   * What the search did so far and where it stands, as a checkpoint file. With a cluster
   * ({@code board}), its committed outcomes count, its leases not committed are saved to be
   * explored again from their start (as for a member that left), and the local workers that took
   * over a departed member's lease are saved as the other workers are.
   */
  static Checkpoint.File save(Checkpointing ck, ExplorerOptions opts, Learned learned,
      WorkPool pool, List<Worker> workers, Board board, long elapsedMillis) {
    if (board != null) {
      return board.frozen(() -> write(ck, opts, learned, pool, workers, board, elapsedMillis));
    }
    return write(ck, opts, learned, pool, workers, null, elapsedMillis);
  }

  private static Checkpoint.File write(Checkpointing ck, ExplorerOptions opts, Learned learned,
      WorkPool pool, List<Worker> workers, Board board, long elapsedMillis) {
    List<Worker> busy = new ArrayList<>();
    for (Worker w : workers) {
      if (!w.idle) {
        busy.add(w);
      }
    }
    List<SplitNode.Branch> pending = new ArrayList<>(pool.resumedBranches());
    if (board != null) {
      for (Worker w : board.orphanWorkers()) {
        if (!w.idle) {
          busy.add(w);
        }
      }
      pending.addAll(board.inFlight());
    }
    Map<SplitNode, Integer> index = new IdentityHashMap<>();
    List<SplitNode> nodes = new ArrayList<>();
    for (Worker w : busy) {
      collect(((DporSearch) w.strategy).rootNode(), index, nodes);
    }
    for (SplitNode n : pool.offeredNodes()) {
      collect(n, index, nodes);
    }
    for (SplitNode.Branch b : pending) {
      collect(b.node(), index, nodes);
    }
    nodes.sort((a, b) -> Integer.compare(a.depth, b.depth)); // parents first
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
    }
    List<Checkpoint.Split> saved = new ArrayList<>(nodes.size());
    for (SplitNode n : nodes) {
      saved.add(n.saved(n.parent == null ? -1 : index.get(n.parent)));
    }
    List<Checkpoint.Lease> leases = new ArrayList<>();
    for (Worker w : busy) {
      DporSearch s = (DporSearch) w.strategy;
      SplitNode r = s.rootNode();
      leases.add(s.lease(r == null ? -1 : index.get(r)));
    }
    for (SplitNode.Branch b : pending) {
      leases.add(new Checkpoint.Lease(index.get(b.node()), b.branch(), b.doneThen(), List.of()));
    }
    Exploration found = new Exploration(opts, null, false, learned);
    Statistics.Builder total = Statistics.builder();
    for (Worker w : workers) {
      found.merge(w.run);
      total.add(w.statistics().build());
    }
    if (board != null) {
      board.mergeInto(found, total); // committed outcomes, and the orphans' own
    }
    return file(ck, opts, learned, found, total.build(), false, null, elapsedMillis, saved, leases);
  }

  /** The search has ended: its merged result ({@code found}, {@code st}) alone. */
  static Checkpoint.File finished(Checkpointing ck, ExplorerOptions opts, Learned learned,
      Exploration found, Statistics st, String incomplete, long elapsedMillis) {
    return file(ck, opts, learned, found, st, true, incomplete, elapsedMillis, List.of(),
        List.of());
  }

  private static Checkpoint.File file(Checkpointing ck, ExplorerOptions opts, Learned learned,
      Exploration found, Statistics st, boolean finished, String incomplete, long elapsedMillis,
      List<Checkpoint.Split> nodes, List<Checkpoint.Lease> leases) {
    return new Checkpoint.File(Checkpoint.FORMAT, Checkpoint.VERSION, ck.identity(),
        Checkpointing.optionsKey(opts), finished, incomplete,
        new Checkpoint.Counts(st.executions(), st.completed(), st.boundHits(), st.maxDepth(),
            st.transitions(), st.newTransitions(), elapsedMillis, null),
        Checkpoint.found(found), learned.snapshot(), null,
        new Checkpoint.Frontier(nodes, leases, st.sleepBlocked(), st.sleepPruned(),
            st.fallbacks()));
  }

  /** Adds {@code n} and its ancestors not yet listed. */
  private static void collect(SplitNode n, Map<SplitNode, Integer> index, List<SplitNode> out) {
    for (SplitNode m = n; m != null && !index.containsKey(m); m = m.parent) {
      index.put(m, -1);
      out.add(m);
    }
  }

  /**
   * Puts checkpoint {@code f} back into a new round: what it found and counted goes to the first
   * worker, its nodes into {@code pool} (offered when they have a branch left) and its branches in
   * progress to the pool's resumed queue, which idle workers take first.
   */
  static void restore(Checkpoint.File f, WorkPool pool, Worker first, int width) {
    first.resumeCounts(f);
    pool.executed.set(f.counts().executions());
    DporSearch search = (DporSearch) first.strategy;
    List<SplitNode> offer = new ArrayList<>();
    if (f.search() != null) { // one worker's stack: one branch from the root
      Checkpoint.Search s = f.search();
      search.addCounters(s.sleepBlocked(), s.sleepPruned(), s.fallbacks());
      if (!s.nodes().isEmpty()) {
        pool.resumeBranch(SplitNode.graft(pool, null, -1, 0, s.nodes(), width, offer));
      }
    } else {
      Checkpoint.Frontier fr = f.frontier();
      search.addCounters(fr.sleepBlocked(), fr.sleepPruned(), fr.fallbacks());
      List<SplitNode> nodes = new ArrayList<>(fr.nodes().size());
      for (Checkpoint.Split s : fr.nodes()) {
        SplitNode n = SplitNode.restored(pool, s.parent() < 0 ? null : nodes.get(s.parent()), s,
            width);
        nodes.add(n);
        offer.add(n);
      }
      for (Checkpoint.Lease l : fr.leases()) {
        SplitNode n = l.node() < 0 ? null : nodes.get(l.node());
        pool.resumeBranch(l.below().isEmpty() ? new SplitNode.Branch(n, l.branch(), l.doneThen())
            : SplitNode.graft(pool, n, l.branch(), l.doneThen(), l.below(), width, offer));
      }
    }
    for (SplitNode n : offer) {
      if (n.hasWork()) {
        pool.offer(n);
      }
    }
  }
}

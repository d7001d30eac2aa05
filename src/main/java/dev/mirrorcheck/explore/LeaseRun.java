package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Harness;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A cluster member's side of a lease: explores the leased branch of a split node the coordinator
 * owns, below a chain of <em>shadow</em> nodes (copies that record what the search adds to them,
 * see {@link Ledger}), and describes what it did as text for the coordinator to commit. It runs
 * until the branch's subtree is explored, the coordinator wants work handed back (the rest of the
 * subtree becomes split nodes there), or {@link #stop}.
 */
public final class LeaseRun {
  private final Harness harness;
  private final ExplorerOptions options;
  private final Wire.Lease lease;
  private final int index;
  private final Consumer<String> publish;
  private final BooleanSupplier handBack;
  private final WorkPool pool = new WorkPool(1);

  private LeaseRun(Harness harness, ExplorerOptions options, Wire.Lease lease, int index,
      Consumer<String> publish, BooleanSupplier handBack) {
    this.harness = harness;
    this.options = options;
    this.lease = lease;
    this.index = index;
    this.publish = publish;
    this.handBack = handBack;
  }

  /**
   * A lease ({@link Board.Slot#take}) of an exploration with {@code options}
   * ({@link Board#options}) on {@code harness}: {@code index} names this member's worker (its
   * carrier thread), {@code publish} sends a footprint message to the coordinator
   * ({@link Board#publish}), {@code handBack} says when the coordinator has idle workers.
   */
  public static LeaseRun of(Harness harness, String options, String lease, int index,
      Consumer<String> publish, BooleanSupplier handBack) {
    return new LeaseRun(harness, Wire.read(options, Wire.Options.class).toOptions(),
        Wire.read(lease, Wire.Lease.class), index, publish, handBack);
  }

  /** Explores the lease; its outcome, for {@link Board.Slot#commit}. */
  public String run() {
    Learned learned = new Learned();
    learned.restore(lease.learned());
    ActorThreads threads = ActorThreads.forWorker(
        ActorThreads.Kind.valueOf(options.threads().name()), index);
    Worker w = new Worker(new Exploration(options, threads, false, learned),
        new DporSearch(-1, false), harness, options, pool);
    w.handBackWanted = handBack;
    Ledger ledger = new Ledger((depth, actor, fp, opaque) ->
        publish.accept(Wire.write(new Wire.Footprint(lease.id(), depth, actor, fp, opaque))));
    ((DporSearch) w.strategy).enter(shadows(ledger), lease.branch(), lease.doneThen());
    try {
      threads.runController(() -> w.run(true, System.nanoTime(), Long.MAX_VALUE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      threads.close();
    }
    WorkPool.Stop stop = pool.stopReason();
    return Wire.write(new Wire.Outcome(lease.id(), stop == null ? null : stop.name(),
        learned.restartReason, w.incomplete, Wire.Counters.of(w.statistics().build()),
        Checkpoint.found(w.run), learned.snapshot(), ledger.backtracks, ledger.wakes,
        ledger.published, w.handedBack));
  }

  /** Ends the lease soon (between two executions): the coordinator's round is over. */
  public void stop() {
    pool.stop(WorkPool.Stop.FAILED);
  }

  /** The chain of shadows above the leased branch, recording into {@code ledger}; its last node. */
  private SplitNode shadows(Ledger ledger) {
    List<Wire.ChainNode> chain = lease.chain();
    int width = options.maxActors();
    SplitNode parent = null;
    int sleepNode = -1;
    for (int i = chain.size() - 1; i >= 0 && sleepNode < 0; i--) {
      if (chain.get(i).kind() == 0) {
        sleepNode = i;
      }
    }
    for (int i = 0; i < chain.size(); i++) {
      Wire.ChainNode c = chain.get(i);
      boolean last = i == chain.size() - 1;
      long done = last ? lease.doneThen() : chain.get(i + 1).doneAtVia();
      SplitNode n = new SplitNode(pool, parent, c.via(), c.doneAtVia(), c.depth(), c.kind(),
          c.enabled(), c.running(), c.signature(), c.choices(), c.sleep(), c.sleepFootprint(),
          done, done, 0, width);
      n.shadow(ledger, i == sleepNode ? lease.footprints() : null,
          i == sleepNode && last ? lease.branch() : -1);
      parent = n;
    }
    return parent;
  }
}

package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's end of one round of a search shared with remote workers ({@link RemoteWorkers}):
 * each remote worker is a {@link Slot} of the round's {@link WorkPool}, like a local worker, that
 * takes branches of split nodes as <em>leases</em> and commits their outcomes.
 *
 * <p>A lease's results (counts, findings, coverage, final states, the facts its search learnt, the
 * additions and wakes it made at the split nodes above its root, the nodes it handed back) count
 * only when its outcome is committed; a lease whose member left is explored again here, from the
 * start, by a local worker that then stays in the round. So nothing is lost or counted twice.
 * Footprints ({@link #publish}) are the exception: a branch's first step has the same footprint
 * whoever runs it, so the first publication stands.
 */
public final class Board {
  private final WorkPool pool;
  private final Learned learned;
  private final ExplorerOptions options;
  private final Harness harness;
  private final long start;
  private final Map<String, Held> leases = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  /** The committed outcomes, merged (guarded by this). */
  private final Exploration committed;
  private final Exploration scratch;
  private final Statistics.Builder stats = Statistics.builder();
  private String incomplete;
  /** Local workers that took over a lease whose member left (guarded by this). */
  private final List<Worker> orphans = new ArrayList<>();
  /** Every remote worker's slot (guarded by this). */
  private final List<Slot> slots = new ArrayList<>();
  private Throwable failure;
  private volatile long executions;
  private volatile boolean closed;

  /** A branch of a split node, leased. */
  private record Held(SplitNode node, int branch, long doneThen) {}

  Board(WorkPool pool, Learned learned, ExplorerOptions options, Harness harness, long start) {
    this.pool = pool;
    this.learned = learned;
    this.options = options;
    this.harness = harness;
    this.start = start;
    this.committed = new Exploration(options, null, false, learned);
    this.scratch = new Exploration(options, null, false, learned);
  }

  /** The options remote workers explore with ({@link LeaseRun#of}). */
  public String options() {
    return Wire.write(Wire.Options.of(options));
  }

  /** Whether some worker waits for work nobody offered: remote leases should hand work back. */
  public boolean hungry() {
    return pool.hungry();
  }

  /** Whether the round is over or stopping. */
  public boolean stopped() {
    return pool.stopped() || closed;
  }

  /** A remote worker joins the round; null when the round is already over. */
  public Slot join() {
    if (!pool.join()) {
      return null;
    }
    Slot s = new Slot();
    synchronized (this) {
      slots.add(s);
    }
    return s;
  }

  /** A footprint message a lease sent ({@link LeaseRun}): later takers of its root wait for it. */
  public void publish(String message) {
    Wire.Footprint f = Wire.read(message, Wire.Footprint.class);
    Held h = leases.get(f.lease());
    if (h != null) {
      at(h.node(), f.depth()).publish(f.actor(), f.footprint(), f.opaque());
    }
  }

  /** A remote worker failed for another reason than its member leaving: the search fails. */
  public void fail(Throwable e) {
    synchronized (this) {
      if (failure == null) {
        failure = e;
      }
    }
    pool.stop(WorkPool.Stop.FAILED);
  }

  /** One remote worker's place in the round. */
  public final class Slot {
    private volatile Held held;
    private volatile String heldId;
    /** The branch its last lease handed back at its frontier: its next lease (guarded by Board). */
    private Held next;

    private Slot() {}

    /**
     * The next lease, as text for {@link LeaseRun#of}: waits for a branch to take (and for the
     * footprints its sleep set needs); null when the round is over (the slot then leaves it).
     */
    public String take() {
      String id = Long.toString(nextId.incrementAndGet());
      Held h;
      synchronized (Board.this) {
        h = next;
        next = null;
        if (h != null) {
          held(id, h);
        }
      }
      if (h == null) {
        long[] branch = new long[2];
        Held[] got = new Held[1];
        // recorded as the branch is taken: a checkpoint saves it, to be explored from its start
        SplitNode n = pool.awaitRemote(branch, b -> {
          got[0] = new Held(b.node(), b.branch(), b.doneThen());
          held(id, got[0]);
        });
        if (n == null) {
          return null;
        }
        h = got[0];
      }
      return Wire.write(lease(id, h));
    }

    private void held(String id, Held h) {
      held = h;
      heldId = id;
      leases.put(id, h);
    }

    /** Whether the slot holds a lease not yet committed. */
    public boolean holding() {
      return held != null;
    }

    /** Commits the outcome of this slot's lease. */
    public void commit(String outcome) {
      Wire.Outcome o = Wire.read(outcome, Wire.Outcome.class);
      synchronized (Board.this) { // a checkpoint sees a lease committed whole or not at all
        Held h = leases.remove(o.id());
        held = null;
        if (h == null || closed) {
          return;
        }
        next = apply(o, h);
      }
    }

    /**
     * The member left: a lease held here (or handed back to it) is explored by a local worker,
     * which then stays in the round as any local worker does; returns when the round is over, true
     * when there was such a lease.
     */
    public boolean memberLeft() {
      Worker w;
      synchronized (Board.this) {
        Held h = held != null ? held : next;
        held = next = null;
        if (heldId != null) {
          leases.remove(heldId);
        }
        if (h == null) {
          pool.leave();
          return false;
        }
        pool.becomeLocal();
        w = orphan(h);
      }
      runLocally(w);
      return true;
    }
  }

  /**
   * Runs {@code s} with no commit under way (for a checkpoint, with the pool paused): the split
   * nodes, the leases and the committed outcomes stay as they are meanwhile.
   */
  synchronized <T> T frozen(java.util.function.Supplier<T> s) {
    return s.get();
  }

  /** The leases not committed (each to be explored from its start after a resume). */
  synchronized List<SplitNode.Branch> inFlight() {
    List<SplitNode.Branch> out = new ArrayList<>();
    for (Held h : leases.values()) {
      out.add(new SplitNode.Branch(h.node(), h.branch(), h.doneThen()));
    }
    for (Slot s : slots) {
      if (s.next != null) {
        out.add(new SplitNode.Branch(s.next.node(), s.next.branch(), s.next.doneThen()));
      }
    }
    return out;
  }

  /** The local workers that took over the leases of members that left. */
  synchronized List<Worker> orphanWorkers() {
    return new ArrayList<>(orphans);
  }

  private Wire.Lease lease(String id, Held h) {
    List<Wire.ChainNode> chain = new ArrayList<>();
    int via = h.branch();
    long doneAtVia = h.doneThen();
    List<SplitNode> nodes = new ArrayList<>();
    for (SplitNode m = h.node(); m != null; m = m.parent) {
      nodes.add(0, m);
    }
    SplitNode sleepNode = null;
    long sleepDone = 0;
    int leased = -1;
    for (int i = nodes.size() - 1; i >= 0 && sleepNode == null; i--) {
      SplitNode m = nodes.get(i);
      if (!m.isChoice()) {
        sleepNode = m;
        boolean last = i == nodes.size() - 1;
        sleepDone = last ? h.doneThen() : nodes.get(i + 1).doneAtVia;
        leased = last ? h.branch() : -1;
      }
    }
    for (SplitNode m : nodes) {
      chain.add(new Wire.ChainNode(m.depth, m.kind, m.enabled, m.running, m.signature,
          m.choices, m.sleep(), m.sleepFootprint, m.via, m.doneAtVia));
    }
    int[][] footprints = null;
    if (sleepNode != null) {
      footprints = new int[options.maxActors()][];
      long others = leased < 0 ? sleepDone : sleepDone & ~(1L << leased);
      for (long s = others; s != 0; s &= s - 1) {
        int q = Long.numberOfTrailingZeros(s);
        footprints[q] = sleepNode.footprintOf(q); // published by takers before this one
      }
    }
    return new Wire.Lease(id, chain, via, doneAtVia, footprints, learned.snapshot());
  }

  /** Commits {@code o}, the outcome of lease {@code h}; returns the next lease it handed back. */
  private Held apply(Wire.Outcome o, Held h) {
    synchronized (this) {
      Checkpoint.restore(o.found(), scratch);
      scratch.transitions = o.counters().transitions();
      scratch.newTransitions = o.counters().newTransitions();
      committed.merge(scratch);
      stats.add(o.counters().toStatistics());
      executions += o.counters().executions();
      if (incomplete == null) {
        incomplete = o.incomplete();
      }
    }
    String why = learned.absorb(o.learned());
    if (o.restartReason() != null) {
      why = o.restartReason();
    }
    if (why != null) {
      learned.restart(why);
      pool.stop(WorkPool.Stop.RESTART);
    }
    if (WorkPool.Stop.FOUND.name().equals(o.stop())) {
      pool.stop(WorkPool.Stop.FOUND);
    }
    for (long[] b : o.backtracks()) {
      SplitNode n = at(h.node(), (int) b[0]);
      if (n.addBacktrack(b[1])) {
        pool.offer(n);
      }
    }
    for (Wire.Footprint f : o.published()) {
      at(h.node(), f.depth()).publish(f.actor(), f.footprint(), f.opaque());
    }
    for (int[] w : o.wakes()) {
      SplitNode n = at(h.node(), w[0]);
      if (n.wake(w[1])) {
        pool.offer(n);
      }
    }
    return o.handedBack() == null ? null : splitHandedBack(o.handedBack(), h);
  }

  private static SplitNode at(SplitNode from, int depth) {
    SplitNode n = from;
    while (n.depth != depth) {
      n = n.parent;
    }
    return n;
  }

  /**
   * Turns the nodes a lease handed back into split nodes below its root, as a local worker's
   * split does; the branch at the last one (the lease's frontier) is the slot's next lease.
   */
  private Held splitHandedBack(List<Checkpoint.Node> nodes, Held h) {
    List<SplitNode> made = new ArrayList<>();
    SplitNode.Branch b = SplitNode.graft(pool, h.node(), h.branch(), h.doneThen(), nodes,
        options.maxActors(), made);
    for (SplitNode n : made) {
      if (n.hasWork()) {
        pool.offer(n);
      }
    }
    return new Held(b.node(), b.branch(), b.doneThen());
  }

  /** A local worker for lease {@code h}, in it already (guarded by this). */
  private Worker orphan(Held h) {
    ActorThreads threads = ActorThreads.forWorker(
        ActorThreads.Kind.valueOf(options.threads().name()), 1000 + orphans.size());
    Worker w = new Worker(new Exploration(options, threads, false, learned),
        new DporSearch(-1, false), harness, options, pool);
    ((DporSearch) w.strategy).enter(h.node(), h.branch(), h.doneThen());
    orphans.add(w);
    return w;
  }

  /** Explores an orphan's lease here: a local worker that stays in the round. */
  private void runLocally(Worker w) {
    ActorThreads threads = w.run.threads;
    try {
      threads.runController(() -> w.run(true, start, Long.MAX_VALUE));
    } catch (Throwable e) {
      fail(e);
    } finally {
      threads.close();
    }
  }

  /** The round is over: outcomes arriving from now on are ignored. */
  void close() {
    closed = true;
  }

  /** Executions committed so far (for progress lines). */
  long executions() {
    return executions;
  }

  synchronized Throwable failure() {
    return failure;
  }

  /** Adds what the round's remote workers and orphan workers did to {@code merged} and {@code total}. */
  synchronized String mergeInto(Exploration merged, Statistics.Builder total) {
    merged.merge(committed);
    total.add(stats.build());
    for (Worker w : orphans) {
      total.add(w.statistics().build());
      merged.merge(w.run);
    }
    return incomplete;
  }

  /** Executions of the orphan workers so far. */
  synchronized long orphanExecutions() {
    long n = 0;
    for (Worker w : orphans) {
      n += w.published;
    }
    return n;
  }
}

package dev.mirrorcheck.explore;

import java.util.Arrays;
import java.util.List;

/**
 * A node of the search tree that several parallel workers branch from: its backtrack, done and sleep
 * sets live here, under this object's monitor, instead of in one worker's {@link DporSearch} stack.
 *
 * <p>A worker's stack is a chain of split nodes from the root down to its own <em>root</em>, then
 * private nodes. Races a worker finds above its root are added here (and the node offered to idle
 * workers) rather than lost; whoever climbs back through the node, or an idle worker, takes the branch.
 * Every worker below a node passes it when it climbs, so an addition is never left behind.
 *
 * <p>Sleep sets stay those of the sequential search: a branch's sleep set holds only the branches taken
 * before it (their {@linkplain #take done snapshot}), with the footprints of their steps from here,
 * which each taker {@linkplain #publish publishes} as soon as its step closes.
 */
final class SplitNode {
  private static final byte SCHED = 0;

  final WorkPool pool;
  final SplitNode parent;
  /** The branch of {@link #parent} this node hangs from, and the parent's done set when it was taken. */
  final int via;
  final long doneAtVia;
  final int depth;
  final byte kind;
  final long enabled;
  final int running;
  final long signature;
  final int choices;
  /** The sleep set inherited when the node was created, and its members' footprints. */
  private long sleep;
  final int[][] sleepFootprint;

  private long backtrack;
  private long done;
  /** Choice nodes: the next value to hand out. */
  private int nextValue;
  /** Per actor: the footprint of its step from here, once its taker published it. */
  private final int[][] footprint;
  /** Actors whose footprint is settled: published, or unknown (then it never makes a sleeper). */
  private long settled;
  /**
   * Non-null for a <em>shadow</em>: a copy, in a cluster member, of a node another JVM owns. Its
   * branches are never taken here; what the lease's search adds to it is recorded for the owner.
   */
  private Ledger ledger;

  SplitNode(WorkPool pool, SplitNode parent, int via, long doneAtVia, int depth, byte kind, long enabled, int running,
      long signature, int choices, long sleep, int[][] sleepFootprint, long backtrack, long done,
      int nextValue, int width) {
    this.pool = pool;
    this.parent = parent;
    this.via = via;
    this.doneAtVia = doneAtVia;
    this.depth = depth;
    this.kind = kind;
    this.enabled = enabled;
    this.running = running;
    this.signature = signature;
    this.choices = choices;
    this.sleep = sleep;
    this.sleepFootprint = sleepFootprint == null ? new int[width][]
        : Arrays.copyOf(sleepFootprint, width);
    this.backtrack = backtrack;
    this.done = done;
    this.nextValue = nextValue;
    this.footprint = new int[width][];
  }

  boolean isChoice() {
    return kind != SCHED;
  }

  /** A branch of a split node, taken after {@code doneThen} (for a choice, 0). */
  record Branch(SplitNode node, int branch, long doneThen) {}

  /** This node as saved in a checkpoint, {@code parent} being its parent's index there. */
  synchronized Checkpoint.Split saved(int parentIndex) {
    return new Checkpoint.Split(parentIndex, via, doneAtVia, depth, kind, enabled, running,
        signature, choices, sleep, sleepFootprint, backtrack, done, nextValue, settled, footprint);
  }

  /** A node of a checkpoint, below {@code parent}, with its sets and settled footprints. */
  static SplitNode restored(WorkPool pool, SplitNode parent, Checkpoint.Split s, int width) {
    SplitNode n = new SplitNode(pool, parent, s.via(), s.doneAtVia(), s.depth(), s.kind(),
        s.enabled(), s.running(), s.signature(), s.choices(), s.sleep(), s.sleepFootprint(),
        s.backtrack(), s.done(), s.nextValue(), width);
    n.settled = s.settled();
    if (s.footprints() != null) {
      System.arraycopy(s.footprints(), 0, n.footprint, 0, Math.min(width, s.footprints().length));
    }
    return n;
  }

  /**
   * Turns a worker's nodes below branch {@code via} of {@code parent} (null: from the root) into
   * split nodes, as a split would ({@link DporSearch#handBack} gives them); the branch at the last
   * one, not yet run, is returned, and the new nodes with a branch left go to {@code made}.
   */
  static Branch graft(WorkPool pool, SplitNode parent, int via, long doneAtVia,
      List<Checkpoint.Node> nodes, int width, List<SplitNode> made) {
    SplitNode p = parent;
    int v = via;
    long doneV = doneAtVia;
    for (int i = 0; i < nodes.size(); i++) {
      Checkpoint.Node c = nodes.get(i);
      SplitNode n = new SplitNode(pool, p, v, doneV, p == null ? 0 : p.depth + 1, c.kind(),
          c.enabled(), c.running(), c.signature(), c.choices(), c.sleep(), c.sleepFootprint(),
          c.backtrack(), c.done(), c.chosen() + 1, width);
      boolean last = i == nodes.size() - 1;
      // the last node's branch has not run yet: whoever takes it publishes its footprint
      n.publishExplored(last ? c.done() & ~(1L << c.chosen()) : c.done(), c.chosen(), c.opaque(),
          c.explored());
      made.add(n);
      p = n;
      v = c.chosen();
      doneV = c.done();
    }
    Checkpoint.Node f = nodes.get(nodes.size() - 1);
    return new Branch(p, f.chosen(), f.kind() == SCHED ? f.done() : 0);
  }

  synchronized long sleep() {
    return sleep;
  }

  /**
   * Takes the next branch (lowest actor of backtrack minus done, enabled and awake; or the next
   * value of a choice), or -1 when none is left now. {@code doneOut[0]} receives the done set the
   * branch was taken after, itself included.
   */
  synchronized int take(long[] doneOut) {
    if (pool.stopped() || ledger != null) {
      return -1;
    }
    if (isChoice()) {
      if (nextValue >= choices) {
        return -1;
      }
      doneOut[0] = 0;
      return nextValue++;
    }
    long candidates = backtrack & ~done & enabled & ~sleep;
    if (candidates == 0) {
      return -1;
    }
    int c = Long.numberOfTrailingZeros(candidates);
    done |= 1L << c;
    doneOut[0] = done;
    return c;
  }

  /** Whether a branch can be taken now. */
  synchronized boolean hasWork() {
    return !pool.stopped() && ledger == null && (isChoice() ? nextValue < choices
        : (backtrack & ~done & enabled & ~sleep) != 0);
  }

  /**
   * Source-DPOR's addition for a race whose reversal can start with {@code initials} (as
   * {@code DporSearch.addBacktrack} does at private nodes); true when it made a branch available.
   */
  synchronized boolean addBacktrack(long initials) {
    if (ledger != null) {
      // A shadow records every addition: which initial the owner picks depends on its sleep set
      // then (a wake may have put another initial in its backtrack set), so a later addition that
      // meets this copy's pick may still need one there.
      ledger.addition(depth, initials);
      return false;
    }
    if ((initials & backtrack) != 0) {
      return false;
    }
    long candidates = initials & enabled & ~sleep;
    if (candidates == 0) {
      candidates = initials & enabled;
    }
    backtrack |= candidates != 0 ? Long.lowestOneBit(candidates) : enabled;
    return (backtrack & ~done & enabled & ~sleep) != 0;
  }

  /** Wakes {@code actor} if it still sleeps here (its step grew); true when it made work. */
  synchronized boolean wake(int actor) {
    long bit = 1L << actor;
    if ((sleep & bit) == 0) {
      return false;
    }
    sleep &= ~bit;
    backtrack |= bit;
    if (ledger != null) {
      ledger.wakes.add(new int[] {depth, actor});
      return false;
    }
    return (done & bit) == 0 && (enabled & bit) != 0;
  }

  /**
   * The footprint of {@code actor}'s step from here; {@code opaque} (a choice inside it, so the
   * footprint covers only the values seen) or a null footprint settles it as unknown.
   */
  synchronized void publish(int actor, int[] fp, boolean opaque) {
    long bit = 1L << actor;
    if ((settled & bit) != 0) {
      return;
    }
    footprint[actor] = opaque ? null : fp;
    settled |= bit;
    notifyAll();
    if (ledger != null) {
      ledger.published(depth, actor, fp, opaque);
    }
  }

  /**
   * Publishes the footprints of the branches {@code taken} from here as a search explored them
   * ({@code explored}); the one {@code current} is on may have seen only some values of a choice
   * inside its step ({@code opaque}), and then stays unknown.
   */
  void publishExplored(long taken, int current, long opaque, int[][] explored) {
    if (isChoice()) {
      return;
    }
    for (long s = taken; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      boolean partial = q == current && (opaque & (1L << q)) != 0;
      publish(q, explored[q], partial || explored[q] == null);
    }
  }

  /**
   * Makes this node a shadow of a node another JVM owns ({@link Ledger}), with the footprints of
   * its branches taken so far as the owner knows them (a missing one is unknown), except the
   * branch {@code leased} (or -1), which the lease's own search publishes.
   */
  void shadow(Ledger ledger, int[][] known, int leased) {
    this.ledger = ledger;
    long others = leased < 0 ? done : done & ~(1L << leased);
    for (long s = others; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      footprint[q] = known != null && q < known.length ? known[q] : null;
    }
    settled = others;
  }

  /**
   * Waits until {@code actor}'s footprint is settled and returns it, or null when unknown (or the
   * exploration stopped). Takers wait only for branches taken before theirs, so waits never cycle.
   */
  synchronized int[] footprintOf(int actor) {
    long bit = 1L << actor;
    while ((settled & bit) == 0 && !pool.stopped()) {
      try {
        wait(50); // also notices a stop, which does not notify every node
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return footprint[actor];
  }
}

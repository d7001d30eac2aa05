package dev.mirrorcheck.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic partial-order reduction with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014 and
 * JACM 2017), over a depth-first stack of nodes that is re-executed from the start for every execution.
 * Races are reported online by the {@link Execution} as steps run.
 *
 * <p>Source-DPOR (Algorithm 1) adds an initial of {@code v = notdep(e, E).e'} to the backtrack set of
 * the node before {@code e}. Optimal DPOR (Algorithm 2) inserts the whole of {@code v} into that node's
 * {@link WakeupTree} unless an actor in its sleep set is a weak initial of {@code v}, and a new branch
 * then follows its sequence: no execution ends with every enabled actor asleep. In both, when the
 * first step of the reversal cannot run at that node (it is blocked), every enabled actor is added
 * instead, as in Flanagan and Godefroid's original algorithm; this keeps blocking operations sound.
 */
final class DporSearch implements SearchStrategy {
  private static final byte SCHED = 0;
  private static final byte CHOICE = 1;

  private final int preemptionBound; // < 0: unbounded
  /**
   * Optimal DPOR is running. It was asked for and no step executed so far was context-dependent;
   * the first that is ({@link #contextDependent}) switches the search to source-DPOR for good.
   */
  private boolean optimal;
  /** Why optimal DPOR gave way to source-DPOR (the first context-dependent step), or null. */
  private String sourceBecause;
  /** A context-dependent step ran in this execution: the search restarts as source-DPOR. */
  private boolean switchWanted;
  /**
   * A failed {@code cas} ran as a write in this execution (optimal DPOR's reading of it, not
   * source-DPOR's): its races are not source-DPOR's, so a switch restarts from the root.
   */
  private boolean casWidened;
  /** Executions optimal DPOR ran before it gave way (their findings are kept, their counts not). */
  private long optimalExecutions;
  private Trace trace;

  private byte[] kind = new byte[256];
  private int[] chosen = new int[256];
  private int[] choices = new int[256];
  private int[] running = new int[256];
  private long[] signature = new long[256];
  private int[] preemptions = new int[256];
  private long[] enabled = new long[256];
  private long[] backtrack = new long[256];
  private long[] done = new long[256];
  private long[] sleep = new long[256];
  /** Per node: the twins the symmetry rule held back there, and who held each (see {@link Symmetry}). */
  private long[] heldAt = new long[256];
  private int[][] leadersAt = new int[256][];
  /**
   * Per node: actors whose step from there (explored, or asleep) has a choice inside, so that its
   * footprint covers only the values chosen where it ran: it never stands for a reversal by
   * independence.
   */
  private long[] opaque = new long[256];
  private long nextOpaque;
  /** Per node: actors woken there because their step accesses more than the race saw. */
  private long[] woken = new long[256];
  /**
   * Per node and actor: the accesses of the step that actor ran from that node (its footprint). A
   * step with a choice inside runs differently for each value; its footprint is the union over the
   * values explored so far, and complete once the actor's subtree at that node is.
   */
  private int[][][] explored = new int[256][][];
  /** Per node and actor: the footprint of an actor in the node's sleep set. */
  private int[][][] sleepFootprint = new int[256][][];
  /** Optimal DPOR: per scheduling node, the branches still to explore there. */
  private WakeupTree[] wakeup = new WakeupTree[256];
  /** Optimal DPOR: per choice node, the guide in force when it was created (for its other values). */
  private WakeupTree[] guideAt = new WakeupTree[256];
  /** Optimal DPOR: the rest of the wakeup sequence new nodes follow, or null (explore freely). */
  private WakeupTree guide;
  private final int[][] nextSleepFootprint = new int[Trace.MAX_ACTORS][];

  private int depth; // nodes created in this execution
  private int frontier = -1; // nodes < frontier replay; the frontier node took a new branch
  private long nextSleep; // sleep set for the next scheduling node
  private boolean currentIsNew;
  private int[] firstInV = new int[Trace.MAX_ACTORS];
  /** Earlier events racing with the running step; resolved when the step closes (final clock). */
  private int[] racesOfStep = new int[16];
  private int racesOfStepCount;
  private final int[] stepClock = new int[Trace.MAX_ACTORS];

  private long sleepBlocked;
  private long sleepPruned;
  private long fallbacks;
  /** Actors with events in the last reversal computed by {@link #initials} (before its last step). */
  private long lastPresent;
  /** Sleeping racing steps that may have to be explored after all (see {@link #addBacktrack}). */
  private final List<PendingWake> pendingWakes = new ArrayList<>();
  private final List<Race> racesAtEnd = new ArrayList<>();
  private long boundPruned;
  private long guideMisses;
  /**
   * Optimal DPOR met a {@code choose} with more than one value: a step's footprint then says what it
   * did for the values chosen, not what it does, and reversals are covered as source-DPOR covers them
   * from then on (the decisions taken before involved no such step).
   */
  private boolean choiceSeen;
  private long guideWakes;

  /** Parallel exploration: where split nodes are offered, or null when this search runs alone. */
  private WorkPool pool;
  /** Nodes up to here are split nodes shared with other workers (-1: none). */
  private int root = -1;
  private SplitNode[] split = new SplitNode[256];
  /**
   * The scheduling node whose sleep set the first new node of this worker's branch inherits: the root,
   * or the node of the step a choice root sits in. Closes above it compute nothing (nothing new
   * follows them).
   */
  private int sleepNode = -1;
  /** The first close at {@link #sleepNode} still has to publish and fetch step footprints. */
  private boolean footprintsPending;
  /** The done set the branch at the root was taken after. */
  private long rootDone;
  private final long[] taken = new long[1];

  DporSearch(int preemptionBound, boolean optimal) {
    this.preemptionBound = preemptionBound;
    this.optimal = optimal;
  }

  @Override
  public void reset(Trace trace) {
    this.trace = trace;
    switchWanted = false;
    casWidened = false;
    depth = 0;
    frontier = -1;
    guide = null;
    choiceSeen = false;
    root = sleepNode = -1;
    footprintsPending = false;
    sleepBlocked = sleepPruned = fallbacks = boundPruned = guideMisses = guideWakes = 0;
  }

  @Override
  public void beginExecution() {
    racesOfStepCount = 0;
    pendingWakes.clear();
    racesAtEnd.clear();
    depth = 0;
    nextSleep = 0;
    currentIsNew = frontier < 0;
  }

  private void ensure(int d) {
    if (d < kind.length) {
      return;
    }
    int n = Math.max(d + 1, kind.length * 2);
    kind = Arrays.copyOf(kind, n);
    chosen = Arrays.copyOf(chosen, n);
    choices = Arrays.copyOf(choices, n);
    running = Arrays.copyOf(running, n);
    signature = Arrays.copyOf(signature, n);
    preemptions = Arrays.copyOf(preemptions, n);
    enabled = Arrays.copyOf(enabled, n);
    backtrack = Arrays.copyOf(backtrack, n);
    done = Arrays.copyOf(done, n);
    sleep = Arrays.copyOf(sleep, n);
    heldAt = Arrays.copyOf(heldAt, n);
    leadersAt = Arrays.copyOf(leadersAt, n);
    woken = Arrays.copyOf(woken, n);
    opaque = Arrays.copyOf(opaque, n);
    explored = Arrays.copyOf(explored, n);
    sleepFootprint = Arrays.copyOf(sleepFootprint, n);
    wakeup = Arrays.copyOf(wakeup, n);
    guideAt = Arrays.copyOf(guideAt, n);
    split = Arrays.copyOf(split, n);
  }

  @Override
  public int schedule(int run, long en, long state, Execution ex) {
    int d = depth++;
    if (d <= frontier) {
      if (kind[d] != SCHED || enabled[d] != en || running[d] != run || signature[d] != state) {
        throw ex.nondeterminism(d, "scheduling point", enabled[d], en);
      }
      currentIsNew = d == frontier;
      return chosen[d];
    }
    currentIsNew = true;
    ensure(d);
    kind[d] = SCHED;
    enabled[d] = en;
    running[d] = run;
    signature[d] = state;
    sleep[d] = nextSleep;
    heldAt[d] = ex.symmetry().held();
    leadersAt[d] = heldAt[d] == 0 ? null : ex.symmetry().leaders(trace.width);
    opaque[d] = nextOpaque & nextSleep;
    woken[d] = 0;
    if (explored[d] == null) {
      explored[d] = new int[trace.width][];
      sleepFootprint[d] = new int[trace.width][];
    }
    for (long s = nextSleep; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      sleepFootprint[d][q] = nextSleepFootprint[q];
    }
    long avail = en & ~nextSleep;
    int before = d == 0 ? 0 : preemptions[d - 1];
    int c = optimal ? followGuide(d, en, before) : -1;
    if (c >= 0 && (avail & (1L << c)) == 0) {
      // Asleep only because its step here accesses more than where it was explored (a merged block
      // or a branch on what it read): the race that planted this sequence needs it to run.
      sleep[d] &= ~(1L << c);
      guideWakes++;
    }
    if (c < 0) {
      if (avail == 0) {
        sleepBlocked++;
        return -1;
      }
      c = run >= 0 && (avail & (1L << run)) != 0 ? run : Long.numberOfTrailingZeros(avail);
    }
    preemptions[d] = before + (isPreemption(d, c) ? 1 : 0);
    chosen[d] = c;
    signature[d] = state;
    backtrack[d] = 1L << c;
    done[d] = 1L << c;
    explored[d][c] = null;
    opaque[d] &= ~(1L << c);
    return c;
  }

  /**
   * At a new node, takes the first branch of the guide whose actor is enabled (the others stay in the
   * node's wakeup tree) and returns its actor, or -1 when there is none. Branches of actors that are
   * blocked here are dropped: the sequence was planned in an execution where a step (a choice, a read)
   * went otherwise, and this execution's own races take its place.
   */
  private int followGuide(int d, long en, int before) {
    WakeupTree w = guide != null ? guide : WakeupTree.root();
    wakeup[d] = w;
    guide = null;
    int pick = -1;
    for (int i = 0; i < w.childCount(); ) {
      int a = w.child(i).actor;
      if ((en & (1L << a)) == 0) {
        w.removeChild(i);
        guideMisses++;
        continue;
      }
      if (pick < 0 && (preemptionBound < 0
          || before + (isPreemption(d, a) ? 1 : 0) <= preemptionBound)) {
        pick = i;
      }
      i++;
    }
    if (pick < 0) {
      return -1;
    }
    guide = w.removeChild(pick);
    return guide.actor;
  }

  private boolean isPreemption(int d, int c) {
    int r = running[d];
    return r >= 0 && r != c && (enabled[d] & (1L << r)) != 0;
  }

  @Override
  public int choose(int n) {
    int d = depth++;
    if (d <= frontier) {
      if (kind[d] != CHOICE || choices[d] != n) {
        throw new IllegalStateException(
            "nondeterministic harness: choice point " + d + " differs from the previous execution");
      }
      currentIsNew = d == frontier;
      return chosen[d];
    }
    ensure(d);
    kind[d] = CHOICE;
    choiceSeen = true;
    guideAt[d] = optimal && guide != null ? guide.copy() : null;
    choices[d] = n;
    chosen[d] = 0;
    preemptions[d] = d == 0 ? 0 : preemptions[d - 1];
    return 0;
  }

  @Override
  public int currentNode() {
    return depth - 1;
  }

  @Override
  public boolean isNew() {
    return currentIsNew;
  }

  @Override
  public void closed(int e, Execution ex) {
    if (racesOfStepCount > 0) {
      resolveRaces(e);
    }
    int d = trace.node[e];
    if (d < 0 || d < sleepNode) {
      nextSleep = 0; // no node, or a split ancestor's: no new node follows it
      nextOpaque = 0;
      return;
    }
    int t = trace.actor[e];
    explored[d][t] = union(explored[d][t], trace.footprint(e));
    if (trace.chose[e]) {
      opaque[d] |= 1L << t;
    }
    if (d == sleepNode && footprintsPending) {
      settleFootprints(d, t, trace.chose[e]);
    }
    long candidates = (sleep[d] | done[d]) & ~(1L << t);
    long keep = 0;
    while (candidates != 0) {
      int q = Long.numberOfTrailingZeros(candidates);
      candidates &= candidates - 1;
      int[] fp = (sleep[d] & (1L << q)) != 0 ? sleepFootprint[d][q] : explored[d][q];
      if (!conflicts(fp, e)) {
        keep |= 1L << q;
        nextSleepFootprint[q] = fp;
      }
    }
    nextSleep = keep;
    nextOpaque = keep & opaque[d];
  }

  private static int[] union(int[] known, int[] more) {
    if (known == null || Arrays.equals(known, more)) {
      return more;
    }
    int[] out = Arrays.copyOf(known, known.length + more.length);
    System.arraycopy(more, 0, out, known.length, more.length);
    return out;
  }

  /** Whether a step with footprint {@code fp} conflicts with step {@code e}. */
  private boolean conflicts(int[] fp, int e) {
    int from = trace.accessStart[e];
    int to = trace.accessStart[e + 1];
    for (int j = 0; j < fp.length; j += 2) {
      int id = fp[j];
      int k = fp[j + 1];
      for (int i = from; i < to; i++) {
        if (trace.accessTarget[i].id == id && Access.conflict(k, trace.accessKind[i])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Records a race of the running step. Its initials are computed when the step closes: a later
   * access in the same step can still make it depend on other events, and the step is the transition.
   */
  @Override
  public void race(int e, int cur, int[] curClock, Execution ex) {
    if (racesOfStepCount == racesOfStep.length) {
      racesOfStep = Arrays.copyOf(racesOfStep, racesOfStepCount * 2);
    }
    racesOfStep[racesOfStepCount++] = e;
  }

  private void resolveRaces(int cur) {
    System.arraycopy(trace.clocks, cur * trace.width, stepClock, 0, trace.width);
    int tc = trace.actor[cur];
    int[] racing = trace.footprint(cur);
    for (int i = 0; i < racesOfStepCount; i++) {
      if (optimal) {
        racesAtEnd.add(new Race(racesOfStep[i], cur, tc, racing, stepClock.clone()));
      } else {
        long initials = initials(racesOfStep[i], tc, cur, stepClock);
        addBacktrack(racesOfStep[i], initials, tc, racing);
      }
    }
    racesOfStepCount = 0;
  }

  @Override
  public void raceWithPending(int e, int actor, int[] actorClock, Execution ex) {
    int[] racing = ex.pendingFootprint(actor);
    if (optimal) {
      racesAtEnd.add(new Race(e, trace.size, actor, racing, actorClock.clone()));
      return;
    }
    long initials = initials(e, actor, trace.size, actorClock);
    addBacktrack(e, initials, actor, racing);
  }

  /**
   * Optimal DPOR: inserts the reversal {@code v} into the wakeup tree of the node before {@code e},
   * unless an actor asleep there (inherited, or explored from there already) is a weak initial of it.
   * The racing actor {@code tc} asleep there is handled as in {@link #addBacktrack}: its step may access
   * more than {@code racing}, and is woken when the execution ends if that matters.
   */
  private void insertReversal(int e, Reversal v, int tc, int[] racing) {
    int d = trace.node[e];
    if (choiceSeen || (woken[d] & (1L << chosen[d])) != 0 || v.hasOpaqueStep()) {
      insertInitial(d, e, v, tc, racing);
      return;
    }
    long asleep = (sleep[d] | done[d]) & ~(1L << chosen[d]);
    for (long s = asleep; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      boolean inherited = (sleep[d] & (1L << q)) != 0;
      int[] fp = (opaque[d] & (1L << q)) != 0 ? null
          : inherited ? sleepFootprint[d][q] : explored[d][q];
      if (v.isWeakInitial(q, fp)) {
        if (q == tc && inherited && (enabled[d] & (1L << q)) != 0 && v.onlyLastOf(tc)) {
          int[] growth = growth(sleepFootprint[d][tc], racing);
          if (growth.length > 0) {
            pendingWakes.add(new PendingWake(d, tc, e, growth));
          }
        }
        return;
      }
    }
    WakeupTree w = wakeup[d];
    if ((enabled[d] & (1L << v.firstActor())) == 0) {
      fallbacks++;
      for (long s = enabled[d] & ~asleep & ~(1L << chosen[d]); s != 0; s &= s - 1) {
        int q = Long.numberOfTrailingZeros(s);
        if (!w.hasChild(q)) {
          w.add(new WakeupTree(q, null));
        }
      }
      return;
    }
    w.insert(v);
  }

  /**
   * Where footprints do not describe the steps (a choice inside a step of {@code v}, or a step run at
   * {@code d} only because it accesses more than its race saw), the reversal is covered only as
   * source-DPOR covers it: by an initial of {@code v} explored or to be explored at {@code d}.
   * Otherwise the whole of {@code v} becomes a branch, led by an initial that is awake.
   */
  private void insertInitial(int d, int e, Reversal v, int tc, int[] racing) {
    long initials = v.initials();
    long en = enabled[d];
    if ((initials & (1L << tc) & sleep[d] & en) != 0 && v.onlyLastOf(tc)) {
      int[] growth = growth(sleepFootprint[d][tc], racing);
      if (growth.length > 0) {
        pendingWakes.add(new PendingWake(d, tc, e, growth));
      }
    }
    WakeupTree w = wakeup[d];
    long covered = done[d] | w.childActors();
    if ((initials & covered) != 0) {
      return;
    }
    long candidates = initials & en & ~sleep[d];
    if (candidates != 0) {
      int first = Long.numberOfTrailingZeros(candidates);
      w.add(choiceSeen ? new WakeupTree(first, null) : v.chainFrom(first));
    } else if ((initials & en) == 0) {
      fallbacks++;
      for (long s = en & ~sleep[d] & ~covered; s != 0; s &= s - 1) {
        w.add(new WakeupTree(Long.numberOfTrailingZeros(s), null));
      }
    }
  }

  /**
   * Adds an initial of the reversed race to the backtrack set of the node before {@code e}. The racing
   * actor {@code tc}'s step, run there before {@code e}, is the step it would take at that node; when
   * {@code tc} sleeps there, that step is known (its sleep footprint) and covered by an earlier
   * sibling, but only as far as its dependencies go: if it accesses what the racing step
   * ({@code racing}) did not (a step whose code branches on what it read can), it may depend on
   * events that the reversal does not reorder. Whether some such event exists is known when the
   * execution ends ({@link #ended}); then the step is explored here after all. An initial that the
   * symmetry rule held back at that node goes to the twin that held it ({@link Symmetry#redirect}).
   */
  private void addBacktrack(int e, long initials, int tc, int[] racing) {
    int d = trace.node[e];
    if (d <= root) {
      addSplitBacktrack(d, e, initials, tc, racing);
      return;
    }
    if ((initials & heldAt[d]) != 0) {
      initials = Symmetry.redirect(initials, heldAt[d], leadersAt[d]);
    }
    long en = enabled[d];
    long self = 1L << tc;
    if ((initials & self & sleep[d] & en) != 0 && (lastPresent & self) == 0) {
      int[] growth = growth(sleepFootprint[d][tc], racing);
      if (growth.length > 0) {
        pendingWakes.add(new PendingWake(d, tc, e, growth));
      }
    }
    if ((initials & backtrack[d]) != 0) {
      return;
    }
    long candidates = initials & en & ~sleep[d];
    if (candidates == 0) {
      candidates = initials & en;
    }
    if (candidates != 0) {
      backtrack[d] |= Long.lowestOneBit(candidates);
    } else {
      backtrack[d] |= en;
      fallbacks++;
    }
  }

  /** A sleeping racing actor to wake at node {@code d} if {@code growth} meets a later event. */
  private record PendingWake(int d, int tc, int e, int[] growth) {}

  /**
   * Optimal DPOR: a race of event {@code e} with the step of {@code actor} at {@code end} (a closed
   * step, or the pending operation when {@code end} is the trace's size), reversed when the
   * execution ends.
   */
  private record Race(int e, int end, int actor, int[] racing, int[] clock) {}

  /**
   * Optimal DPOR reverses races once the execution is over, as the algorithm does: its reversal
   * {@code notdep(e, E).e'} holds every event of the whole execution that does not happen after
   * {@code e}, those after {@code e'} too. Without them, a sleeping actor independent of the events
   * up to {@code e'} would pass for a weak initial although a later event of the reversal must
   * precede it, and two subtrees could each take the other as covering a trace neither explores.
   */
  private void reverseRacesAtEnd() {
    for (Race r : racesAtEnd) {
      insertReversal(r.e(), Reversal.of(trace, r.e(), r.end(), r.actor(), r.racing(), r.clock()),
          r.actor(), r.racing());
    }
    racesAtEnd.clear();
  }

  /**
   * Wakes each sleeping racing actor whose extra accesses conflict with an event of another actor that
   * could come before it: one that does not happen after the event it raced with (in this execution,
   * or the next operation of an actor that did not finish).
   */
  @Override
  public void ended(Execution ex) {
    reverseRacesAtEnd();
    long unfinished = ex.unfinishedActors();
    for (PendingWake w : pendingWakes) {
      if (w.d() <= root) {
        SplitNode n = split[w.d()];
        if ((n.sleep() & (1L << w.tc())) != 0 && meetsLaterEvent(w, ex, unfinished)
            && n.wake(w.tc())) {
          pool.offer(n);
        }
        continue;
      }
      if ((sleep[w.d()] & (1L << w.tc())) != 0 && meetsLaterEvent(w, ex, unfinished)) {
        sleep[w.d()] &= ~(1L << w.tc());
        woken[w.d()] |= 1L << w.tc();
        backtrack[w.d()] |= 1L << w.tc();
        if (optimal && !wakeup[w.d()].hasChild(w.tc())) {
          wakeup[w.d()].add(new WakeupTree(w.tc(), null));
        }
      }
    }
    pendingWakes.clear();
  }

  /**
   * Whether an event of another actor that conflicts with {@code w}'s extra accesses could come before
   * the racing actor's step in the reversal: one that does not happen after the event it raced with.
   * Happens-after is taken without the racing actor's own later events, which the reversal replaces
   * (an event ordered after the race only through them is free to move); program order and conflicts
   * between the remaining events carry it, so any other edge missed only wakes more.
   */
  private boolean meetsLaterEvent(PendingWake w, Execution ex, long unfinished) {
    int e = w.e();
    int te = trace.actor[e];
    int se = trace.seq[e];
    boolean[] after = new boolean[trace.size - e];
    after[0] = true;
    long afterActors = 1L << te;
    Covered covered = new Covered(w.d(), e);
    for (int y = e + 1; y < trace.size; y++) {
      int a = trace.actor[y];
      if (a == w.tc()) {
        continue;
      }
      if (trace.clockAt(y, te) >= se
          && ((afterActors & (1L << a)) != 0 || followsAnyOf(after, e, y))) {
        after[y - e] = true;
        afterActors |= 1L << a;
      } else if (trace.chose[y]) {
        // a step with a choice inside does otherwise for its other values, whose executions
        // replay this race without reporting it: only here can the wake be decided
        return true;
      } else if (conflicts(w.growth(), y) && !covered.firstStep(a, y)) {
        return true;
      }
    }
    for (long m = unfinished & ~(1L << w.tc()); m != 0; m &= m - 1) {
      int a = Long.numberOfTrailingZeros(m);
      boolean ordered = (afterActors & (1L << a)) != 0 && ex.happensBeforePending(e, a);
      if (!ordered && Reversal.overlaps(w.growth(), ex.pendingFootprint(a))
          && !covered.firstStep(a, trace.size)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The actors whose step from node {@code d} is covered there (asleep, or explored from it
   * already), as a pending wake at {@code d} sees them. When such an actor's next event after the
   * node is that very step (it ran nothing since, and no event since conflicts with the step), an
   * execution in which it comes before the racing actor's step can start with it, and those are
   * explored from the node or from the sibling it sleeps for: it never decides the wake. (A
   * wake-up covered so beside a waiter that raced without sleeping woke the waiter, in some
   * exploration orders only, and the waiter's registering step then ran twice.)
   */
  private final class Covered {
    private final int d;
    private final int e;
    private final long actors;

    Covered(int d, int e) {
      this.d = d;
      this.e = e;
      this.actors = (sleep[d] | done[d]) & ~opaque[d] & ~(1L << trace.actor[e]);
    }

    /** Whether {@code y} (an event, or the trace's size for a pending operation) is one. */
    boolean firstStep(int a, int y) {
      if ((actors & (1L << a)) == 0) {
        return false;
      }
      int[] fp = footprint(a);
      if (fp == null) {
        return false;
      }
      for (int x = e; x < y; x++) {
        if (trace.actor[x] == a || conflicts(fp, x)) {
          return false;
        }
      }
      return true;
    }

    private int[] footprint(int a) {
      if ((done[d] & (1L << a)) == 0) {
        return sleepFootprint[d][a];
      }
      if (explored[d][a] == null && d <= root) {
        explored[d][a] = split[d].footprintOf(a); // a branch taken before this one: never cycles
      }
      return explored[d][a];
    }
  }

  /** Whether event {@code y} conflicts with an event marked in {@code after} (offsets from {@code e}). */
  private boolean followsAnyOf(boolean[] after, int e, int y) {
    for (int z = e; z < y; z++) {
      if (after[z - e] && conflicts(trace.footprint(z), y)) {
        return true;
      }
    }
    return false;
  }

  /** The accesses of footprint {@code fp} that no access of {@code known} is as strong as. */
  private static int[] growth(int[] fp, int[] known) {
    if (fp == null) {
      return new int[0];
    }
    int[] out = new int[fp.length];
    int n = 0;
    outer:
    for (int j = 0; j < fp.length; j += 2) {
      for (int i = 0; i < known.length; i += 2) {
        if (known[i] == fp[j] && Access.covers(known[i + 1], fp[j + 1])) {
          continue outer;
        }
      }
      out[n++] = fp[j];
      out[n++] = fp[j + 1];
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The actors that can start {@code v = notdep(e, E).p}: the events after {@code e} (up to
   * {@code end}) that do not happen after it, followed by the step {@code p} of actor {@code tc} (event
   * {@code end}, or a pending operation when {@code end} is the trace's size). An actor is an initial
   * when its first event in {@code v} happens after no other event of {@code v}.
   */
  private long initials(int e, int tc, int end, int[] curClock) {
    int te = trace.actor[e];
    int se = trace.seq[e];
    int[] first = firstInV;
    Arrays.fill(first, 0, trace.width, -1);
    long present = 0;
    for (int x = e + 1; x < end; x++) {
      if (trace.clockAt(x, te) >= se) {
        continue; // happens after e
      }
      int q = trace.actor[x];
      if (first[q] < 0) {
        first[q] = x;
        present |= 1L << q;
      }
    }
    lastPresent = present;
    long result = 0;
    long scan = present;
    while (scan != 0) {
      int q = Long.numberOfTrailingZeros(scan);
      scan &= scan - 1;
      if (isInitial(q, first[q], present, null)) {
        result |= 1L << q;
      }
    }
    if ((present & (1L << tc)) == 0 && isInitial(tc, -1, present, curClock)) {
      result |= 1L << tc;
    }
    return result;
  }

  private boolean isInitial(int q, int x, long present, int[] clock) {
    long others = present & ~(1L << q);
    while (others != 0) {
      int r = Long.numberOfTrailingZeros(others);
      others &= others - 1;
      int seen = clock != null ? clock[r] : trace.clockAt(x, r);
      if (seen >= trace.seq[firstInV[r]]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean nextExecution() {
    if (footprintsPending) { // the branch's first step never closed: its footprint stays unknown
      footprintsPending = false;
      split[sleepNode].publish(chosen[sleepNode], null, true);
    }
    for (int d = depth - 1; d > root; d--) {
      if (kind[d] == CHOICE) {
        if (chosen[d] + 1 < choices[d]) {
          chosen[d]++;
          frontier = d;
          guide = guideAt[d] == null ? null : guideAt[d].copy();
          return true;
        }
        continue;
      }
      if (optimal) {
        if (nextBranch(d)) {
          return true;
        }
        continue;
      }
      long candidates = backtrack[d] & ~done[d] & enabled[d];
      long asleep = candidates & sleep[d];
      candidates &= ~sleep[d];
      while (candidates != 0) {
        int c = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (branchTo(d, c)) {
          return true;
        }
      }
      sleepPruned += Long.bitCount(asleep);
    }
    return pool != null && climb();
  }

  /** Optimal DPOR: takes the first branch of node {@code d}'s wakeup tree that can run there. */
  private boolean nextBranch(int d) {
    WakeupTree w = wakeup[d];
    while (w != null && !w.isLeaf()) {
      WakeupTree b = w.removeChild(0);
      int c = b.actor;
      long bit = 1L << c;
      if (((sleep[d] | done[d]) & bit) != 0) {
        sleepPruned++;
        continue;
      }
      if ((enabled[d] & bit) == 0) {
        continue; // a blocked actor's branch: its fallback added every enabled one
      }
      if (branchTo(d, c)) {
        guide = b;
        return true;
      }
    }
    return false;
  }

  /** Makes {@code c} the next branch at node {@code d}, unless the preemption bound prunes it. */
  private boolean branchTo(int d, int c) {
    int p = (d == 0 ? 0 : preemptions[d - 1]) + (isPreemption(d, c) ? 1 : 0);
    done[d] |= 1L << c;
    if (preemptionBound >= 0 && p > preemptionBound) {
      boundPruned++;
      return false;
    }
    chosen[d] = c;
    preemptions[d] = p;
    explored[d][c] = null;
    opaque[d] &= ~(1L << c);
    frontier = d;
    return true;
  }

  /**
   * The share of the search tree that lies before the path of the execution that just ended, in
   * depth-first order, if every node's branches had subtrees of equal size: at each node, the
   * branches done before the current one over its branches, scaled by the share of its parent.
   * The branches of a node: those in its backtrack set now, or ({@code atMost}) every enabled actor
   * not asleep there, which its backtrack set may still gain.
   */
  @Override
  public double doneFraction(boolean atMost) {
    double share = 1;
    double before = 0;
    for (int d = 0; d < depth; d++) {
      int b;
      int i;
      if (kind[d] == CHOICE) {
        b = choices[d];
        i = chosen[d];
      } else {
        long may = atMost ? enabled[d] : backtrack[d] | done[d];
        b = Long.bitCount((may | done[d]) & enabled[d] & ~(sleep[d] & ~done[d]));
        i = Long.bitCount(done[d] & enabled[d]) - 1;
      }
      b = Math.max(1, b);
      before += share * Math.max(0, i) / b;
      share /= b;
    }
    return before + share;
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * The stack up to the frontier and the counters, between two executions (after
   * {@link #nextExecution} chose the next branch). Only the search of a single worker.
   */
  Checkpoint.Search snapshot() {
    List<Checkpoint.Node> nodes = new ArrayList<>(frontier + 1);
    for (int d = 0; d <= frontier; d++) {
      nodes.add(node(d));
    }
    return new Checkpoint.Search(preemptionBound, optimal, trace.width, frontier, nextOpaque,
        choiceSeen, Checkpoint.Tree.of(guide), nodes, sleepBlocked, sleepPruned, fallbacks,
        boundPruned, guideMisses, guideWakes, sourceBecause, optimalExecutions);
  }

  private Checkpoint.Node node(int d) {
    return new Checkpoint.Node(kind[d], chosen[d], choices[d], running[d], signature[d],
        preemptions[d], enabled[d], backtrack[d], done[d], sleep[d], opaque[d], woken[d],
        explored[d], sleepFootprint[d], Checkpoint.Tree.of(wakeup[d]),
        Checkpoint.Tree.of(guideAt[d]));
  }

  /** Puts a {@link #snapshot} back: the next execution replays up to its frontier. */
  void restore(Checkpoint.Search s) {
    // an optimal run that gave way to source-DPOR goes on as source-DPOR
    boolean switched = optimal && !s.optimal() && s.sourceBecause() != null;
    if (s.preemptionBound() != preemptionBound || s.optimal() != optimal && !switched
        || s.width() != trace.width || s.nodes().size() != s.frontier() + 1) {
      throw new Checkpoint.Invalid("the checkpoint's search does not fit this exploration");
    }
    optimal = s.optimal();
    sourceBecause = s.sourceBecause();
    optimalExecutions = s.optimalExecutions();
    ensure(s.frontier() + 1);
    for (int d = 0; d <= s.frontier(); d++) {
      Checkpoint.Node n = s.nodes().get(d);
      kind[d] = n.kind();
      chosen[d] = n.chosen();
      choices[d] = n.choices();
      running[d] = n.running();
      signature[d] = n.signature();
      preemptions[d] = n.preemptions();
      enabled[d] = n.enabled();
      backtrack[d] = n.backtrack();
      done[d] = n.done();
      sleep[d] = n.sleep();
      opaque[d] = n.opaque();
      woken[d] = n.woken();
      explored[d] = footprints(n.explored());
      sleepFootprint[d] = footprints(n.sleepFootprint());
      wakeup[d] = Checkpoint.Tree.toWakeupTree(n.wakeup());
      guideAt[d] = Checkpoint.Tree.toWakeupTree(n.guideAt());
    }
    frontier = s.frontier();
    nextOpaque = s.nextOpaque();
    choiceSeen = s.choiceSeen();
    guide = Checkpoint.Tree.toWakeupTree(s.guide());
    sleepBlocked = s.sleepBlocked();
    sleepPruned = s.sleepPruned();
    fallbacks = s.fallbacks();
    boundPruned = s.boundPruned();
    guideMisses = s.guideMisses();
    guideWakes = s.guideWakes();
  }

  private int[][] footprints(int[][] saved) {
    int[][] out = new int[trace.width][];
    if (saved != null) {
      System.arraycopy(saved, 0, out, 0, Math.min(saved.length, out.length));
    }
    return out;
  }

  // ---------------------------------------------------------------- parallel exploration

  /** Makes this search one of several workers sharing split nodes through {@code pool}. */
  void attach(WorkPool pool) {
    this.pool = pool;
  }

  /** Source-DPOR's addition at a split node; the node is offered when it gained a branch. */
  private void addSplitBacktrack(int d, int e, long initials, int tc, int[] racing) {
    SplitNode n = split[d];
    long self = 1L << tc;
    if ((initials & self & n.sleep() & n.enabled) != 0 && (lastPresent & self) == 0) {
      int[] growth = growth(n.sleepFootprint[tc], racing);
      if (growth.length > 0) {
        pendingWakes.add(new PendingWake(d, tc, e, growth));
      }
    }
    if (n.addBacktrack(initials)) {
      pool.offer(n);
    }
  }

  /**
   * First close at the sleep node of a branch taken from a split node: publishes this step's footprint
   * for later takers, and fetches those of the branches taken before, which its sleep set holds (one
   * whose footprint is unknown does not sleep: sound, at worst redundant).
   */
  private void settleFootprints(int d, int t, boolean chose) {
    footprintsPending = false;
    SplitNode n = split[d];
    n.publish(t, explored[d][t], chose);
    for (long s = done[d] & ~(1L << t); s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      explored[d][q] = n.footprintOf(q);
      if (explored[d][q] == null) {
        done[d] &= ~(1L << q);
      }
    }
  }

  /** Climbs the split nodes above this worker's branch for one to take; false when none has any. */
  private boolean climb() {
    for (SplitNode n = root < 0 ? null : split[root]; n != null; n = n.parent) {
      int c = n.take(taken);
      if (c >= 0) {
        enter(n, c, taken[0]);
        return true;
      }
    }
    return false;
  }

  /**
   * Starts branch {@code c} of split node {@code n}, taken after the branches {@code doneThen}:
   * rebuilds the replayed path from the chain of split nodes above it.
   */
  void enter(SplitNode n, int c, long doneThen) {
    ensure(n.depth);
    int via = c;
    long doneAtVia = doneThen;
    for (SplitNode m = n; m != null; m = m.parent) {
      int i = m.depth;
      split[i] = m;
      kind[i] = m.kind;
      enabled[i] = m.enabled;
      running[i] = m.running;
      signature[i] = m.signature;
      choices[i] = m.choices;
      chosen[i] = via;
      done[i] = doneAtVia;
      backtrack[i] = doneAtVia;
      sleep[i] = m.sleep();
      preemptions[i] = 0;
      opaque[i] = 0;
      woken[i] = 0;
      explored[i] = new int[trace.width][];
      sleepFootprint[i] = m.sleepFootprint.clone();
      via = m.via;
      doneAtVia = m.doneAtVia;
    }
    root = n.depth;
    rootDone = doneThen;
    frontier = root;
    footprintsPending = findSleepNode() >= 0;
  }

  /**
   * Whether this worker's branch still owes later takers of its node its first step's footprint:
   * it must run before the worker pauses for a checkpoint (they may be waiting for it).
   */
  boolean footprintsPending() {
    return footprintsPending;
  }

  /** The split node this worker's branch hangs from, or null (its stack starts at the root). */
  SplitNode rootNode() {
    return root < 0 ? null : split[root];
  }

  /**
   * This worker's place, between two executions, for a checkpoint: its branch of the split node
   * at index {@code node} (-1: none) and its nodes below, down to the branch it runs next.
   */
  Checkpoint.Lease lease(int node) {
    return new Checkpoint.Lease(node, root < 0 ? -1 : chosen[root], root < 0 ? 0 : rootDone,
        handBack());
  }

  /** Adds the counters of the searches before a resume. */
  void addCounters(long blocked, long pruned, long fellBack) {
    sleepBlocked += blocked;
    sleepPruned += pruned;
    fallbacks += fellBack;
  }

  /** Sets {@link #sleepNode} for the current root: the scheduling node at or above it. */
  private int findSleepNode() {
    sleepNode = root;
    while (sleepNode >= 0 && kind[sleepNode] != SCHED) {
      sleepNode--;
    }
    return sleepNode;
  }

  /**
   * Hands work to an idle worker: turns this worker's nodes down to the shallowest one with a branch
   * left into split nodes and offers that one. Its own branch there continues here; the branches
   * left are taken by whoever comes first. False when no node below the root has a branch left.
   */
  boolean split() {
    for (int d = root + 1; d < depth - 1; d++) {
      if (branchLeft(d)) {
        promote(d);
        pool.offer(split[d]);
        return true;
      }
    }
    return false;
  }

  /**
   * Ends a cluster lease early, between two executions (after {@link #nextExecution} chose the
   * next branch): the nodes below the root down to the frontier, which the coordinator turns into
   * split nodes as {@link #split} would (its branch at the frontier becomes the next lease). Their
   * footprint arrays are copies: the search goes no further.
   */
  List<Checkpoint.Node> handBack() {
    List<Checkpoint.Node> nodes = new ArrayList<>(frontier - root);
    for (int d = root + 1; d <= frontier; d++) {
      nodes.add(node(d));
    }
    return nodes;
  }

  /** Whether node {@code d} has a branch not yet taken. */
  private boolean branchLeft(int d) {
    return kind[d] == CHOICE ? chosen[d] + 1 < choices[d]
        : (backtrack[d] & ~done[d] & enabled[d] & ~sleep[d]) != 0;
  }

  /**
   * Whether {@link #handBack} would give the coordinator a branch to hand out: some node below
   * the root, down to the frontier, has one not yet taken.
   */
  boolean canHandBack() {
    for (int d = root + 1; d <= frontier; d++) {
      if (branchLeft(d)) {
        return true;
      }
    }
    return false;
  }

  private void promote(int to) {
    SplitNode parent = root < 0 ? null : split[root];
    for (int i = root + 1; i <= to; i++) {
      SplitNode n = new SplitNode(pool, parent, i == 0 ? -1 : chosen[i - 1], i == 0 ? 0 : done[i - 1],
          i, kind[i], enabled[i], running[i], signature[i], choices[i], sleep[i], sleepFootprint[i],
          backtrack[i], done[i], chosen[i] + 1, trace.width);
      n.publishExplored(done[i], chosen[i], opaque[i], explored[i]);
      split[i] = n;
      parent = n;
    }
    root = to;
    findSleepNode();
  }

  @Override
  public boolean needsFixedFootprints() {
    return optimal;
  }

  @Override
  public void contextDependent(String what) {
    if (optimal && !switchWanted) {
      switchWanted = true;
      sourceBecause = what;
    }
  }

  /**
   * After an execution: when a context-dependent step ran in it, turns this search into
   * source-DPOR and returns true; the caller then restarts it from the root ({@link #reset}).
   * Optimal DPOR's decisions so far assumed what that step showed false, so none of them is kept.
   * In the very first execution there are none: the search goes on as source-DPOR from that
   * execution (false), which is then counted once, as a source-DPOR run counts it.
   */
  boolean switchToSource(long executionsSoFar) {
    if (!switchWanted) {
      return false;
    }
    optimal = false;
    switchWanted = false;
    if (executionsSoFar == 1 && frontier < 0 && root < 0 && !casWidened) {
      // The first execution decided nothing yet, and source-DPOR would have run it step for step
      // alike: its races become source-DPOR's backtrack points, in the order they were found.
      for (Race r : racesAtEnd) {
        addBacktrack(r.e(), initials(r.e(), r.actor(), r.end(), r.clock()), r.actor(), r.racing());
      }
      racesAtEnd.clear();
      guide = null;
      return false;
    }
    optimalExecutions = executionsSoFar;
    return true;
  }

  @Override
  public void failedCasCountedAsWrite() {
    casWidened = true;
  }

  /** {@code optimal}, {@code source}, or {@code optimal->source} after a switch. */
  String reduction() {
    return sourceBecause != null ? "optimal->source" : optimal ? "optimal" : "source";
  }

  /** The step that made optimal DPOR give way to source-DPOR, or null. */
  String sourceBecause() {
    return sourceBecause;
  }

  @Override
  public boolean exhaustive() {
    return preemptionBound < 0 || boundPruned == 0;
  }

  @Override
  public void addStatistics(Statistics.Builder stats) {
    stats.sleepBlocked(sleepBlocked).sleepPruned(sleepPruned).fallbacks(fallbacks)
        .boundPruned(boundPruned).guideMisses(guideMisses)
        .guideWakes(guideWakes).reduction(reduction()).sourceBecause(sourceBecause)
        .optimalExecutions(optimalExecutions);
  }
}

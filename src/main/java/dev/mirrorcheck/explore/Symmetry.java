package dev.mirrorcheck.explore;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Symmetry reduction for one execution: groups of interchangeable actors (declared with
 * {@code World.symmetric}) and the rule that explores one representative per orbit. Two members of a
 * group are <em>twins</em> at a scheduling point when they are in the same local state; of a set of
 * twins only the lowest-numbered may run, the others are <em>held</em>.
 *
 * <p>Two modes decide what counts as the same local state. {@link ExplorerOptions.SymmetryMode#START}:
 * both have taken no step and are about to run the same operation on the same object (the
 * start-order rule: members start in index order). {@link ExplorerOptions.SymmetryMode#STATES}: both
 * have the same <em>history</em>, the operations they ran (kind and object) and every value the
 * facade returned to them, in order. The members run the same deterministic code, so equal histories
 * mean equal local states.
 *
 * <p>Why this is sound, and how the partial-order reduction sees it, is in {@code docs/explorer.md},
 * "Symmetry": members run the same code on a world that no actor id distinguishes, so renaming twins
 * maps the executions from a state where one runs to those where the other does. The rule enables and
 * disables steps, so it takes part in the dependency relation: a twin's step that ends the twinship
 * <em>enables</em> the held twins (their pending operations join it), and a step that makes an actor the twin
 * of a runnable higher member <em>disables</em> that member (a race with its pending step).
 */
final class Symmetry {

  private final ExplorerOptions.SymmetryMode mode;
  /** Per group, its members as a bit mask of actor ids. */
  private long[] groups = new long[0];
  private long members;
  /** Per actor: the lowest twin holding it back at the last scheduling point, or -1. */
  private int[] leader = new int[0];
  private long held;
  /** Numbers for references returned to members, in order of first sight (stable across replays). */
  private final IdentityHashMap<Object, Integer> refs = new IdentityHashMap<>();

  /** False only in tests that break the rule on purpose: twins by their pending operation alone. */
  private final boolean histories;

  Symmetry(ExplorerOptions.SymmetryMode mode, boolean histories) {
    this.mode = mode;
    this.histories = histories;
  }

  /** Whether the rule can hold any actor back. */
  boolean active() {
    return members != 0;
  }

  /** Declares {@code group} interchangeable; fewer than two actors change nothing. */
  void declare(long group) {
    if (mode == ExplorerOptions.SymmetryMode.OFF || Long.bitCount(group) < 2) {
      return;
    }
    if ((members & group) != 0) {
      throw new IllegalArgumentException("an actor is declared in two symmetry groups");
    }
    groups = Arrays.copyOf(groups, groups.length + 1);
    groups[groups.length - 1] = group;
    members |= group;
  }

  /** Whether {@code actor} belongs to a group. */
  boolean isMember(int actor) {
    return (members & (1L << actor)) != 0;
  }

  /** Whether histories are kept (only in {@link ExplorerOptions.SymmetryMode#STATES}). */
  boolean tracksHistory() {
    return mode == ExplorerOptions.SymmetryMode.STATES && members != 0;
  }

  /** A key for a reference a member was given: equal keys for the same object. */
  long refKey(Object o) {
    if (o == null) {
      return -1;
    }
    Integer k = refs.get(o);
    if (k == null) {
      k = refs.size();
      refs.put(o, k);
    }
    return k;
  }

  /**
   * Recomputes the twins at a scheduling point and returns the actors held back. Each member's
   * {@link XActor#twinsAbove} is updated; the previous value is returned in {@code before} (indexed by
   * actor id) for {@link #afterStep}.
   */
  long hold(List<XActor> actors, long[] before) {
    if (leader.length < actors.size()) {
      leader = new int[Math.max(actors.size(), 8)];
    }
    held = 0;
    for (long g : groups) {
      for (long m = g; m != 0; m &= m - 1) {
        XActor w = actors.get(Long.numberOfTrailingZeros(m));
        before[w.id] = w.twinsAbove;
        w.twinsAbove = 0;
      }
      for (long m = g; m != 0; m &= m - 1) {
        XActor w = actors.get(Long.numberOfTrailingZeros(m));
        leader[w.id] = -1;
        if (w.finished) {
          continue;
        }
        for (long l = g & ((1L << w.id) - 1); l != 0; l &= l - 1) {
          XActor u = actors.get(Long.numberOfTrailingZeros(l));
          if (!u.finished && twins(u, w)) {
            u.twinsAbove |= 1L << w.id;
            if (leader[w.id] < 0) {
              leader[w.id] = u.id;
              held |= 1L << w.id;
            }
          }
        }
      }
    }
    return held;
  }

  private boolean twins(XActor u, XActor w) {
    // What the facade keeps per actor must agree too: a woken sleeper and one still asleep are in
    // different states even with the same history.
    if (u.pending != w.pending || u.pendingTarget != w.pendingTarget
        || u.pendingJoin != w.pendingJoin || u.sleeping != w.sleeping
        || u.announcedWriter != w.announcedWriter || u.held != w.held || u.enabled() != w.enabled()) {
      return false;
    }
    if (mode == ExplorerOptions.SymmetryMode.START) {
      return u.seq == 0 && w.seq == 0;
    }
    return !histories || u.historyLength == w.historyLength && u.historyHash == w.historyHash
        && Arrays.equals(u.history, 0, u.historyLength, w.history, 0, w.historyLength);
  }

  /** The actors held back at the last scheduling point. */
  long held() {
    return held;
  }

  /** The twin holding {@code actor} back at the last scheduling point, or -1. */
  int leaderOf(int actor) {
    return actor < leader.length && (held & (1L << actor)) != 0 ? leader[actor] : -1;
  }

  /**
   * Replaces every actor of {@code initials} held back at a node (given its {@code held} mask and
   * {@code leaders}) by its leader there: an execution in which a held twin runs at that node is the
   * renaming of one in which its leader does.
   */
  static long redirect(long initials, long held, int[] leaders) {
    long back = initials & held;
    long out = initials & ~back;
    for (long s = back; s != 0; s &= s - 1) {
      out |= 1L << leaders[Long.numberOfTrailingZeros(s)];
    }
    return out;
  }

  /** The leaders of the actors held at the last scheduling point, indexed by actor (a copy). */
  int[] leaders(int width) {
    int[] out = new int[width];
    Arrays.fill(out, -1);
    for (long s = held; s != 0; s &= s - 1) {
      int a = Long.numberOfTrailingZeros(s);
      out[a] = leader[a];
    }
    return out;
  }
}

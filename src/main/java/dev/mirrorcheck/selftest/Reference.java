package dev.mirrorcheck.selftest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The brute-force reference: compiles a {@link Program} to a tiny instruction set and enumerates every
 * reachable state explicitly (depth-first, with a visited set). It shares nothing with the explorer's
 * runtime; its semantics are written from the facade's documentation:
 *
 * <ul>
 *   <li>A step is one scheduling point: an actor runs one facade operation and then everything up to
 *       its next facade operation (register arithmetic, branches, choices, assertions, peeks, pokes and
 *       {@code heldByCurrentActor}); an atomic block is one step. Actors run their code before their
 *       first operation at start-up (children: inside the step that spawns them).
 *   <li>Mutex: a lock waits until the mutex is free; trylock takes it if free and never waits.
 *   <li>Read-write semaphore: readers wait while a writer holds it or, when writers are preferred, while
 *       a writer is queued; a writer that finds it busy queues in one step (when writers are preferred;
 *       otherwise it simply waits) and takes it in a later step once it is free. The trylocks never
 *       wait and never queue; the write trylock ignores queued writers.
 *   <li>Wait queue: a waiter checks its condition and, if it is false, registers and sleeps in the same
 *       step; a wake-up wakes every registered sleeper, which then re-checks in a step of its own. A
 *       bare sleep registers without a check and returns in its next step once woken.
 *   <li>An actor whose assertion fails stops there, holding whatever it holds.
 * </ul>
 *
 * Findings are those of the explorer's documentation: invariants on every reachable state, end checks
 * on final states in which no actor failed, and a deadlock (no actor can run, some have not finished)
 * unless some blocked actor waits, directly or through other blocked actors, for one that failed. A
 * deadlock is L4 (lost wake-up) when every blocked actor sleeps on a wait queue and some sleeper's
 * condition already holds or it slept without one; otherwise L1.
 */
public final class Reference {
  private static final int UNSTARTED = 0;
  private static final int RUNNING = 1;
  private static final int FINISHED = 2;
  private static final int FAILED = 3;

  private enum Op {
    GET, SET, ADD, CAS, XCHG, PEEK, POKE,
    LOCK, UNLOCK, TRYLOCK,
    DOWN_READ, UP_READ, DOWN_WRITE, WRITE_QUEUED, UP_WRITE, TRY_READ, TRY_WRITE,
    HELD_MUTEX, HELD_SEM,
    ATOMIC, WAIT, SLEEP, RESUME, WAKE,
    CHOOSE, JUMP, JUMP_IF, JUMP_UNLESS, SET_REG, INC_REG, ASSERT, SPAWN, JOIN
  }

  /** One instruction; {@code sched}: a scheduling point comes before it. */
  private static final class Instr {
    final Op op;
    final boolean sched;
    final int object; // slot, mutex, semaphore, queue, actor, register or choice count
    final int reg;
    final int delta;
    final Expr e1;
    final Expr e2;
    final Cond cond;
    final String property;
    int target = -1;

    Instr(Op op, boolean sched, int object, int reg, int delta, Expr e1, Expr e2, Cond cond,
        String property) {
      this.op = op;
      this.sched = sched;
      this.object = object;
      this.reg = reg;
      this.delta = delta;
      this.e1 = e1;
      this.e2 = e2;
      this.cond = cond;
      this.property = property;
    }
  }

  private final Program p;
  private final int actors;
  private final int slots;
  private final Program.Type[] slotType;
  private final int mutexBase;
  private final int semBase;
  private final int semWidth;
  private final int actorBase;
  private final int actorWidth;
  private final int startBase; // children spawned before their parent's first operation, in order
  private final List<Integer> topLevel = new ArrayList<>();
  private final int regWidth;
  private final Instr[][] code;
  private final Set<String> violations = new TreeSet<>();
  private final Set<String> finals = new TreeSet<>();

  private Reference(Program p) {
    this.p = p;
    actors = p.actors().size();
    slots = p.slots();
    slotType = new Program.Type[slots];
    int s = 0;
    for (Program.Cell c : p.cells()) {
      for (int e = 0; e < c.length(); e++) {
        slotType[s++] = c.type();
      }
    }
    int loops = 0;
    code = new Instr[actors][];
    for (int a = 0; a < actors; a++) {
      Compiler c = new Compiler();
      c.block(p.actors().get(a).body(), false);
      code[a] = c.out.toArray(new Instr[0]);
      loops = Math.max(loops, c.loops);
    }
    regWidth = Program.REGISTERS + loops;
    mutexBase = slots;
    semBase = mutexBase + p.mutexes().size();
    semWidth = 2 + actors; // writer, queued writers, readers per actor
    actorBase = semBase + p.sems().size() * semWidth;
    actorWidth = 3 + regWidth; // pc, status, queue slept on, registers
    startBase = actorBase + actors * actorWidth;
    for (int a = 0; a < actors; a++) {
      if (!p.actors().get(a).child()) {
        topLevel.add(a);
      }
    }
  }

  /**
   * Enumerates every reachable state of {@code program}, up to {@code maxStates} (the outcome is then
   * marked incomplete).
   */
  public static Outcome explore(Program program, int maxStates) {
    return new Reference(program).run(maxStates);
  }

  // ------------------------------------------------------------------ compiling

  private final class Compiler {
    final List<Instr> out = new ArrayList<>();
    int loops;

    private Instr emit(Op op, boolean sched, int object, int reg, int delta, Expr e1, Expr e2,
        Cond cond, String property) {
      Instr in = new Instr(op, sched, object, reg, delta, e1, e2, cond, property);
      out.add(in);
      return in;
    }

    private Instr emit(Op op, boolean sched, int object) {
      return emit(op, sched, object, 0, 0, null, null, null, null);
    }

    void block(List<Stmt> body, boolean atomic) {
      for (Stmt s : body) {
        stmt(s, atomic);
      }
    }

    private void stmt(Stmt s, boolean atomic) {
      boolean sched = !atomic;
      if (s instanceof Stmt.Get g) {
        emit(Op.GET, sched, p.slot(g.loc()), g.reg(), 0, null, null, null, null);
      } else if (s instanceof Stmt.Set st) {
        emit(Op.SET, sched, p.slot(st.loc()), 0, 0, st.value(), null, null, null);
      } else if (s instanceof Stmt.Add ad) {
        emit(Op.ADD, sched, p.slot(ad.loc()), ad.reg(), ad.delta(), null, null, null, null);
      } else if (s instanceof Stmt.Cas c) {
        emit(Op.CAS, sched, p.slot(c.loc()), c.reg(), 0, c.expected(), c.value(), null, null);
      } else if (s instanceof Stmt.Xchg x) {
        emit(Op.XCHG, sched, p.slot(x.loc()), x.reg(), 0, x.value(), null, null, null);
      } else if (s instanceof Stmt.Peek pk) {
        emit(Op.PEEK, false, p.slot(pk.loc()), pk.reg(), 0, null, null, null, null);
      } else if (s instanceof Stmt.Poke pk) {
        emit(Op.POKE, false, p.slot(pk.loc()), 0, 0, pk.value(), null, null, null);
      } else if (s instanceof Stmt.Locked l) {
        emit(Op.LOCK, sched, l.mutex());
        block(l.body(), atomic);
        emit(Op.UNLOCK, sched, l.mutex());
      } else if (s instanceof Stmt.TryLocked t) {
        Instr test = emit(Op.TRYLOCK, sched, t.mutex());
        block(t.body(), atomic);
        emit(Op.UNLOCK, sched, t.mutex());
        branchTail(test, t.otherwise(), atomic);
      } else if (s instanceof Stmt.RwLocked rw) {
        if (rw.write()) {
          emit(Op.DOWN_WRITE, sched, rw.sem());
          emit(Op.WRITE_QUEUED, true, rw.sem());
        } else {
          emit(Op.DOWN_READ, sched, rw.sem());
        }
        block(rw.body(), atomic);
        emit(rw.write() ? Op.UP_WRITE : Op.UP_READ, sched, rw.sem());
      } else if (s instanceof Stmt.TryRwLocked rw) {
        Instr test = emit(rw.write() ? Op.TRY_WRITE : Op.TRY_READ, sched, rw.sem());
        block(rw.body(), atomic);
        emit(rw.write() ? Op.UP_WRITE : Op.UP_READ, sched, rw.sem());
        branchTail(test, rw.otherwise(), atomic);
      } else if (s instanceof Stmt.Held h) {
        emit(h.sem() ? Op.HELD_SEM : Op.HELD_MUTEX, false, h.object(), h.reg(), 0, null, null, null,
            null);
      } else if (s instanceof Stmt.Atomic at) {
        emit(Op.ATOMIC, sched, 0);
        block(at.body(), true);
      } else if (s instanceof Stmt.Wait w) {
        emit(Op.WAIT, true, w.queue(), 0, 0, null, null, w.condition(), null);
      } else if (s instanceof Stmt.Sleep sl) {
        emit(Op.SLEEP, true, sl.queue());
        emit(Op.RESUME, true, sl.queue());
      } else if (s instanceof Stmt.Wake wk) {
        emit(Op.WAKE, sched, wk.queue());
      } else if (s instanceof Stmt.Choose ch) {
        emit(Op.CHOOSE, false, ch.n(), ch.reg(), 0, null, null, null, null);
      } else if (s instanceof Stmt.If f) {
        Instr test = emit(Op.JUMP_UNLESS, false, 0, 0, 0, null, null, f.condition(), null);
        block(f.then(), atomic);
        branchTail(test, f.otherwise(), atomic);
      } else if (s instanceof Stmt.Retry rt) {
        int counter = Program.REGISTERS + loops++;
        emit(Op.SET_REG, false, counter);
        int start = out.size();
        block(rt.body(), atomic);
        Instr done = emit(Op.JUMP_IF, false, 0, 0, 0, null, null, rt.until(), null);
        emit(Op.INC_REG, false, counter);
        Instr again = emit(Op.JUMP_IF, false, 0, 0, 0, null, null,
            new Cond.Cmp(new Cond.Reg(counter), false, new Cond.Const(rt.max())), null);
        again.target = start;
        done.target = out.size();
      } else if (s instanceof Stmt.Assert as) {
        emit(Op.ASSERT, false, 0, 0, 0, null, null, as.condition(), as.property());
      } else if (s instanceof Stmt.Spawn sp) {
        emit(Op.SPAWN, true, sp.actor());
      } else if (s instanceof Stmt.Join j) {
        emit(Op.JOIN, true, j.actor());
      } else {
        throw new IllegalArgumentException("unknown statement " + s);
      }
    }

    /** The else part of a two-way statement whose test jumps to it when it fails. */
    private void branchTail(Instr test, List<Stmt> otherwise, boolean atomic) {
      if (otherwise.isEmpty()) {
        test.target = out.size();
        return;
      }
      Instr skip = emit(Op.JUMP, false, 0);
      test.target = out.size();
      block(otherwise, atomic);
      skip.target = out.size();
    }
  }

  // ------------------------------------------------------------------ state layout

  private int pcAt(int a) {
    return actorBase + a * actorWidth;
  }

  private int statusAt(int a) {
    return actorBase + a * actorWidth + 1;
  }

  private int sleepAt(int a) {
    return actorBase + a * actorWidth + 2;
  }

  private int regAt(int a, int r) {
    return actorBase + a * actorWidth + 3 + r;
  }

  private int writerAt(int sem) {
    return semBase + sem * semWidth;
  }

  private int queuedAt(int sem) {
    return semBase + sem * semWidth + 1;
  }

  private int readersAt(int sem, int a) {
    return semBase + sem * semWidth + 2 + a;
  }

  private boolean semFree(int[] s, int sem) {
    if (s[writerAt(sem)] >= 0) {
      return false;
    }
    for (int a = 0; a < actors; a++) {
      if (s[readersAt(sem, a)] > 0) {
        return false;
      }
    }
    return true;
  }

  private boolean readable(int[] s, int sem) {
    return s[writerAt(sem)] < 0 && !(p.sems().get(sem).fair() && s[queuedAt(sem)] > 0);
  }

  private Cond.Values values(int[] s, int a) {
    return new Cond.Values() {
      @Override
      public int register(int reg) {
        return s[regAt(a, reg)];
      }

      @Override
      public int location(Loc loc) {
        return s[p.slot(loc)];
      }
    };
  }

  // ------------------------------------------------------------------ exploration

  private static final class Key {
    final int[] s;
    final int hash;

    Key(int[] s) {
      this.s = s;
      this.hash = Arrays.hashCode(s);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && Arrays.equals(s, ((Key) o).s);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private Outcome run(int maxStates) {
    int[] init = new int[startBase + 1 + actors];
    int slot = 0;
    for (Program.Cell c : p.cells()) {
      for (int e = 0; e < c.length(); e++) {
        init[slot++] = c.type().normalise(c.initial());
      }
    }
    for (int m = 0; m < p.mutexes().size(); m++) {
      init[mutexBase + m] = -1;
    }
    for (int sem = 0; sem < p.sems().size(); sem++) {
      init[writerAt(sem)] = -1;
    }
    for (int a = 0; a < actors; a++) {
      init[sleepAt(a)] = -1;
    }
    List<int[]> starts = new ArrayList<>();
    startFrom(init, 0, starts::add);
    Set<Key> seen = new HashSet<>();
    Deque<int[]> todo = new ArrayDeque<>();
    for (int[] s : starts) {
      if (seen.add(new Key(s))) {
        todo.push(s);
      }
    }
    boolean complete = true;
    while (!todo.isEmpty()) {
      int[] s = todo.pop();
      visit(s);
      for (int a = 0; a < actors; a++) {
        if (s[statusAt(a)] == RUNNING && enabled(s, a)) {
          exec(s.clone(), a, true, false, next -> {
            if (seen.add(new Key(next))) {
              todo.push(next);
            }
          });
        }
      }
      if (seen.size() > maxStates) {
        complete = false;
        break;
      }
    }
    return new Outcome(finals, violations, complete, seen.size());
  }

  /** Checks one state: invariants, and the end of the program or a deadlock. */
  private void visit(int[] s) {
    for (Program.Check c : p.checks()) {
      if (c.kind() == Program.CheckKind.INVARIANT && violated(c, s)) {
        violations.add("INVARIANT|" + c.property());
      }
    }
    boolean running = false;
    boolean anyEnabled = false;
    boolean anyFailed = false;
    for (int a = 0; a < actors; a++) {
      int st = s[statusAt(a)];
      anyFailed |= st == FAILED;
      if (st == RUNNING) {
        running = true;
        anyEnabled |= enabled(s, a);
      }
    }
    if (!running) {
      if (!anyFailed) {
        for (Program.Check c : p.checks()) {
          if (c.kind() == Program.CheckKind.AT_END && violated(c, s)) {
            violations.add("END_CHECK|" + c.property());
          }
        }
      }
      finals.add(describe(s));
    } else if (!anyEnabled) {
      deadlock(s);
    }
  }

  private boolean violated(Program.Check c, int[] s) {
    Cond.Values v = values(s, 0);
    return (c.guard() == null || Cond.eval(c.guard(), v)) && !Cond.eval(c.condition(), v);
  }

  private String describe(int[] s) {
    int[][] regs = new int[actors][Program.REGISTERS];
    char[] status = new char[actors];
    for (int a = 0; a < actors; a++) {
      for (int r = 0; r < Program.REGISTERS; r++) {
        regs[a][r] = s[regAt(a, r)];
      }
      int st = s[statusAt(a)];
      status[a] = st == FAILED ? FinalState.FAILED
          : st == UNSTARTED ? FinalState.UNSTARTED : FinalState.NORMAL;
    }
    return FinalState.describe(p, slot -> s[slot], regs, status);
  }

  private void deadlock(int[] s) {
    // Suppressed when a failed actor is reachable over wait-for edges from a blocked one.
    for (int a = 0; a < actors; a++) {
      if (s[statusAt(a)] == RUNNING && reachesFailed(s, a, new boolean[actors])) {
        return;
      }
    }
    boolean allSleep = true;
    boolean missed = false;
    for (int a = 0; a < actors; a++) {
      if (s[statusAt(a)] != RUNNING) {
        continue;
      }
      if (s[sleepAt(a)] < 0) {
        allSleep = false;
        break;
      }
      Instr in = code[a][s[pcAt(a)]];
      missed |= in.op != Op.WAIT || Cond.eval(in.cond, values(s, a));
    }
    violations.add("DEADLOCK|" + (allSleep && missed ? "L4" : "L1"));
  }

  private boolean reachesFailed(int[] s, int a, boolean[] visited) {
    if (visited[a]) {
      return false;
    }
    visited[a] = true;
    for (int b : waitsFor(s, a)) {
      int st = s[statusAt(b)];
      if (st == FAILED || st == RUNNING && reachesFailed(s, b, visited)) {
        return true;
      }
    }
    return false;
  }

  /** The actors a blocked actor waits for: holders of what it acquires, or the actor it joins. */
  private List<Integer> waitsFor(int[] s, int a) {
    List<Integer> out = new ArrayList<>();
    if (s[sleepAt(a)] >= 0) {
      return out;
    }
    Instr in = code[a][s[pcAt(a)]];
    switch (in.op) {
      case LOCK:
        out.add(s[mutexBase + in.object]);
        break;
      case DOWN_READ:
      case DOWN_WRITE:
      case WRITE_QUEUED:
        if (s[writerAt(in.object)] >= 0) {
          out.add(s[writerAt(in.object)]);
        }
        for (int b = 0; b < actors; b++) {
          if (b != a && s[readersAt(in.object, b)] > 0) {
            out.add(b);
          }
        }
        break;
      case JOIN:
        out.add(in.object);
        break;
      default:
        break;
    }
    return out;
  }

  /** Whether actor {@code a}'s next operation (a scheduling point) can run. */
  private boolean enabled(int[] s, int a) {
    Instr in = code[a][s[pcAt(a)]];
    switch (in.op) {
      case LOCK:
        return s[mutexBase + in.object] < 0;
      case DOWN_READ:
        return readable(s, in.object);
      case DOWN_WRITE:
        return p.sems().get(in.object).fair() || semFree(s, in.object);
      case WRITE_QUEUED:
        return semFree(s, in.object);
      case WAIT:
      case RESUME:
        return s[sleepAt(a)] < 0;
      case JOIN:
        return s[statusAt(in.object)] == FINISHED || s[statusAt(in.object)] == FAILED;
      default:
        return true;
    }
  }

  /**
   * Start-up: each top-level actor in turn, then each child spawned meanwhile, runs its code before its
   * first operation. A spawn there is part of start-up too (no scheduling point).
   */
  private void startFrom(int[] s, int i, Consumer<int[]> out) {
    int a;
    if (i < topLevel.size()) {
      a = topLevel.get(i);
      s[statusAt(a)] = RUNNING;
    } else if (i - topLevel.size() < s[startBase]) {
      a = s[startBase + 1 + i - topLevel.size()];
    } else {
      Arrays.fill(s, startBase, s.length, 0);
      out.accept(s);
      return;
    }
    exec(s, a, false, true, t -> startFrom(t, i + 1, out));
  }

  /**
   * Runs actor {@code a} from its pc: the operation there (when {@code step}), then on until its next
   * scheduling point or its end ({@code startup}: a spawn is no scheduling point). Each resulting state
   * (several after a choice) goes to {@code out}.
   */
  private void exec(int[] s, int a, boolean step, boolean startup, Consumer<int[]> out) {
    Instr[] c = code[a];
    int pcSlot = pcAt(a);
    boolean first = step;
    while (true) {
      int pc = s[pcSlot];
      if (pc >= c.length) {
        s[statusAt(a)] = FINISHED;
        out.accept(s);
        return;
      }
      Instr in = c[pc];
      if (startup && in.op == Op.SPAWN) {
        s[statusAt(in.object)] = RUNNING;
        s[startBase + 1 + s[startBase]++] = in.object;
        s[pcSlot] = pc + 1;
        continue;
      }
      if (in.sched && !first) {
        out.accept(s);
        return;
      }
      first = false;
      switch (in.op) {
        case GET:
        case PEEK:
          s[regAt(a, in.reg)] = s[in.object];
          break;
        case SET:
        case POKE:
          s[in.object] = slotType[in.object].normalise(eval(in.e1, s, a));
          break;
        case ADD: {
          int old = s[in.object];
          s[in.object] = old + in.delta;
          s[regAt(a, in.reg)] = old;
          break;
        }
        case CAS: {
          Program.Type t = slotType[in.object];
          boolean ok = s[in.object] == t.normalise(eval(in.e1, s, a));
          if (ok) {
            s[in.object] = t.normalise(eval(in.e2, s, a));
          }
          s[regAt(a, in.reg)] = ok ? 1 : 0;
          break;
        }
        case XCHG: {
          int old = s[in.object];
          s[in.object] = slotType[in.object].normalise(eval(in.e1, s, a));
          s[regAt(a, in.reg)] = old;
          break;
        }
        case LOCK:
          if (s[mutexBase + in.object] >= 0) {
            fail(s, a, "EXCEPTION|null", out);
            return;
          }
          s[mutexBase + in.object] = a;
          break;
        case UNLOCK:
          s[mutexBase + in.object] = -1;
          break;
        case TRYLOCK:
          if (s[mutexBase + in.object] < 0) {
            s[mutexBase + in.object] = a;
          } else {
            s[pcSlot] = in.target;
            continue;
          }
          break;
        case DOWN_READ:
          if (!readable(s, in.object)) {
            fail(s, a, "EXCEPTION|null", out);
            return;
          }
          s[readersAt(in.object, a)]++;
          break;
        case UP_READ:
          s[readersAt(in.object, a)]--;
          break;
        case DOWN_WRITE:
          if (semFree(s, in.object)) {
            s[writerAt(in.object)] = a;
            s[pcSlot] = pc + 2; // past the queued acquisition
            continue;
          }
          if (!in.sched || !p.sems().get(in.object).fair()) {
            fail(s, a, "EXCEPTION|null", out);
            return;
          }
          s[queuedAt(in.object)]++;
          break;
        case WRITE_QUEUED:
          s[writerAt(in.object)] = a;
          s[queuedAt(in.object)]--;
          break;
        case UP_WRITE:
          s[writerAt(in.object)] = -1;
          break;
        case TRY_READ:
          if (readable(s, in.object)) {
            s[readersAt(in.object, a)]++;
          } else {
            s[pcSlot] = in.target;
            continue;
          }
          break;
        case TRY_WRITE:
          if (semFree(s, in.object)) {
            s[writerAt(in.object)] = a;
          } else {
            s[pcSlot] = in.target;
            continue;
          }
          break;
        case HELD_MUTEX:
          s[regAt(a, in.reg)] = s[mutexBase + in.object] == a ? 1 : 0;
          break;
        case HELD_SEM:
          s[regAt(a, in.reg)] =
              s[writerAt(in.object)] == a || s[readersAt(in.object, a)] > 0 ? 1 : 0;
          break;
        case ATOMIC:
        case RESUME:
          break;
        case WAIT:
          if (!Cond.eval(in.cond, values(s, a))) {
            s[sleepAt(a)] = in.object; // registered; this instruction runs again once woken
            out.accept(s);
            return;
          }
          break;
        case SLEEP:
          s[sleepAt(a)] = in.object;
          break;
        case WAKE:
          for (int b = 0; b < actors; b++) {
            if (s[sleepAt(b)] == in.object) {
              s[sleepAt(b)] = -1;
            }
          }
          break;
        case CHOOSE:
          for (int v = 0; v < in.object; v++) {
            int[] t = s.clone();
            t[regAt(a, in.reg)] = v;
            t[pcSlot] = pc + 1;
            exec(t, a, false, startup, out);
          }
          return;
        case JUMP:
          s[pcSlot] = in.target;
          continue;
        case JUMP_IF:
        case JUMP_UNLESS:
          if (Cond.eval(in.cond, values(s, a)) == (in.op == Op.JUMP_IF)) {
            s[pcSlot] = in.target;
            continue;
          }
          break;
        case SET_REG:
          s[regAt(a, in.object)] = 0;
          break;
        case INC_REG:
          s[regAt(a, in.object)]++;
          break;
        case ASSERT:
          if (!Cond.eval(in.cond, values(s, a))) {
            fail(s, a, "ASSERTION|" + in.property, out);
            return;
          }
          break;
        case SPAWN: {
          int child = in.object;
          s[pcSlot] = pc + 1;
          s[statusAt(child)] = RUNNING;
          exec(s, child, false, false, t -> exec(t, a, false, false, out));
          return;
        }
        case JOIN:
          break;
        default:
          throw new IllegalStateException("unknown instruction " + in.op);
      }
      s[pcSlot] = pc + 1;
    }
  }

  private void fail(int[] s, int a, String finding, Consumer<int[]> out) {
    violations.add(finding);
    s[statusAt(a)] = FAILED;
    s[sleepAt(a)] = -1;
    out.accept(s);
  }

  private int eval(Expr e, int[] s, int a) {
    return e.isConstant() ? e.constant() : s[regAt(a, e.reg())] + e.constant();
  }
}

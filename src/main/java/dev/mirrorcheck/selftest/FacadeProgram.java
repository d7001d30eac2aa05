package dev.mirrorcheck.selftest;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.Violation;
import dev.mirrorcheck.sync.WaitQueue;
import dev.mirrorcheck.sync.World;
import java.util.List;

/**
 * A {@link Program} as a facade harness: each statement is the facade call it names, so the explorer
 * (or any other runtime) runs it like model code. Every world gets fresh registers.
 */
public final class FacadeProgram implements Harness {
  /** The objects a reference cell holds; compared by identity. */
  private static final Token[] TOKENS = new Token[Program.REF_VALUES];

  static {
    for (int i = 0; i < TOKENS.length; i++) {
      TOKENS[i] = new Token(i);
    }
  }

  private final Program program;

  public FacadeProgram(Program program) {
    this.program = program;
  }

  public Program program() {
    return program;
  }

  @Override
  public void build(World world) {
    World w = world;
    Run run = new Run(program, w.sync());
    Actor[] declared = new Actor[program.actors().size()];
    for (int a = 0; a < program.actors().size(); a++) {
      Program.ActorDef def = program.actors().get(a);
      if (!def.child()) {
        int id = a;
        declared[a] = w.actor(def.name(), () -> run.body(id));
      }
    }
    for (List<Integer> group : symmetricGroups(program)) {
      Actor[] members = new Actor[group.size()];
      for (int i = 0; i < members.length; i++) {
        members[i] = declared[group.get(i)];
      }
      w.symmetric(members);
    }
    for (Program.Check c : program.checks()) {
      if (c.kind() == Program.CheckKind.INVARIANT) {
        w.invariant(c.property(), () -> run.check(c));
      } else {
        w.atEnd(c.property(), () -> run.check(c));
      }
    }
    w.finalState(run::describe);
  }

  @Override
  public String toString() {
    return ProgramText.print(program);
  }

  /**
   * The interchangeable actors of {@code p}, as groups of actor indices (two or more each): top-level
   * actors with equal bodies that neither spawn nor join. Nothing else in a program tells actors
   * apart: registers are per actor, and checks read shared locations only.
   */
  public static List<List<Integer>> symmetricGroups(Program p) {
    java.util.Map<List<Stmt>, List<Integer>> byBody = new java.util.LinkedHashMap<>();
    for (int a = 0; a < p.actors().size(); a++) {
      Program.ActorDef def = p.actors().get(a);
      if (!def.child() && !spawnsOrJoins(def.body())) {
        byBody.computeIfAbsent(def.body(), k -> new java.util.ArrayList<>()).add(a);
      }
    }
    List<List<Integer>> out = new java.util.ArrayList<>();
    for (List<Integer> g : byBody.values()) {
      if (g.size() > 1) {
        out.add(List.copyOf(g));
      }
    }
    return out;
  }

  /** Whether {@code body} spawns or joins an actor anywhere (such actors name another one). */
  static boolean spawnsOrJoins(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Spawn || s instanceof Stmt.Join) {
        return true;
      }
      for (List<Stmt> inner : ProgramGenerator.inner(s)) {
        if (spawnsOrJoins(inner)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One reference value. */
  private record Token(int value) {}

  /** The shared objects and registers of one world. */
  private static final class Run {
    private final Program p;
    private final Sync sync;
    private final Object[] cells;
    private final Mutex[] mutexes;
    private final RwSem[] sems;
    private final WaitQueue[] queues;
    private final int[][] regs;
    private final char[] status;
    private final Actor[] spawned;

    Run(Program p, Sync sync) {
      this.p = p;
      this.sync = sync;
      cells = new Object[p.cells().size()];
      for (int i = 0; i < cells.length; i++) {
        Program.Cell c = p.cells().get(i);
        int v = c.type().normalise(c.initial());
        switch (c.type()) {
          case INT:
            cells[i] = sync.newInt(c.name(), v);
            break;
          case LONG:
            cells[i] = sync.newLong(c.name(), v);
            break;
          case BOOL:
            cells[i] = sync.newBool(c.name(), v != 0);
            break;
          case REF:
            cells[i] = sync.newRef(c.name(), TOKENS[v]);
            break;
          case INT_ARRAY:
            cells[i] = sync.newIntArray(c.name(), c.length(), v);
            break;
          default:
            cells[i] = sync.newRefArray(c.name(), c.length(), TOKENS[v]);
            break;
        }
      }
      mutexes = new Mutex[p.mutexes().size()];
      for (int i = 0; i < mutexes.length; i++) {
        mutexes[i] = sync.newMutex(p.mutexes().get(i));
      }
      sems = new RwSem[p.sems().size()];
      for (int i = 0; i < sems.length; i++) {
        sems[i] = sync.newRwSem(p.sems().get(i).name(), p.sems().get(i).fair());
      }
      queues = new WaitQueue[p.queues().size()];
      for (int i = 0; i < queues.length; i++) {
        queues[i] = sync.newWaitQueue(p.queues().get(i));
      }
      int n = p.actors().size();
      regs = new int[n][Program.REGISTERS];
      status = new char[n];
      for (int a = 0; a < n; a++) {
        status[a] = p.actors().get(a).child() ? FinalState.UNSTARTED : FinalState.NORMAL;
      }
      spawned = new Actor[n];
    }

    void body(int actor) {
      run(actor, p.actors().get(actor).body());
    }

    private void run(int a, List<Stmt> body) {
      for (Stmt s : body) {
        exec(a, s);
      }
    }

    private String label(int a, String op) {
      return p.actors().get(a).name() + ":" + op;
    }

    @SuppressWarnings("unchecked")
    private void exec(int a, Stmt s) {
      int[] r = regs[a];
      if (s instanceof Stmt.Get g) {
        r[g.reg()] = get(g.loc(), label(a, "get"));
      } else if (s instanceof Stmt.Set st) {
        set(st.loc(), st.value().eval(r), label(a, "set"));
      } else if (s instanceof Stmt.Add ad) {
        r[ad.reg()] = add(ad.loc(), ad.delta(), label(a, "add"));
      } else if (s instanceof Stmt.Cas c) {
        r[c.reg()] = cas(c.loc(), c.expected().eval(r), c.value().eval(r), label(a, "cas")) ? 1 : 0;
      } else if (s instanceof Stmt.Xchg x) {
        r[x.reg()] = xchg(x.loc(), x.value().eval(r), label(a, "xchg"));
      } else if (s instanceof Stmt.Peek pk) {
        r[pk.reg()] = peek(pk.loc());
      } else if (s instanceof Stmt.Poke pk) {
        poke(pk.loc(), pk.value().eval(r));
      } else if (s instanceof Stmt.Locked l) {
        mutexes[l.mutex()].lock(label(a, "lock"));
        run(a, l.body());
        mutexes[l.mutex()].unlock(label(a, "unlock"));
      } else if (s instanceof Stmt.TryLocked t) {
        if (mutexes[t.mutex()].tryLock(label(a, "trylock"))) {
          run(a, t.body());
          mutexes[t.mutex()].unlock(label(a, "unlock"));
        } else {
          run(a, t.otherwise());
        }
      } else if (s instanceof Stmt.RwLocked rw) {
        RwSem sem = sems[rw.sem()];
        if (rw.write()) {
          sem.downWrite(label(a, "down_write"));
          run(a, rw.body());
          sem.upWrite(label(a, "up_write"));
        } else {
          sem.downRead(label(a, "down_read"));
          run(a, rw.body());
          sem.upRead(label(a, "up_read"));
        }
      } else if (s instanceof Stmt.TryRwLocked rw) {
        RwSem sem = sems[rw.sem()];
        boolean got = rw.write() ? sem.tryDownWrite(label(a, "down_write_trylock"))
            : sem.tryDownRead(label(a, "down_read_trylock"));
        if (got) {
          run(a, rw.body());
          if (rw.write()) {
            sem.upWrite(label(a, "up_write"));
          } else {
            sem.upRead(label(a, "up_read"));
          }
        } else {
          run(a, rw.otherwise());
        }
      } else if (s instanceof Stmt.Held h) {
        r[h.reg()] = (h.sem() ? sems[h.object()].heldByCurrentActor()
            : mutexes[h.object()].heldByCurrentActor()) ? 1 : 0;
      } else if (s instanceof Stmt.Atomic at) {
        sync.atomic(label(a, "atomic"), () -> run(a, at.body()));
      } else if (s instanceof Stmt.Wait wt) {
        String label = label(a, "wait");
        queues[wt.queue()].waitUntil(label, () -> Cond.eval(wt.condition(), new Cond.Values() {
          @Override
          public int register(int reg) {
            return r[reg];
          }

          @Override
          public int location(Loc loc) {
            return get(loc, label);
          }
        }));
      } else if (s instanceof Stmt.Sleep sl) {
        queues[sl.queue()].sleep(label(a, "sleep"));
      } else if (s instanceof Stmt.Wake wk) {
        queues[wk.queue()].wakeAll(label(a, "wake"));
      } else if (s instanceof Stmt.Choose ch) {
        r[ch.reg()] = sync.choose(label(a, "choose"), ch.n());
      } else if (s instanceof Stmt.If f) {
        run(a, registers(f.condition(), r) ? f.then() : f.otherwise());
      } else if (s instanceof Stmt.Retry rt) {
        for (int i = 0; i < rt.max(); i++) {
          run(a, rt.body());
          if (registers(rt.until(), r)) {
            break;
          }
        }
      } else if (s instanceof Stmt.Assert as) {
        if (!registers(as.condition(), r)) {
          status[a] = FinalState.FAILED;
          throw new Violation(as.property(), p.actors().get(a).name() + " failed "
              + ProgramText.print(as.condition()));
        }
      } else if (s instanceof Stmt.Spawn sp) {
        int child = sp.actor();
        status[child] = FinalState.NORMAL;
        spawned[child] = sync.spawn(p.actors().get(child).name(), () -> body(child));
      } else if (s instanceof Stmt.Join j) {
        spawned[j.actor()].join(label(a, "join"));
      } else {
        throw new IllegalStateException("unknown statement " + s);
      }
    }

    private boolean registers(Cond c, int[] r) {
      return Cond.eval(c, new Cond.Values() {
        @Override
        public int register(int reg) {
          return r[reg];
        }

        @Override
        public int location(Loc loc) {
          throw new IllegalStateException("a register condition reads " + loc);
        }
      });
    }

    private Program.Type type(Loc l) {
      return p.cells().get(l.cell()).type();
    }

    @SuppressWarnings("unchecked")
    private int get(Loc l, String label) {
      Object c = cells[l.cell()];
      switch (type(l)) {
        case INT:
          return ((IntCell) c).get(label);
        case LONG:
          return (int) ((LongCell) c).get(label);
        case BOOL:
          return ((BoolCell) c).get(label) ? 1 : 0;
        case REF:
          return ((RefCell<Token>) c).get(label).value();
        case INT_ARRAY:
          return ((IntArray) c).get(label, l.element());
        default:
          return ((RefArray<Token>) c).get(label, l.element()).value();
      }
    }

    @SuppressWarnings("unchecked")
    private void set(Loc l, int value, String label) {
      Object c = cells[l.cell()];
      int v = type(l).normalise(value);
      switch (type(l)) {
        case INT:
          ((IntCell) c).set(label, v);
          break;
        case LONG:
          ((LongCell) c).set(label, v);
          break;
        case BOOL:
          ((BoolCell) c).set(label, v != 0);
          break;
        case REF:
          ((RefCell<Token>) c).set(label, TOKENS[v]);
          break;
        case INT_ARRAY:
          ((IntArray) c).set(label, l.element(), v);
          break;
        default:
          ((RefArray<Token>) c).set(label, l.element(), TOKENS[v]);
          break;
      }
    }

    private int add(Loc l, int delta, String label) {
      Object c = cells[l.cell()];
      switch (type(l)) {
        case INT:
          return ((IntCell) c).getAndAdd(label, delta);
        case LONG:
          return (int) ((LongCell) c).getAndAdd(label, delta);
        case INT_ARRAY:
          return ((IntArray) c).getAndAdd(label, l.element(), delta);
        default:
          throw new IllegalStateException("no getAndAdd on " + type(l));
      }
    }

    @SuppressWarnings("unchecked")
    private boolean cas(Loc l, int expected, int value, String label) {
      Object c = cells[l.cell()];
      Program.Type t = type(l);
      int e = t.normalise(expected);
      int v = t.normalise(value);
      switch (t) {
        case INT:
          return ((IntCell) c).compareAndSet(label, e, v);
        case LONG:
          return ((LongCell) c).compareAndSet(label, e, v);
        case REF:
          return ((RefCell<Token>) c).compareAndSet(label, TOKENS[e], TOKENS[v]);
        case INT_ARRAY:
          return ((IntArray) c).compareAndSet(label, l.element(), e, v);
        case REF_ARRAY:
          return ((RefArray<Token>) c).compareAndSet(label, l.element(), TOKENS[e], TOKENS[v]);
        default:
          throw new IllegalStateException("no compareAndSet on " + t);
      }
    }

    @SuppressWarnings("unchecked")
    private int xchg(Loc l, int value, String label) {
      Object c = cells[l.cell()];
      int v = type(l).normalise(value);
      switch (type(l)) {
        case BOOL:
          return ((BoolCell) c).getAndSet(label, v != 0) ? 1 : 0;
        case REF:
          return ((RefCell<Token>) c).getAndSet(label, TOKENS[v]).value();
        default:
          throw new IllegalStateException("no getAndSet on " + type(l));
      }
    }

    @SuppressWarnings("unchecked")
    private int peek(Loc l) {
      Object c = cells[l.cell()];
      switch (type(l)) {
        case INT:
          return ((IntCell) c).peek();
        case LONG:
          return (int) ((LongCell) c).peek();
        case BOOL:
          return ((BoolCell) c).peek() ? 1 : 0;
        case REF:
          return ((RefCell<Token>) c).peek().value();
        case INT_ARRAY:
          return ((IntArray) c).peek(l.element());
        default:
          return ((RefArray<Token>) c).peek(l.element()).value();
      }
    }

    @SuppressWarnings("unchecked")
    private void poke(Loc l, int value) {
      Object c = cells[l.cell()];
      int v = type(l).normalise(value);
      switch (type(l)) {
        case INT:
          ((IntCell) c).poke(v);
          break;
        case LONG:
          ((LongCell) c).poke(v);
          break;
        case BOOL:
          ((BoolCell) c).poke(v != 0);
          break;
        case REF:
          ((RefCell<Token>) c).poke(TOKENS[v]);
          break;
        case INT_ARRAY:
          ((IntArray) c).poke(l.element(), v);
          break;
        default:
          ((RefArray<Token>) c).poke(l.element(), TOKENS[v]);
          break;
      }
    }

    /** A check on the current state, read with peek. */
    String check(Program.Check c) {
      Cond.Values v = new Cond.Values() {
        @Override
        public int register(int reg) {
          throw new IllegalStateException("a state check reads register r" + reg);
        }

        @Override
        public int location(Loc loc) {
          return peek(loc);
        }
      };
      if (c.guard() != null && !Cond.eval(c.guard(), v)) {
        return null;
      }
      return Cond.eval(c.condition(), v) ? null : "violated: " + ProgramText.print(c.condition());
    }

    String describe() {
      int[] slotCell = new int[p.slots()];
      int[] slotElem = new int[slotCell.length];
      int s = 0;
      for (int i = 0; i < p.cells().size(); i++) {
        for (int e = 0; e < p.cells().get(i).length(); e++) {
          slotCell[s] = i;
          slotElem[s++] = e;
        }
      }
      return FinalState.describe(p, slot -> peek(new Loc(slotCell[slot], slotElem[slot])), regs, status);
    }
  }
}

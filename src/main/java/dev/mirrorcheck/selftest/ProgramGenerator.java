package dev.mirrorcheck.selftest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random programs over the facade, reproducible from a seed. Programs are small (two to four actors,
 * a handful of operations each) so that both engines enumerate them completely, and shaped so that
 * they exercise what the explorer's reductions rely on: critical sections that nest, semaphore holds
 * opened by trylocks, sleepers and wakers, choices inside atomic blocks, and a locked cell that one
 * actor touches without the lock on a rarely taken branch.
 */
public final class ProgramGenerator {
  private final Set<Feature> features;

  /** A generator limited to {@code features} (plain reads and writes are always in). */
  public ProgramGenerator(Set<Feature> features) {
    this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
  }

  /** A generator using every feature. */
  public static ProgramGenerator all() {
    return new ProgramGenerator(EnumSet.allOf(Feature.class));
  }

  public Program generate(long seed) {
    return new Gen(new Random(seed)).program();
  }

  /**
   * A program with interchangeable actors: the program of {@code seed} with one of its top-level
   * actors (one that neither spawns nor joins) copied once or twice, the copies appended as further
   * top-level actors. The copies run the same statements on the same objects, so the explorer may
   * treat them as symmetric ({@link FacadeProgram#symmetricGroups}).
   */
  public Program generateSymmetric(long seed) {
    Program p = generate(seed);
    Random r = new Random(seed * 0x5DEECE66DL + 11);
    List<Integer> candidates = new ArrayList<>();
    int top = 0;
    for (int a = 0; a < p.actors().size(); a++) {
      Program.ActorDef def = p.actors().get(a);
      if (!def.child()) {
        top++;
        if (!FacadeProgram.spawnsOrJoins(def.body())) {
          candidates.add(a);
        }
      }
    }
    if (candidates.isEmpty()) {
      return p;
    }
    Program.ActorDef twin = p.actors().get(candidates.get(r.nextInt(candidates.size())));
    int copies = top <= 2 ? 1 + r.nextInt(2) : 1;
    List<Program.ActorDef> actors = new ArrayList<>(p.actors());
    for (int i = 0; i < copies; i++) {
      actors.add(new Program.ActorDef("a" + (top + i), false, twin.body()));
    }
    return p.withActors(actors);
  }

  private boolean on(Feature f) {
    return features.contains(f);
  }

  /** Where a statement is generated. */
  private record Ctx(int actor, long mutexes, int readHeld, int writeHeld, boolean atomic,
      int depth) {
    Ctx with(long m, int rd, int wr, boolean at) {
      return new Ctx(actor, m, rd, wr, at, depth + 1);
    }
  }

  private final class Gen {
    private final Random r;
    private final List<Program.Cell> cells = new ArrayList<>();
    private final List<String> mutexes = new ArrayList<>();
    private final List<Program.Sem> sems = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<Loc> locs = new ArrayList<>();
    private Loc guarded; // accessed under mutex 0 only, except on one rare branch
    private int asserts;
    private int budget;
    /** Registers the current actor has assigned so far (bit mask): assertions test those. */
    private int assigned;

    Gen(Random r) {
      this.r = r;
    }

    private boolean chance(int percent) {
      return r.nextInt(100) < percent;
    }

    Program program() {
      int scalars = 2 + r.nextInt(2);
      for (int i = 0; i < scalars; i++) {
        Program.Type t = Program.Type.INT;
        if (on(Feature.CELL_TYPES) && chance(35)) {
          t = new Program.Type[] {Program.Type.LONG, Program.Type.BOOL, Program.Type.REF}[r.nextInt(3)];
        }
        cells.add(new Program.Cell(String.valueOf((char) ('x' + i)), t, 1, 0));
      }
      if (on(Feature.ARRAYS) && chance(35)) {
        cells.add(new Program.Cell("arr", chance(70) ? Program.Type.INT_ARRAY : Program.Type.REF_ARRAY,
            2, 0));
      }
      for (int c = 0; c < cells.size(); c++) {
        for (int e = 0; e < cells.get(c).length(); e++) {
          locs.add(new Loc(c, e));
        }
      }
      if ((on(Feature.MUTEX) || on(Feature.TRYLOCK) || on(Feature.INCONSISTENT_LOCKING))
          && chance(75)) {
        int n = 1 + (chance(35) ? 1 : 0);
        for (int i = 0; i < n; i++) {
          mutexes.add("m" + i);
        }
      }
      boolean fair = on(Feature.RWSEM_FAIR);
      boolean unfair = on(Feature.RWSEM_UNFAIR);
      if ((fair || unfair) && chance(35)) {
        sems.add(new Program.Sem("rw", fair && (!unfair || r.nextBoolean())));
      }
      if ((on(Feature.WAIT_UNTIL) || on(Feature.SLEEP)) && chance(35)) {
        queues.add("wq");
      }
      if (on(Feature.INCONSISTENT_LOCKING) && !mutexes.isEmpty() && chance(30)) {
        guarded = Loc.of(r.nextInt(scalars));
      }
      int n = pick(new int[] {50, 35, 15}) + 2;
      boolean child = on(Feature.SPAWN_JOIN) && chance(12);
      List<Program.ActorDef> actors = new ArrayList<>();
      List<List<Stmt>> bodies = new ArrayList<>();
      int total = n + (child ? 1 : 0);
      for (int a = 0; a < total; a++) {
        boolean isChild = child && a == n;
        budget = isChild ? 1 + r.nextInt(2) : n == 2 ? 3 + r.nextInt(4) : n == 3 ? 2 + r.nextInt(3)
            : 2 + r.nextInt(2);
        List<Stmt> body = new ArrayList<>();
        Ctx ctx = new Ctx(a, 0L, 0, 0, false, 0);
        assigned = 0;
        while (budget > 0) {
          if (chance(20)) {
            body.addAll(pattern(ctx));
          } else {
            body.add(stmt(ctx));
          }
        }
        bodies.add(body);
      }
      if (guarded != null) {
        // The rare branch: one unlocked access that most executions never make.
        List<Stmt> body = bodies.get(r.nextInt(n));
        int reg = r.nextInt(Program.REGISTERS);
        Stmt access = chance(50) ? new Stmt.Set(guarded, Expr.constant(1 + r.nextInt(3)))
            : new Stmt.Get(guarded, reg);
        int at = r.nextInt(body.size() + 1);
        if (on(Feature.CHOOSE) && chance(60)) {
          body.add(at, new Stmt.If(eq(reg, 2), List.of(access), List.of()));
          body.add(at, new Stmt.Choose(3, reg));
        } else {
          body.add(at, new Stmt.If(eq(reg, 3), List.of(access), List.of()));
        }
      }
      wakeTheSleepers(bodies, n);
      if (child) {
        List<Stmt> parent = bodies.get(0);
        parent.add(r.nextInt(parent.size() + 1), new Stmt.Spawn(n));
        if (chance(75)) {
          parent.add(new Stmt.Join(n));
        }
      }
      for (int a = 0; a < total; a++) {
        actors.add(new Program.ActorDef(a == n ? "c0" : "a" + a, a == n, bodies.get(a)));
      }
      return new Program(cells, mutexes, sems, queues, actors, checks());
    }

    /** Gives a sleeper's queue a waker in another actor when no other actor wakes it. */
    private void wakeTheSleepers(List<List<Stmt>> bodies, int top) {
      if (queues.isEmpty() || !on(Feature.WAKE)) {
        return;
      }
      for (int a = 0; a < top; a++) {
        if (!uses(bodies.get(a), true) || !chance(80)) {
          continue;
        }
        boolean woken = false;
        for (int b = 0; b < top; b++) {
          woken |= b != a && uses(bodies.get(b), false);
        }
        if (!woken) {
          int b = (a + 1 + r.nextInt(top - 1)) % top;
          List<Stmt> body = bodies.get(b);
          body.add(chance(70) ? body.size() : r.nextInt(body.size() + 1), new Stmt.Wake(0));
        }
      }
    }

    /** Whether {@code body} sleeps ({@code sleeps}) or wakes, at any depth. */
    private boolean uses(List<Stmt> body, boolean sleeps) {
      for (Stmt s : body) {
        if (sleeps ? s instanceof Stmt.Wait || s instanceof Stmt.Sleep : s instanceof Stmt.Wake) {
          return true;
        }
        for (List<Stmt> inner : inner(s)) {
          if (uses(inner, sleeps)) {
            return true;
          }
        }
      }
      return false;
    }

    private List<Program.Check> checks() {
      List<Program.Check> out = new ArrayList<>();
      if (on(Feature.INVARIANT) && chance(40)) {
        Loc a = anyLoc();
        Cond guard = null;
        Cond body = cmp(a, chance(50), value());
        if (on(Feature.GUARDED_INVARIANT) && chance(50)) {
          Loc b = anyLoc();
          guard = body;
          body = cmp(b, chance(50), value());
        }
        out.add(new Program.Check(Program.CheckKind.INVARIANT, "I1", guard, body));
      }
      if (on(Feature.END_CHECK) && chance(35)) {
        Cond c = cmp(anyLoc(), false, value());
        if (chance(50)) {
          c = new Cond.Any(List.of(c, cmp(anyLoc(), true, value())));
        }
        out.add(new Program.Check(Program.CheckKind.AT_END, "E1", null, c));
      }
      return out;
    }

    private int pick(int[] weights) {
      int total = 0;
      for (int w : weights) {
        total += w;
      }
      int x = r.nextInt(total);
      for (int i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) {
          return i;
        }
      }
      return weights.length - 1;
    }

    private int value() {
      return r.nextInt(4);
    }

    private Cond eq(int reg, int k) {
      return new Cond.Cmp(new Cond.Reg(reg), true, new Cond.Const(k));
    }

    private Cond cmp(Loc l, boolean equal, int k) {
      return new Cond.Cmp(new Cond.At(l), equal, new Cond.Const(k));
    }

    private Loc anyLoc() {
      return locs.get(r.nextInt(locs.size()));
    }

    /** A location to access here: the guarded one only under mutex 0, and then often. */
    private Loc loc(Ctx c) {
      boolean underGuard = guarded != null && (c.mutexes() & 1L) != 0;
      if (underGuard && chance(50)) {
        return guarded;
      }
      while (true) {
        Loc l = anyLoc();
        if (guarded == null || !l.equals(guarded) || underGuard) {
          return l;
        }
      }
    }

    private Program.Type type(Loc l) {
      return cells.get(l.cell()).type();
    }

    private Expr expr() {
      return chance(35) ? Expr.register(r.nextInt(Program.REGISTERS), 1) : Expr.constant(1 + r.nextInt(3));
    }

    private List<Stmt> body(Ctx c, int max) {
      List<Stmt> out = new ArrayList<>();
      int len = 1 + r.nextInt(max);
      for (int i = 0; i < len && budget > 0; i++) {
        out.add(stmt(c));
      }
      return out;
    }

    private Stmt stmt(Ctx c) {
      Stmt s = randomStmt(c);
      int reg = target(s);
      if (reg >= 0) {
        assigned |= 1 << reg;
      }
      return s;
    }

    /** The register a statement assigns, or -1. */
    private int target(Stmt s) {
      if (s instanceof Stmt.Get g) {
        return g.reg();
      } else if (s instanceof Stmt.Add a) {
        return a.reg();
      } else if (s instanceof Stmt.Cas c) {
        return c.reg();
      } else if (s instanceof Stmt.Xchg x) {
        return x.reg();
      } else if (s instanceof Stmt.Peek pk) {
        return pk.reg();
      } else if (s instanceof Stmt.Choose ch) {
        return ch.reg();
      } else if (s instanceof Stmt.Held h) {
        return h.reg();
      }
      return -1;
    }

    /**
     * A known-delicate shape: a nested or trylock-opened read hold, a choice deciding an access under a
     * lock or in an atomic block, a lost-wake-up test-then-sleep, a sequence-count retry, a trylock
     * with an asserting fallback. Falls back to a plain statement when its features are off.
     */
    private List<Stmt> pattern(Ctx c) {
      int reg = r.nextInt(Program.REGISTERS);
      int other = (reg + 1) % Program.REGISTERS;
      budget -= 2;
      switch (r.nextInt(6)) {
        case 0:
          if (!sems.isEmpty() && on(Feature.NESTED_READ)) {
            Ctx in = c.with(c.mutexes(), 1, 0, false);
            List<Stmt> inner = List.of(new Stmt.RwLocked(0, false, body(in, 1)));
            if (on(Feature.RW_TRYLOCK) && chance(50)) {
              List<Stmt> otherwise = on(Feature.ASSERT)
                  ? List.of(new Stmt.Assert("A" + ++asserts, eq(reg, 7))) : List.of();
              return List.of(new Stmt.TryRwLocked(0, false, inner, otherwise));
            }
            return List.of(new Stmt.RwLocked(0, false, inner));
          }
          break;
        case 1:
          if (!mutexes.isEmpty() && on(Feature.MUTEX) && on(Feature.CHOOSE) && on(Feature.BRANCH)) {
            Ctx in = c.with(c.mutexes() | 1L, c.readHeld(), c.writeHeld(), false);
            assigned |= 1 << reg;
            return List.of(new Stmt.Locked(0, List.of(new Stmt.Choose(2, reg),
                new Stmt.If(eq(reg, 0), List.of(new Stmt.Set(loc(in), expr())), body(in, 1)))));
          }
          break;
        case 2:
          if (on(Feature.ATOMIC_CHOOSE) && on(Feature.ATOMIC) && on(Feature.BRANCH)) {
            Ctx in = c.with(c.mutexes(), c.readHeld(), c.writeHeld(), true);
            assigned |= 1 << reg;
            return List.of(new Stmt.Atomic(List.of(new Stmt.Choose(2, reg),
                new Stmt.If(eq(reg, 1), List.of(new Stmt.Set(loc(in), expr())), List.of()))));
          }
          break;
        case 3:
          if (!queues.isEmpty() && on(Feature.SLEEP) && on(Feature.BRANCH)) {
            Loc flag = loc(c);
            assigned |= 1 << reg;
            return List.of(new Stmt.Get(flag, reg),
                new Stmt.If(eq(reg, 0), List.of(new Stmt.Sleep(0)), List.of()));
          }
          break;
        case 4:
          if (on(Feature.RETRY)) {
            Loc seq = loc(c);
            assigned |= 1 << reg | 1 << other;
            List<Stmt> body = new ArrayList<>();
            body.add(new Stmt.Get(seq, reg));
            body.add(new Stmt.Get(loc(c), (other + 1) % Program.REGISTERS));
            body.add(new Stmt.Get(seq, other));
            Cond stable = new Cond.Cmp(new Cond.Reg(reg), true, new Cond.Reg(other));
            return List.of(new Stmt.Retry(2, body, stable));
          }
          break;
        default:
          if (!mutexes.isEmpty() && on(Feature.TRYLOCK) && on(Feature.ASSERT)) {
            int m = r.nextInt(mutexes.size());
            if ((c.mutexes() & 1L << m) == 0) {
              Ctx in = c.with(c.mutexes() | 1L << m, c.readHeld(), c.writeHeld(), c.atomic());
              return List.of(new Stmt.TryLocked(m, body(in, 2),
                  List.of(new Stmt.Assert("A" + ++asserts, eq(reg, 7)))));
            }
          }
          break;
      }
      budget += 2;
      return List.of(stmt(c));
    }

    private Stmt randomStmt(Ctx c) {
      budget--;
      int reg = r.nextInt(Program.REGISTERS);
      boolean nest = c.depth() < 2;
      boolean noSem = sems.isEmpty();
      int[] w = new int[19];
      w[0] = 4; // get
      w[1] = 4; // set
      w[2] = on(Feature.ADD) ? 2 : 0;
      w[3] = on(Feature.CAS) ? 2 : 0;
      w[4] = on(Feature.XCHG) ? 1 : 0;
      w[5] = on(Feature.PEEK_POKE) ? 1 : 0;
      w[6] = on(Feature.MUTEX) && !mutexes.isEmpty() && !c.atomic() && nest ? 4 : 0;
      w[7] = on(Feature.TRYLOCK) && !mutexes.isEmpty() && nest ? 2 : 0;
      w[8] = !noSem && !c.atomic() && nest ? 4 : 0; // read or write section
      w[9] = on(Feature.RW_TRYLOCK) && !noSem && nest ? 2 : 0;
      w[10] = on(Feature.HELD) && !(mutexes.isEmpty() && noSem) ? 1 : 0;
      w[11] = on(Feature.ATOMIC) && !c.atomic() && nest ? 2 : 0;
      w[12] = on(Feature.WAIT_UNTIL) && !queues.isEmpty() && !c.atomic() ? 2 : 0;
      w[13] = on(Feature.SLEEP) && !queues.isEmpty() && !c.atomic() ? 1 : 0;
      w[14] = on(Feature.WAKE) && !queues.isEmpty() ? 2 : 0;
      w[15] = on(Feature.CHOOSE) ? (c.atomic() && on(Feature.ATOMIC_CHOOSE) ? 4 : 2) : 0;
      w[16] = on(Feature.BRANCH) && nest ? 2 : 0;
      w[17] = on(Feature.RETRY) && nest ? 1 : 0;
      w[18] = on(Feature.ASSERT) ? 2 : 0;
      switch (pick(w)) {
        case 0:
          return new Stmt.Get(loc(c), reg);
        case 1:
          return new Stmt.Set(loc(c), expr());
        case 2: {
          Loc l = loc(c);
          return type(l).hasAdd() ? new Stmt.Add(l, chance(70) ? 1 : 5, reg) : new Stmt.Get(l, reg);
        }
        case 3: {
          Loc l = loc(c);
          if (!type(l).hasCas()) {
            return new Stmt.Xchg(l, expr(), reg);
          }
          return new Stmt.Cas(l, Expr.constant(value()), expr(), reg);
        }
        case 4: {
          Loc l = loc(c);
          return type(l).hasXchg() ? new Stmt.Xchg(l, expr(), reg) : new Stmt.Set(l, expr());
        }
        case 5:
          return chance(50) ? new Stmt.Peek(anyLoc(), reg) : new Stmt.Poke(anyLoc(), expr());
        case 6: {
          int m = r.nextInt(mutexes.size());
          if ((c.mutexes() & 1L << m) != 0) {
            return new Stmt.Get(loc(c), reg);
          }
          budget--;
          return new Stmt.Locked(m, body(c.with(c.mutexes() | 1L << m, c.readHeld(), c.writeHeld(),
              c.atomic()), 3));
        }
        case 7: {
          int m = r.nextInt(mutexes.size());
          if ((c.mutexes() & 1L << m) != 0) {
            return new Stmt.Set(loc(c), expr());
          }
          budget--;
          List<Stmt> body = body(c.with(c.mutexes() | 1L << m, c.readHeld(), c.writeHeld(),
              c.atomic()), 2);
          List<Stmt> otherwise = chance(50) ? body(c.with(c.mutexes(), c.readHeld(), c.writeHeld(),
              c.atomic()), 1) : List.of();
          return new Stmt.TryLocked(m, body, otherwise);
        }
        case 8: {
          if (c.writeHeld() != 0) {
            return new Stmt.Get(loc(c), reg);
          }
          boolean write = c.readHeld() == 0 && chance(50);
          if (c.readHeld() != 0 && !on(Feature.NESTED_READ)) {
            return new Stmt.Get(loc(c), reg);
          }
          budget--;
          return new Stmt.RwLocked(0, write, body(c.with(c.mutexes(), write ? 0 : 1, write ? 1 : 0,
              c.atomic()), 3));
        }
        case 9: {
          if (c.writeHeld() != 0) {
            return new Stmt.Get(loc(c), reg);
          }
          boolean write = chance(50);
          budget--;
          List<Stmt> body = body(c.with(c.mutexes(), write ? c.readHeld() : 1, write ? 1 : 0,
              c.atomic()), 2);
          List<Stmt> otherwise = chance(50) ? body(c.with(c.mutexes(), c.readHeld(), c.writeHeld(),
              c.atomic()), 1) : List.of();
          return new Stmt.TryRwLocked(0, write, body, otherwise);
        }
        case 10:
          if (!mutexes.isEmpty() && (noSem || chance(50))) {
            return new Stmt.Held(false, r.nextInt(mutexes.size()), reg);
          }
          return new Stmt.Held(true, 0, reg);
        case 11:
          return new Stmt.Atomic(body(c.with(c.mutexes(), c.readHeld(), c.writeHeld(), true), 3));
        case 12: {
          Cond cond = cmp(anyLoc(), chance(50), value());
          if (on(Feature.MULTI_CELL_WAIT) && chance(50)) {
            Cond other = cmp(anyLoc(), chance(50), value());
            cond = chance(50) ? new Cond.All(List.of(cond, other)) : new Cond.Any(List.of(cond, other));
          }
          return new Stmt.Wait(0, cond);
        }
        case 13:
          return new Stmt.Sleep(0);
        case 14:
          return new Stmt.Wake(0);
        case 15:
          return new Stmt.Choose(2 + (chance(25) ? 1 : 0), reg);
        case 16: {
          budget--;
          Ctx inner = c.with(c.mutexes(), c.readHeld(), c.writeHeld(), c.atomic());
          List<Stmt> then = body(inner, 2);
          List<Stmt> otherwise = chance(50) ? body(inner, 1) : List.of();
          return new Stmt.If(eq(reg, r.nextInt(3)), then, otherwise);
        }
        case 17: {
          budget--;
          List<Stmt> body = new ArrayList<>();
          body.add(new Stmt.Get(loc(c), reg));
          body.addAll(body(c.with(c.mutexes(), c.readHeld(), c.writeHeld(), c.atomic()), 1));
          return new Stmt.Retry(2, body, eq(reg, r.nextInt(3)));
        }
        default: {
          if (assigned == 0) {
            return new Stmt.Get(loc(c), reg);
          }
          int tested;
          do {
            tested = r.nextInt(Program.REGISTERS);
          } while ((assigned & 1 << tested) == 0);
          int forbidden = new int[] {0, 1, 2, 3, 5, 6}[r.nextInt(6)];
          return new Stmt.Assert("A" + ++asserts,
              new Cond.Cmp(new Cond.Reg(tested), false, new Cond.Const(forbidden)));
        }
      }
    }
  }

  /** The statement lists nested in {@code s}. */
  static List<List<Stmt>> inner(Stmt s) {
    if (s instanceof Stmt.Locked l) {
      return List.of(l.body());
    }
    if (s instanceof Stmt.TryLocked t) {
      return List.of(t.body(), t.otherwise());
    }
    if (s instanceof Stmt.RwLocked rw) {
      return List.of(rw.body());
    }
    if (s instanceof Stmt.TryRwLocked rw) {
      return List.of(rw.body(), rw.otherwise());
    }
    if (s instanceof Stmt.Atomic at) {
      return List.of(at.body());
    }
    if (s instanceof Stmt.If f) {
      return List.of(f.then(), f.otherwise());
    }
    if (s instanceof Stmt.Retry rt) {
      return List.of(rt.body());
    }
    return List.of();
  }
}

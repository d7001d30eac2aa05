package dev.mirrorcheck.selftest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Drops the shared objects and actors a program no longer uses (after minimising) and renumbers the
 * references to the rest.
 */
final class Renumbering {
  private final int[] cells;
  private final int[] mutexes;
  private final int[] sems;
  private final int[] queues;
  private final int[] actors;

  private Renumbering(int[] cells, int[] mutexes, int[] sems, int[] queues, int[] actors) {
    this.cells = cells;
    this.mutexes = mutexes;
    this.sems = sems;
    this.queues = queues;
    this.actors = actors;
  }

  /** {@code p} without the cells, locks and queues no statement or check mentions. */
  static Program pruned(Program p) {
    Usage u = new Usage();
    for (Program.ActorDef a : p.actors()) {
      u.block(a.body());
    }
    for (Program.Check c : p.checks()) {
      if (c.guard() != null) {
        u.cond(c.guard());
      }
      u.cond(c.condition());
    }
    int[] actors = new int[p.actors().size()];
    for (int i = 0; i < actors.length; i++) {
      actors[i] = i;
    }
    Renumbering r = new Renumbering(index(u.cells, p.cells().size()),
        index(u.mutexes, p.mutexes().size()), index(u.sems, p.sems().size()),
        index(u.queues, p.queues().size()), actors);
    return r.apply(p, keep(p.cells(), u.cells), keep(p.mutexes(), u.mutexes),
        keep(p.sems(), u.sems), keep(p.queues(), u.queues), p.actors());
  }

  /** {@code p} without the actors whose index is set in {@code drop} (all their references go too). */
  static Program withoutActors(Program p, BitSet drop) {
    Renumbering r = new Renumbering(identityMap(p.cells().size()), identityMap(p.mutexes().size()),
        identityMap(p.sems().size()), identityMap(p.queues().size()),
        index(complement(drop, p.actors().size()), p.actors().size()));
    List<Program.ActorDef> kept = new ArrayList<>();
    for (int i = 0; i < p.actors().size(); i++) {
      if (!drop.get(i)) {
        kept.add(p.actors().get(i));
      }
    }
    return r.apply(p, p.cells(), p.mutexes(), p.sems(), p.queues(), kept);
  }

  private static BitSet complement(BitSet b, int n) {
    BitSet out = new BitSet();
    out.set(0, n);
    out.andNot(b);
    return out;
  }

  private static int[] identityMap(int n) {
    int[] m = new int[n];
    for (int i = 0; i < n; i++) {
      m[i] = i;
    }
    return m;
  }

  private static int[] index(BitSet used, int n) {
    int[] m = new int[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      m[i] = used.get(i) ? next++ : -1;
    }
    return m;
  }

  private static <T> List<T> keep(List<T> all, BitSet used) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (used.get(i)) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  private Program apply(Program p, List<Program.Cell> c, List<String> m, List<Program.Sem> s,
      List<String> q, List<Program.ActorDef> a) {
    List<Program.ActorDef> out = new ArrayList<>();
    for (Program.ActorDef d : a) {
      out.add(new Program.ActorDef(d.name(), d.child(), block(d.body())));
    }
    List<Program.Check> checks = new ArrayList<>();
    for (Program.Check k : p.checks()) {
      checks.add(new Program.Check(k.kind(), k.property(),
          k.guard() == null ? null : cond(k.guard()), cond(k.condition())));
    }
    return new Program(c, m, s, q, out, checks);
  }

  private Loc loc(Loc l) {
    return new Loc(cells[l.cell()], l.element());
  }

  private List<Stmt> block(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      Stmt t = stmt(s);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** The renumbered statement, or null when it refers to a dropped actor. */
  private Stmt stmt(Stmt s) {
    if (s instanceof Stmt.Get g) {
      return new Stmt.Get(loc(g.loc()), g.reg());
    } else if (s instanceof Stmt.Set st) {
      return new Stmt.Set(loc(st.loc()), st.value());
    } else if (s instanceof Stmt.Add a) {
      return new Stmt.Add(loc(a.loc()), a.delta(), a.reg());
    } else if (s instanceof Stmt.Cas c) {
      return new Stmt.Cas(loc(c.loc()), c.expected(), c.value(), c.reg());
    } else if (s instanceof Stmt.Xchg x) {
      return new Stmt.Xchg(loc(x.loc()), x.value(), x.reg());
    } else if (s instanceof Stmt.Peek pk) {
      return new Stmt.Peek(loc(pk.loc()), pk.reg());
    } else if (s instanceof Stmt.Poke pk) {
      return new Stmt.Poke(loc(pk.loc()), pk.value());
    } else if (s instanceof Stmt.Locked l) {
      return new Stmt.Locked(mutexes[l.mutex()], block(l.body()));
    } else if (s instanceof Stmt.TryLocked t) {
      return new Stmt.TryLocked(mutexes[t.mutex()], block(t.body()), block(t.otherwise()));
    } else if (s instanceof Stmt.RwLocked rw) {
      return new Stmt.RwLocked(sems[rw.sem()], rw.write(), block(rw.body()));
    } else if (s instanceof Stmt.TryRwLocked rw) {
      return new Stmt.TryRwLocked(sems[rw.sem()], rw.write(), block(rw.body()),
          block(rw.otherwise()));
    } else if (s instanceof Stmt.Held h) {
      return new Stmt.Held(h.sem(), h.sem() ? sems[h.object()] : mutexes[h.object()], h.reg());
    } else if (s instanceof Stmt.Atomic at) {
      return new Stmt.Atomic(block(at.body()));
    } else if (s instanceof Stmt.Wait w) {
      return new Stmt.Wait(queues[w.queue()], cond(w.condition()));
    } else if (s instanceof Stmt.Sleep sl) {
      return new Stmt.Sleep(queues[sl.queue()]);
    } else if (s instanceof Stmt.Wake wk) {
      return new Stmt.Wake(queues[wk.queue()]);
    } else if (s instanceof Stmt.If f) {
      return new Stmt.If(f.condition(), block(f.then()), block(f.otherwise()));
    } else if (s instanceof Stmt.Retry rt) {
      return new Stmt.Retry(rt.max(), block(rt.body()), rt.until());
    } else if (s instanceof Stmt.Spawn sp) {
      return actors[sp.actor()] < 0 ? null : new Stmt.Spawn(actors[sp.actor()]);
    } else if (s instanceof Stmt.Join j) {
      return actors[j.actor()] < 0 ? null : new Stmt.Join(actors[j.actor()]);
    }
    return s; // Choose, Assert: nothing to renumber
  }

  private Cond cond(Cond c) {
    if (c instanceof Cond.Cmp cmp) {
      return new Cond.Cmp(operand(cmp.left()), cmp.equal(), operand(cmp.right()));
    }
    List<Cond> parts = new ArrayList<>();
    for (Cond part : c instanceof Cond.All all ? all.parts() : ((Cond.Any) c).parts()) {
      parts.add(cond(part));
    }
    return c instanceof Cond.All ? new Cond.All(parts) : new Cond.Any(parts);
  }

  private Cond.Operand operand(Cond.Operand o) {
    return o instanceof Cond.At at ? new Cond.At(loc(at.loc())) : o;
  }

  /** Which objects a program mentions. */
  private static final class Usage {
    final BitSet cells = new BitSet();
    final BitSet mutexes = new BitSet();
    final BitSet sems = new BitSet();
    final BitSet queues = new BitSet();

    void block(List<Stmt> body) {
      for (Stmt s : body) {
        stmt(s);
        for (List<Stmt> inner : ProgramGenerator.inner(s)) {
          block(inner);
        }
      }
    }

    private void stmt(Stmt s) {
      if (s instanceof Stmt.Get g) {
        cells.set(g.loc().cell());
      } else if (s instanceof Stmt.Set st) {
        cells.set(st.loc().cell());
      } else if (s instanceof Stmt.Add a) {
        cells.set(a.loc().cell());
      } else if (s instanceof Stmt.Cas c) {
        cells.set(c.loc().cell());
      } else if (s instanceof Stmt.Xchg x) {
        cells.set(x.loc().cell());
      } else if (s instanceof Stmt.Peek pk) {
        cells.set(pk.loc().cell());
      } else if (s instanceof Stmt.Poke pk) {
        cells.set(pk.loc().cell());
      } else if (s instanceof Stmt.Locked l) {
        mutexes.set(l.mutex());
      } else if (s instanceof Stmt.TryLocked t) {
        mutexes.set(t.mutex());
      } else if (s instanceof Stmt.RwLocked rw) {
        sems.set(rw.sem());
      } else if (s instanceof Stmt.TryRwLocked rw) {
        sems.set(rw.sem());
      } else if (s instanceof Stmt.Held h) {
        (h.sem() ? sems : mutexes).set(h.object());
      } else if (s instanceof Stmt.Wait w) {
        queues.set(w.queue());
        cond(w.condition());
      } else if (s instanceof Stmt.Sleep sl) {
        queues.set(sl.queue());
      } else if (s instanceof Stmt.Wake wk) {
        queues.set(wk.queue());
      }
    }

    void cond(Cond c) {
      if (c instanceof Cond.Cmp cmp) {
        for (Cond.Operand o : List.of(cmp.left(), cmp.right())) {
          if (o instanceof Cond.At at) {
            cells.set(at.loc().cell());
          }
        }
        return;
      }
      for (Cond part : c instanceof Cond.All all ? all.parts() : ((Cond.Any) c).parts()) {
        cond(part);
      }
    }
  }
}

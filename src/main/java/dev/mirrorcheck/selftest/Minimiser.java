package dev.mirrorcheck.selftest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a program on which the engines disagree, greedily: it drops actors, checks and statements,
 * unwraps compound statements and shortens loops and choices, keeping each change after which the
 * engines still disagree, until no change helps.
 */
public final class Minimiser {
  private final Predicate<Program> fails;

  /** {@code fails}: whether a program still shows the problem being minimised. */
  public Minimiser(Predicate<Program> fails) {
    this.fails = fails;
  }

  /** The smallest program reached from {@code start} on which the problem remains. */
  public Program minimise(Program start) {
    Program best = start;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Program candidate : candidates(best)) {
        if (fails.test(candidate)) {
          best = candidate;
          progress = true;
          break;
        }
      }
    }
    Program pruned = Renumbering.pruned(best);
    return !pruned.equals(best) && fails.test(pruned) ? pruned : best;
  }

  /** Smaller variants of {@code p}, roughly the biggest cuts first. */
  static List<Program> candidates(Program p) {
    List<Program> out = new ArrayList<>();
    for (int a = 0; a < p.actors().size(); a++) {
      Program without = withoutActor(p, a);
      if (without != null) {
        out.add(without);
      }
    }
    for (int c = 0; c < p.checks().size(); c++) {
      List<Program.Check> checks = new ArrayList<>(p.checks());
      checks.remove(c);
      out.add(p.withChecks(checks));
      Program.Check check = p.checks().get(c);
      if (check.guard() != null) {
        checks.add(c, new Program.Check(check.kind(), check.property(), null, check.condition()));
        out.add(p.withChecks(checks));
      }
    }
    for (int a = 0; a < p.actors().size(); a++) {
      Program.ActorDef def = p.actors().get(a);
      for (List<Stmt> body : variants(def.body())) {
        List<Program.ActorDef> actors = new ArrayList<>(p.actors());
        actors.set(a, new Program.ActorDef(def.name(), def.child(), body));
        Program candidate = p.withActors(actors);
        if (wellFormed(candidate)) {
          out.add(candidate);
        }
      }
    }
    return out;
  }

  /** {@code p} without actor {@code a} (and the child it spawns), or null if none would be left. */
  private static Program withoutActor(Program p, int a) {
    BitSet drop = new BitSet();
    drop.set(a);
    collectSpawned(p.actors().get(a).body(), drop);
    for (int i = 0; i < p.actors().size(); i++) {
      if (!p.actors().get(i).child() && !drop.get(i)) {
        Program out = Renumbering.withoutActors(p, drop);
        return wellFormed(out) ? out : null;
      }
    }
    return null;
  }

  private static void collectSpawned(List<Stmt> body, BitSet into) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Spawn sp) {
        into.set(sp.actor());
      }
      for (List<Stmt> inner : ProgramGenerator.inner(s)) {
        collectSpawned(inner, into);
      }
    }
  }

  /** A join needs its child spawned earlier in the same actor, at the top level. */
  private static boolean wellFormed(Program p) {
    for (Program.ActorDef d : p.actors()) {
      List<Integer> spawned = new ArrayList<>();
      for (Stmt s : d.body()) {
        if (s instanceof Stmt.Spawn sp) {
          spawned.add(sp.actor());
        } else if (s instanceof Stmt.Join j && !spawned.contains(j.actor())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every one-step simplification of a statement list. */
  static List<List<Stmt>> variants(List<Stmt> body) {
    List<List<Stmt>> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      out.add(splice(body, i, List.of()));
    }
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      for (List<Stmt> replacement : simpler(s)) {
        out.add(splice(body, i, replacement));
      }
      List<List<Stmt>> inner = ProgramGenerator.inner(s);
      for (int k = 0; k < inner.size(); k++) {
        for (List<Stmt> v : variants(inner.get(k))) {
          List<List<Stmt>> changed = new ArrayList<>(inner);
          changed.set(k, v);
          out.add(splice(body, i, List.of(withInner(s, changed))));
        }
      }
    }
    return out;
  }

  private static List<Stmt> splice(List<Stmt> body, int i, List<Stmt> replacement) {
    List<Stmt> out = new ArrayList<>(body.subList(0, i));
    out.addAll(replacement);
    out.addAll(body.subList(i + 1, body.size()));
    return out;
  }

  /** Replacements for a statement: its bodies in its place, a shorter loop, a smaller choice. */
  private static List<List<Stmt>> simpler(Stmt s) {
    List<List<Stmt>> out = new ArrayList<>();
    for (List<Stmt> inner : ProgramGenerator.inner(s)) {
      if (!(s instanceof Stmt.Atomic) || inner.size() <= 1) {
        out.add(inner);
      }
    }
    if (s instanceof Stmt.Atomic at && at.body().size() > 1) {
      out.add(at.body()); // the body as separate steps
    }
    if (s instanceof Stmt.Retry rt && rt.max() > 1) {
      out.add(List.of(new Stmt.Retry(rt.max() - 1, rt.body(), rt.until())));
    }
    if (s instanceof Stmt.Choose ch && ch.n() > 2) {
      out.add(List.of(new Stmt.Choose(2, ch.reg())));
    }
    if (s instanceof Stmt.Wait w && !(w.condition() instanceof Cond.Cmp)) {
      List<Cond> parts = w.condition() instanceof Cond.All all ? all.parts()
          : ((Cond.Any) w.condition()).parts();
      for (Cond part : parts) {
        out.add(List.of(new Stmt.Wait(w.queue(), part)));
      }
    }
    return out;
  }

  /** {@code s} with its nested statement lists replaced, in the order of {@link ProgramGenerator#inner}. */
  static Stmt withInner(Stmt s, List<List<Stmt>> inner) {
    if (s instanceof Stmt.Locked l) {
      return new Stmt.Locked(l.mutex(), inner.get(0));
    }
    if (s instanceof Stmt.TryLocked t) {
      return new Stmt.TryLocked(t.mutex(), inner.get(0), inner.get(1));
    }
    if (s instanceof Stmt.RwLocked rw) {
      return new Stmt.RwLocked(rw.sem(), rw.write(), inner.get(0));
    }
    if (s instanceof Stmt.TryRwLocked rw) {
      return new Stmt.TryRwLocked(rw.sem(), rw.write(), inner.get(0), inner.get(1));
    }
    if (s instanceof Stmt.Atomic) {
      return new Stmt.Atomic(inner.get(0));
    }
    if (s instanceof Stmt.If f) {
      return new Stmt.If(f.condition(), inner.get(0), inner.get(1));
    }
    if (s instanceof Stmt.Retry rt) {
      return new Stmt.Retry(rt.max(), inner.get(0), rt.until());
    }
    return s;
  }
}

package dev.mirrorcheck.selftest;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a program exercises; the generator can be limited to some, and runs count them. */
public enum Feature {
  ARRAYS("int[] and ref[] elements"),
  CELL_TYPES("long, bool and ref cells"),
  ADD("getAndAdd"),
  CAS("compareAndSet"),
  XCHG("getAndSet"),
  PEEK_POKE("peek and poke inside a step"),
  MUTEX("lock/unlock"),
  TRYLOCK("mutex trylock"),
  RWSEM_FAIR("rwsem, queued writers block readers"),
  RWSEM_UNFAIR("rwsem, readers may overtake writers"),
  RW_TRYLOCK("down_read_trylock/down_write_trylock"),
  NESTED_READ("read acquisition nested in a read hold"),
  HELD("heldByCurrentActor"),
  WAIT_UNTIL("waitUntil"),
  MULTI_CELL_WAIT("wait condition over several cells"),
  SLEEP("unconditional sleep"),
  WAKE("wakeAll"),
  ATOMIC("atomic blocks"),
  ATOMIC_CHOOSE("choose inside an atomic block"),
  CHOOSE("choose"),
  BRANCH("data-dependent branches"),
  RETRY("bounded retry loops"),
  ASSERT("assertions"),
  INVARIANT("state invariants"),
  GUARDED_INVARIANT("invariants with a guard, over several cells"),
  END_CHECK("end checks"),
  INCONSISTENT_LOCKING("a locked cell accessed unlocked on a rare branch"),
  SPAWN_JOIN("spawn and join");

  private final String description;

  Feature(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The command-line name, for example {@code nested-read}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The feature with this command-line name, or null. */
  public static Feature byName(String name) {
    for (Feature f : values()) {
      if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  /** The features {@code p} uses. */
  public static Set<Feature> of(Program p) {
    EnumSet<Feature> out = EnumSet.noneOf(Feature.class);
    for (Program.Cell c : p.cells()) {
      if (c.type().array()) {
        out.add(ARRAYS);
      } else if (c.type() != Program.Type.INT) {
        out.add(CELL_TYPES);
      }
    }
    for (Program.Sem s : p.sems()) {
      out.add(s.fair() ? RWSEM_FAIR : RWSEM_UNFAIR);
    }
    for (Program.Check c : p.checks()) {
      if (c.kind() == Program.CheckKind.AT_END) {
        out.add(END_CHECK);
      } else {
        out.add(INVARIANT);
        if (c.guard() != null) {
          out.add(GUARDED_INVARIANT);
        }
      }
    }
    Scan scan = new Scan(p, out);
    for (Program.ActorDef a : p.actors()) {
      scan.block(a.body(), 0L, 0, false, false);
    }
    if (scan.inconsistent()) {
      out.add(INCONSISTENT_LOCKING);
    }
    return out;
  }

  /** Walks statements, noting features and how each location is locked. */
  private static final class Scan {
    private final Set<Feature> out;
    private final long[] lockedBy; // per slot: mutexes held at every locked access
    private final boolean[] unlockedOnBranch;
    private final Program p;

    Scan(Program p, Set<Feature> out) {
      this.p = p;
      this.out = out;
      lockedBy = new long[p.slots()];
      unlockedOnBranch = new boolean[p.slots()];
    }

    boolean inconsistent() {
      for (int i = 0; i < lockedBy.length; i++) {
        if (lockedBy[i] != 0 && unlockedOnBranch[i]) {
          return true;
        }
      }
      return false;
    }

    private void access(Loc l, long held, boolean branch) {
      int slot = p.slot(l);
      if (held != 0) {
        lockedBy[slot] |= held;
      } else if (branch) {
        unlockedOnBranch[slot] = true;
      }
    }

    void block(List<Stmt> body, long held, int readHolds, boolean atomic, boolean branch) {
      for (Stmt s : body) {
        stmt(s, held, readHolds, atomic, branch);
      }
    }

    private void stmt(Stmt s, long held, int readHolds, boolean atomic, boolean branch) {
      if (s instanceof Stmt.Get g) {
        access(g.loc(), held, branch);
      } else if (s instanceof Stmt.Set st) {
        access(st.loc(), held, branch);
      } else if (s instanceof Stmt.Add a) {
        out.add(ADD);
        access(a.loc(), held, branch);
      } else if (s instanceof Stmt.Cas c) {
        out.add(CAS);
        access(c.loc(), held, branch);
      } else if (s instanceof Stmt.Xchg x) {
        out.add(XCHG);
        access(x.loc(), held, branch);
      } else if (s instanceof Stmt.Peek || s instanceof Stmt.Poke) {
        out.add(PEEK_POKE);
      } else if (s instanceof Stmt.Locked l) {
        out.add(MUTEX);
        block(l.body(), held | 1L << l.mutex(), readHolds, atomic, branch);
      } else if (s instanceof Stmt.TryLocked t) {
        out.add(TRYLOCK);
        block(t.body(), held | 1L << t.mutex(), readHolds, atomic, branch);
        block(t.otherwise(), held, readHolds, atomic, true);
      } else if (s instanceof Stmt.RwLocked rw) {
        if (!rw.write() && (readHolds & 1 << rw.sem()) != 0) {
          out.add(NESTED_READ);
        }
        block(rw.body(), held, rw.write() ? readHolds : readHolds | 1 << rw.sem(), atomic, branch);
      } else if (s instanceof Stmt.TryRwLocked rw) {
        out.add(RW_TRYLOCK);
        block(rw.body(), held, rw.write() ? readHolds : readHolds | 1 << rw.sem(), atomic, branch);
        block(rw.otherwise(), held, readHolds, atomic, true);
      } else if (s instanceof Stmt.Held) {
        out.add(HELD);
      } else if (s instanceof Stmt.Atomic at) {
        out.add(ATOMIC);
        block(at.body(), held, readHolds, true, branch);
      } else if (s instanceof Stmt.Wait w) {
        out.add(WAIT_UNTIL);
        if (locations(w.condition()) > 1) {
          out.add(MULTI_CELL_WAIT);
        }
      } else if (s instanceof Stmt.Sleep) {
        out.add(SLEEP);
      } else if (s instanceof Stmt.Wake) {
        out.add(WAKE);
      } else if (s instanceof Stmt.Choose) {
        out.add(atomic ? ATOMIC_CHOOSE : CHOOSE);
        out.add(CHOOSE);
      } else if (s instanceof Stmt.If f) {
        out.add(BRANCH);
        block(f.then(), held, readHolds, atomic, true);
        block(f.otherwise(), held, readHolds, atomic, true);
      } else if (s instanceof Stmt.Retry rt) {
        out.add(RETRY);
        block(rt.body(), held, readHolds, atomic, true);
      } else if (s instanceof Stmt.Assert) {
        out.add(ASSERT);
      } else if (s instanceof Stmt.Spawn || s instanceof Stmt.Join) {
        out.add(SPAWN_JOIN);
      }
    }

    private static int locations(Cond c) {
      Set<Loc> seen = new java.util.HashSet<>();
      collect(c, seen);
      return seen.size();
    }

    private static void collect(Cond c, Set<Loc> seen) {
      if (c instanceof Cond.Cmp cmp) {
        for (Cond.Operand o : List.of(cmp.left(), cmp.right())) {
          if (o instanceof Cond.At at) {
            seen.add(at.loc());
          }
        }
        return;
      }
      for (Cond part : c instanceof Cond.All all ? all.parts() : ((Cond.Any) c).parts()) {
        collect(part, seen);
      }
    }
  }
}

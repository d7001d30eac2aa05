package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small random concurrent program over the facade, generated from a seed: a few actors running
 * reads, writes, atomic adds, critical sections (mutex, trylock, rwsem), atomic blocks, waits and
 * wake-ups, choices, assertions on what was read and ghost peeks and pokes. Its final state includes
 * every register, so two executions agree only if every read saw the same value.
 */
final class RandomProgram implements Harness {
  private static final int REGISTERS = 3;

  private final long seed;
  private final int cells;
  private final int mutexes;
  private final boolean rwsem;
  private final boolean writerBlocksReaders;
  private final List<List<Stmt>> actors = new ArrayList<>();
  private final int invariantSum; // -1: no invariant
  private int nextId;

  RandomProgram(long seed, int maxActors, int opsPerActor) {
    this.seed = seed;
    Random r = new Random(seed);
    cells = 2 + r.nextInt(2);
    mutexes = 1 + r.nextInt(2);
    rwsem = r.nextInt(4) == 0;
    writerBlocksReaders = r.nextBoolean();
    int n = 2 + r.nextInt(maxActors - 1);
    for (int i = 0; i < n; i++) {
      int[] budget = {opsPerActor};
      List<Stmt> body = new ArrayList<>();
      while (budget[0] > 0) {
        body.add(statement(r, budget, 0L, false, false));
      }
      actors.add(body);
    }
    invariantSum = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : -1;
  }

  /** Generates statements until the budget of primitive operations is spent. */
  private List<Stmt> block(Random r, int[] budget, long held, boolean rwHeld, boolean inAtomic) {
    List<Stmt> out = new ArrayList<>();
    int len = 1 + r.nextInt(3);
    for (int i = 0; i < len && budget[0] > 0; i++) {
      out.add(statement(r, budget, held, rwHeld, inAtomic));
    }
    return out;
  }

  private Stmt statement(Random r, int[] budget, long held, boolean rwHeld, boolean inAtomic) {
    int id = nextId++;
    int cell = r.nextInt(cells);
    int reg = r.nextInt(REGISTERS);
    int k = inAtomic ? r.nextInt(4) : r.nextInt(15);
    budget[0]--;
    switch (k) {
      case 0:
        return new Read(cell, reg);
      case 1:
        return new Write(cell, r.nextBoolean() ? -1 : reg, 1 + r.nextInt(2));
      case 2:
        return new Add(cell, reg);
      case 3:
        return new Assert(id, reg, r.nextInt(3));
      case 4:
      case 5: {
        int m = r.nextInt(mutexes);
        if ((held & (1L << m)) != 0) {
          return new Read(cell, reg);
        }
        budget[0]--;
        return new Section(m, block(r, budget, held | (1L << m), rwHeld, false));
      }
      case 6: {
        int m = r.nextInt(mutexes);
        if ((held & (1L << m)) != 0) {
          return new Write(cell, reg, 3);
        }
        budget[0]--;
        return new TrySection(m, block(r, budget, held | (1L << m), rwHeld, false),
            block(r, budget, held, rwHeld, false));
      }
      case 7:
        if (!rwsem || rwHeld) {
          return new Add(cell, reg);
        }
        budget[0]--;
        return new RwSection(r.nextBoolean(), block(r, budget, held, true, false));
      case 8:
        return new Atomic(block(r, budget, held, rwHeld, true));
      case 9:
        return new Wait(cell, r.nextInt(3));
      case 10:
      case 11:
        return new Wake();
      case 12:
        return new Choose(reg);
      case 13:
        return new Poke(reg);
      default:
        return new Peek(reg);
    }
  }

  @Override
  public void build(World world) {
    Sync s = world.sync();
    Ctx shared = new Ctx(s);
    int[][] regs = new int[actors.size()][REGISTERS];
    for (int i = 0; i < actors.size(); i++) {
      List<Stmt> body = actors.get(i);
      int[] mine = regs[i];
      String name = "a" + i;
      world.actor(name, () -> {
        for (Stmt st : body) {
          st.run(shared, mine, name);
        }
      });
    }
    if (invariantSum >= 0) {
      world.invariant("sum", () -> shared.cell[0].peek() + shared.cell[1].peek() == invariantSum + 10
          ? "c0 + c1 = " + (invariantSum + 10) : null);
    }
    world.finalState(() -> {
      StringBuilder sb = new StringBuilder();
      for (IntCell c : shared.cell) {
        sb.append(c.peek()).append(' ');
      }
      sb.append("g=").append(shared.ghost.peek());
      for (int[] rg : regs) {
        sb.append(' ').append(Arrays.toString(rg));
      }
      return sb.toString();
    });
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("program(seed " + seed + ", " + cells + " cells, "
        + mutexes + " mutexes" + (rwsem ? ", rwsem" + (writerBlocksReaders ? " (fair)" : "") : "")
        + (invariantSum >= 0 ? ", invariant c0+c1 != " + (invariantSum + 10) : "") + ")");
    for (int i = 0; i < actors.size(); i++) {
      sb.append("\n  a").append(i).append(": ").append(actors.get(i));
    }
    return sb.toString();
  }

  private final class Ctx {
    final Sync sync;
    final IntCell[] cell;
    final Mutex[] mutex;
    final RwSem sem;
    final WaitQueue wq;
    final IntCell ghost;

    Ctx(Sync s) {
      sync = s;
      cell = new IntCell[cells];
      for (int i = 0; i < cells; i++) {
        cell[i] = s.newInt("c" + i, 0);
      }
      mutex = new Mutex[mutexes];
      for (int i = 0; i < mutexes; i++) {
        mutex[i] = s.newMutex("m" + i);
      }
      sem = rwsem ? s.newRwSem("sem", writerBlocksReaders) : null;
      wq = s.newWaitQueue("wq");
      ghost = s.newInt("ghost", 0);
    }
  }

  private abstract static class Stmt {
    abstract void run(Ctx c, int[] regs, String actor);
  }

  private static final class Read extends Stmt {
    final int cell;
    final int reg;

    Read(int cell, int reg) {
      this.cell = cell;
      this.reg = reg;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      regs[reg] = c.cell[cell].get("read");
    }

    @Override
    public String toString() {
      return "r" + reg + "=c" + cell;
    }
  }

  private static final class Write extends Stmt {
    final int cell;
    final int reg; // -1: constant
    final int value;

    Write(int cell, int reg, int value) {
      this.cell = cell;
      this.reg = reg;
      this.value = value;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.cell[cell].set("write", reg < 0 ? value : regs[reg] + value);
    }

    @Override
    public String toString() {
      return "c" + cell + "=" + (reg < 0 ? "" + value : "r" + reg + "+" + value);
    }
  }

  private static final class Add extends Stmt {
    final int cell;
    final int reg;

    Add(int cell, int reg) {
      this.cell = cell;
      this.reg = reg;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      regs[reg] = c.cell[cell].getAndAdd("add", 5);
    }

    @Override
    public String toString() {
      return "r" + reg + "=c" + cell + "+=5";
    }
  }

  private static final class Assert extends Stmt {
    final int id;
    final int reg;
    final int forbidden;

    Assert(int id, int reg, int forbidden) {
      this.id = id;
      this.reg = reg;
      this.forbidden = forbidden;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.sync.check(regs[reg] != forbidden + 5, "assert", actor + "#" + id + " r" + reg + "=" + regs[reg]);
    }

    @Override
    public String toString() {
      return "assert r" + reg + "!=" + (forbidden + 5);
    }
  }

  private static final class Section extends Stmt {
    final int m;
    final List<Stmt> body;

    Section(int m, List<Stmt> body) {
      this.m = m;
      this.body = body;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.mutex[m].lock("lock");
      for (Stmt s : body) {
        s.run(c, regs, actor);
      }
      c.mutex[m].unlock("unlock");
    }

    @Override
    public String toString() {
      return "m" + m + "{" + body + "}";
    }
  }

  private static final class TrySection extends Stmt {
    final int m;
    final List<Stmt> body;
    final List<Stmt> otherwise;

    TrySection(int m, List<Stmt> body, List<Stmt> otherwise) {
      this.m = m;
      this.body = body;
      this.otherwise = otherwise;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      if (c.mutex[m].tryLock("trylock")) {
        for (Stmt s : body) {
          s.run(c, regs, actor);
        }
        c.mutex[m].unlock("unlock");
      } else {
        for (Stmt s : otherwise) {
          s.run(c, regs, actor);
        }
      }
    }

    @Override
    public String toString() {
      return "try m" + m + "{" + body + "} else {" + otherwise + "}";
    }
  }

  private static final class RwSection extends Stmt {
    final boolean write;
    final List<Stmt> body;

    RwSection(boolean write, List<Stmt> body) {
      this.write = write;
      this.body = body;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      if (write) {
        c.sem.downWrite("down_write");
      } else {
        c.sem.downRead("down_read");
      }
      for (Stmt s : body) {
        s.run(c, regs, actor);
      }
      if (write) {
        c.sem.upWrite("up_write");
      } else {
        c.sem.upRead("up_read");
      }
    }

    @Override
    public String toString() {
      return (write ? "W" : "R") + "{" + body + "}";
    }
  }

  private static final class Atomic extends Stmt {
    final List<Stmt> body;

    Atomic(List<Stmt> body) {
      this.body = body;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.sync.atomic("atomic", () -> {
        for (Stmt s : body) {
          s.run(c, regs, actor);
        }
      });
    }

    @Override
    public String toString() {
      return "atomic{" + body + "}";
    }
  }

  private static final class Wait extends Stmt {
    final int cell;
    final int value;

    Wait(int cell, int value) {
      this.cell = cell;
      this.value = value;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.wq.waitUntil("wait", () -> c.cell[cell].get("cond") != value);
    }

    @Override
    public String toString() {
      return "wait c" + cell + "!=" + value;
    }
  }

  private static final class Wake extends Stmt {
    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.wq.wakeAll("wake");
    }

    @Override
    public String toString() {
      return "wake";
    }
  }

  private static final class Choose extends Stmt {
    final int reg;

    Choose(int reg) {
      this.reg = reg;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      regs[reg] = c.sync.choose("choose", 2);
    }

    @Override
    public String toString() {
      return "r" + reg + "=choose(2)";
    }
  }

  private static final class Poke extends Stmt {
    final int reg;

    Poke(int reg) {
      this.reg = reg;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      c.ghost.poke(regs[reg] + 1);
    }

    @Override
    public String toString() {
      return "poke g=r" + reg + "+1";
    }
  }

  private static final class Peek extends Stmt {
    final int reg;

    Peek(int reg) {
      this.reg = reg;
    }

    @Override
    void run(Ctx c, int[] regs, String actor) {
      regs[reg] = c.ghost.peek();
    }

    @Override
    public String toString() {
      return "r" + reg + "=peek g";
    }
  }
}

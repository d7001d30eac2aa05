package dev.mirrorcheck.selftest;

import java.util.List;

/**
 * A closed concurrent program over the facade: shared objects, actors (top-level ones start together;
 * children start when an actor spawns them) and the checks on its states.
 */
public record Program(List<Cell> cells, List<String> mutexes, List<Sem> sems, List<String> queues,
    List<ActorDef> actors, List<Check> checks) {

  /** Registers per actor, all starting at 0. */
  public static final int REGISTERS = 3;

  public Program {
    cells = List.copyOf(cells);
    mutexes = List.copyOf(mutexes);
    sems = List.copyOf(sems);
    queues = List.copyOf(queues);
    actors = List.copyOf(actors);
    checks = List.copyOf(checks);
  }

  /** Types of shared cells, each with the operations the facade offers for it. */
  public enum Type {
    INT("int"),
    LONG("long"),
    BOOL("bool"),
    REF("ref"),
    INT_ARRAY("int[]"),
    REF_ARRAY("ref[]");

    final String keyword;

    Type(String keyword) {
      this.keyword = keyword;
    }

    boolean array() {
      return this == INT_ARRAY || this == REF_ARRAY;
    }

    boolean hasAdd() {
      return this == INT || this == LONG || this == INT_ARRAY;
    }

    boolean hasCas() {
      return this != BOOL;
    }

    boolean hasXchg() {
      return this == BOOL || this == REF;
    }

    /** The value a write of {@code v} stores: booleans are 0/1, references one of four objects. */
    int normalise(int v) {
      switch (this) {
        case BOOL:
          return v != 0 ? 1 : 0;
        case REF:
        case REF_ARRAY:
          return Math.floorMod(v, REF_VALUES);
        default:
          return v;
      }
    }
  }

  /** Distinct objects a reference cell can hold (compared by identity). */
  public static final int REF_VALUES = 4;

  /** A shared cell or array; {@code length} is 1 for cells. */
  public record Cell(String name, Type type, int length, int initial) {}

  /** A read-write semaphore; {@code fair}: a waiting writer blocks new readers. */
  public record Sem(String name, boolean fair) {}

  /** An actor; children run only once spawned. */
  public record ActorDef(String name, boolean child, List<Stmt> body) {
    public ActorDef {
      body = List.copyOf(body);
    }
  }

  /** What a check is evaluated on. */
  public enum CheckKind {
    /** Every reachable state. */
    INVARIANT,
    /** The final state of every execution in which no actor failed. */
    AT_END
  }

  /** A state check: violated when {@code guard} (if any) holds and {@code condition} does not. */
  public record Check(CheckKind kind, String property, Cond guard, Cond condition) {}

  /** The number of slots (memory locations) of all cells together. */
  int slots() {
    int n = 0;
    for (Cell c : cells) {
      n += c.length();
    }
    return n;
  }

  /** The slot of {@code loc} in a flat array of all locations. */
  int slot(Loc loc) {
    int n = 0;
    for (int i = 0; i < loc.cell(); i++) {
      n += cells.get(i).length();
    }
    return n + loc.element();
  }

  /** Copy with other actors. */
  Program withActors(List<ActorDef> newActors) {
    return new Program(cells, mutexes, sems, queues, newActors, checks);
  }

  /** Copy with other checks. */
  Program withChecks(List<Check> newChecks) {
    return new Program(cells, mutexes, sems, queues, actors, newChecks);
  }

  @Override
  public String toString() {
    return ProgramText.print(this);
  }
}

package dev.mirrorcheck.explore;

/**
 * Anything a step can access: a memory location or a synchronisation object. The id is the creation
 * index within an execution, which is how the same object is recognised from one execution to the
 * next (for invariant visibility).
 */
abstract class Target {
  final Execution ex;
  final String name;
  final int id;
  /**
   * Bit mask of the invariants that read this object: a state change to it is a visible step for
   * each of them (see {@link Execution}).
   */
  final long visibleTo;

  Target(Execution ex, String name, int id) {
    this.ex = ex;
    this.name = name;
    this.id = id;
    this.visibleTo = ex.visibleTo(id);
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.sync;

import java.util.function.Supplier;

/** What a {@link Harness} declares while building one world: its actors and its properties. */
public interface World {

  /** The facade of this world. */
  Sync sync();

  /** Declares an actor; all actors start together once set-up is complete. */
  Actor actor(String name, Runnable body);

  /**
   * Declares {@code actors} interchangeable: they run the same code with the same operations, and
   * nothing in the world (shared state, properties, other actors) tells them apart except through
   * structures that are renamed with them. The explorer may then explore one ordering of their
   * start-up per orbit (see {@code docs/explorer.md}, "Symmetry"); other runtimes ignore it. A
   * violation found is still a concrete schedule of these actors.
   */
  default void symmetric(Actor... actors) {}

  /**
   * A global invariant, evaluated on the initial state and after every step that changed state it
   * reads. It must read shared state with {@code peek} only.
   */
  void invariant(String property, StateCheck check);

  /** A check of the final state, evaluated when every actor has finished. */
  void atEnd(String property, StateCheck check);

  /**
   * Describes the final state for comparing executions (optional; the explorer otherwise lists every
   * cell).
   */
  void finalState(Supplier<String> describe);
}

package dev.mirrorcheck.sync;

import java.util.function.Supplier;

/** What a {@link Harness} declares while building one world: its actors and its properties. */
public interface World {

  /** The facade of this world. */
  Sync sync();

  /** Declares an actor; all actors start together once set-up is complete. */
  Actor actor(String name, Runnable body);

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

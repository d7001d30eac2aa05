package dev.mirrorcheck.check;

import dev.mirrorcheck.sync.Sync;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checker state private to each actor (what a fault in progress has seen), like a local variable of
 * the actor's program: only the actor itself reads or writes its entry, so it needs no facade cell.
 */
final class PerActor<T> {
  private static final Object SETUP = new Object();

  private final Sync sync;
  private final Supplier<T> fresh;
  private final Map<Object, T> state = new LinkedHashMap<>();

  PerActor(Sync sync, Supplier<T> fresh) {
    this.sync = sync;
    this.fresh = fresh;
  }

  /** The calling actor's state, created on first use. */
  T get() {
    Object key = sync.currentActor() == null ? SETUP : sync.currentActor();
    return state.computeIfAbsent(key, k -> fresh.get());
  }

  /** Every actor's state (end checks, after every actor finished). */
  Iterable<T> all() {
    return state.values();
  }
}

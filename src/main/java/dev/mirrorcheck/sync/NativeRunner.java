package dev.mirrorcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a {@link Harness} once on real threads: builds the world, starts every actor, joins them, then
 * evaluates the invariants and end checks on the final state. Failures come back as a list of
 * messages (empty when the run was clean). Nothing here is exhaustive: it is a stress run, and the
 * entry point Java PathFinder explores.
 */
public final class NativeRunner {

  private NativeRunner() {}

  /** Runs {@code harness} once with choices drawn from {@code seed}; returns the failures found. */
  public static List<String> runOnce(Harness harness, long seed) throws InterruptedException {
    NativeSync sync = new NativeSync(seed);
    NativeWorld world = new NativeWorld(sync);
    harness.build(world);
    sync.startAll();
    sync.joinAll(world.actors);
    List<String> problems = new ArrayList<>();
    for (Throwable t : sync.failures()) {
      problems.add(String.valueOf(t.getMessage() != null ? t.getMessage() : t));
    }
    for (Named check : world.invariants) {
      String v = check.check.violation();
      if (v != null) {
        problems.add(check.property + ": " + v);
      }
    }
    for (Named check : world.endChecks) {
      String v = check.check.violation();
      if (v != null) {
        problems.add(check.property + ": " + v);
      }
    }
    return problems;
  }

  private static final class Named {
    final String property;
    final StateCheck check;

    Named(String property, StateCheck check) {
      this.property = property;
      this.check = check;
    }
  }

  private static final class NativeWorld implements World {
    private final NativeSync sync;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Named> invariants = new ArrayList<>();
    private final List<Named> endChecks = new ArrayList<>();

    NativeWorld(NativeSync sync) {
      this.sync = sync;
    }

    @Override
    public Sync sync() {
      return sync;
    }

    @Override
    public Actor actor(String name, Runnable body) {
      Actor a = sync.spawn(name, body);
      actors.add(a);
      return a;
    }

    @Override
    public void invariant(String property, StateCheck check) {
      invariants.add(new Named(property, check));
    }

    @Override
    public void atEnd(String property, StateCheck check) {
      endChecks.add(new Named(property, check));
    }

    @Override
    public void finalState(Supplier<String> describe) {
      // Only the explorer compares final states.
    }
  }
}

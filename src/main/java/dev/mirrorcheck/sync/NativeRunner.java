package dev.mirrorcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Runs a {@link Harness} once on plain threads: builds the world, starts every actor, joins them,
 * then evaluates the end checks. The invariants are evaluated on the initial state and after every
 * step that changes shared state, and a deadlock is a finding, as under the explorer. Failures come
 * back as messages (empty when the run was clean). One run is one interleaving; Java PathFinder,
 * running the same program, explores all of them.
 */
public final class NativeRunner {

  private NativeRunner() {}

  /** Runs {@code harness} once with choices drawn from {@code seed}; returns the failures found. */
  public static List<String> runOnce(Harness harness, long seed) throws InterruptedException {
    return run(new NativeSync(seed), harness).problems();
  }

  /**
   * Runs {@code harness} once with every choice — which actor takes the next step, and
   * {@link Sync#choose} — made by {@code chooser} ({@code n ->} a choice in {@code [0, n)}): the
   * choices Java PathFinder enumerates, for replaying or enumerating native runs.
   */
  public static Run run(Harness harness, IntUnaryOperator chooser) throws InterruptedException {
    return run(new NativeSync(chooser), harness);
  }

  /**
   * One native run: its failures (empty when clean) and the final state the harness describes. A
   * class rather than a record: records compile to invokedynamic, which the JPF entry points avoid.
   */
  public static final class Run {
    private final List<String> problems;
    private final String finalState;

    Run(List<String> problems, String finalState) {
      this.problems = problems;
      this.finalState = finalState;
    }

    public List<String> problems() {
      return problems;
    }

    /** What the harness's {@code finalState} describes, or null when it declares none. */
    public String finalState() {
      return finalState;
    }

    @Override
    public String toString() {
      return problems.isEmpty() ? "clean: " + finalState : "failed: " + problems;
    }
  }

  private static Run run(NativeSync sync, Harness harness) throws InterruptedException {
    NativeWorld world = new NativeWorld(sync);
    harness.build(world);
    sync.run();
    List<String> problems = new ArrayList<>();
    List<Throwable> failures = sync.failures();
    for (int i = 0; i < failures.size(); i++) {
      Throwable t = failures.get(i);
      problems.add(t.getMessage() != null ? t.getMessage() : t.toString());
    }
    if (problems.isEmpty()) {
      for (int i = 0; i < world.endChecks.size(); i++) {
        Named check = world.endChecks.get(i);
        String v = check.check.violation();
        if (v != null) {
          problems.add(check.property + ": " + v);
        }
      }
    }
    return new Run(problems, world.finalState == null ? null : world.finalState.get());
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
    private final List<Named> endChecks = new ArrayList<>();
    private Supplier<String> finalState;

    NativeWorld(NativeSync sync) {
      this.sync = sync;
    }

    @Override
    public Sync sync() {
      return sync;
    }

    @Override
    public Actor actor(String name, Runnable body) {
      return sync.spawn(name, body);
    }

    @Override
    public void invariant(String property, StateCheck check) {
      sync.invariant(property, check);
    }

    @Override
    public void atEnd(String property, StateCheck check) {
      endChecks.add(new Named(property, check));
    }

    @Override
    public void finalState(Supplier<String> describe) {
      finalState = describe;
    }
  }
}

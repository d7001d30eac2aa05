package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
import java.util.List;
import java.util.Map;

/**
 * A spec as a harness: each execution builds the spec's world, lets {@link Checks} install property
 * checks on it, then starts one actor per spec actor running its operations in order.
 */
public final class ScenarioHarness implements Harness {

  /** Installs property checks on a freshly built world. */
  @FunctionalInterface
  public interface Checks {
    void install(World world, ScenarioWorld scenario);
  }

  private final Spec spec;
  private final Mutations mutations;
  private final Checks checks;
  private final boolean checkData;
  private final List<String> order; // null: the actors run concurrently
  private final Observer observer; // null: nobody looks

  /** Receives what each operation observed ({@link OpRunner#run}), as it completes. */
  @FunctionalInterface
  public interface Observer {
    void observed(String actor, Op op, int[] seen);
  }

  /**
   * A harness that checks the spec's {@code expect} clauses (property {@code data}).
   *
   * @param mutations the mutations to switch on (the spec's own, or a mutant's)
   */
  public ScenarioHarness(Spec spec, Mutations mutations, Checks checks) {
    this(spec, mutations, checks, true);
  }

  /** As above; {@code checkData} false leaves the {@code expect} clauses unchecked. */
  public ScenarioHarness(Spec spec, Mutations mutations, Checks checks, boolean checkData) {
    this(spec, mutations, checks, checkData, null, null);
  }

  private ScenarioHarness(Spec spec, Mutations mutations, Checks checks, boolean checkData,
      List<String> order, Observer observer) {
    this.spec = spec;
    this.mutations = mutations;
    this.checks = checks;
    this.checkData = checkData;
    this.order = order;
    this.observer = observer;
  }

  /**
   * The spec's actors run one after another in {@code order} (each with all its operations), by a
   * single actor, with {@code observer} told what every operation observed: what a user program
   * running them in that order sees, for comparison with a sequential reference.
   */
  public static ScenarioHarness sequential(Spec spec, List<String> order, Checks checks,
      Observer observer) {
    return sequential(spec, Mutations.none(), order, checks, observer);
  }

  /** As above, with {@code mutations} switched on. */
  public static ScenarioHarness sequential(Spec spec, Mutations mutations, List<String> order,
      Checks checks, Observer observer) {
    return new ScenarioHarness(spec, mutations, checks, false, List.copyOf(order), observer);
  }

  public Spec spec() {
    return spec;
  }

  public Mutations mutations() {
    return mutations;
  }

  @Override
  public void build(World world) {
    ScenarioWorld w = WorldBuilder.build(world.sync(), spec, mutations);
    checks.install(world, w);
    if (order != null) {
      world.actor("seq", () -> {
        for (String actor : order) {
          OpRunner runner = new OpRunner(w, actor, checkData);
          for (Op op : spec.actors().get(actor)) {
            observe(actor, op, runner.run(op));
          }
        }
      });
      return;
    }
    for (Map.Entry<String, ImmutableList<Op>> e : spec.actors().entrySet()) {
      OpRunner runner = new OpRunner(w, e.getKey(), checkData);
      ImmutableList<Op> ops = e.getValue();
      world.actor(e.getKey(), () -> {
        for (Op op : ops) {
          observe(e.getKey(), op, runner.run(op));
        }
      });
    }
  }

  private void observe(String actor, Op op, int[] seen) {
    if (observer != null) {
      observer.observed(actor, op, seen);
    }
  }
}

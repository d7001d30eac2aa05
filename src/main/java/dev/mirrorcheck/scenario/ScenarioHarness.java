package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.check.Properties;
import dev.mirrorcheck.check.Property;
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

  /**
   * @param mutations the mutations to switch on (the spec's own, or a mutant's)
   */
  public ScenarioHarness(Spec spec, Mutations mutations, Checks checks) {
    this.spec = spec;
    this.mutations = mutations;
    this.checks = checks;
  }

  /** The spec's world with {@code properties} installed on each execution. */
  public static ScenarioHarness checking(Spec spec, Mutations mutations,
      List<? extends Property> properties) {
    return new ScenarioHarness(spec, mutations, new PropertyChecks(ImmutableList.copyOf(properties)));
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
    for (Map.Entry<String, ImmutableList<Op>> e : spec.actors().entrySet()) {
      world.actor(e.getKey(), new ActorBody(new OpRunner(w, e.getKey()), e.getValue()));
    }
  }

  /** One spec actor: its operations in order (a named class: Java PathFinder runs it). */
  private static final class ActorBody implements Runnable {
    private final OpRunner runner;
    private final ImmutableList<Op> ops;

    ActorBody(OpRunner runner, ImmutableList<Op> ops) {
      this.runner = runner;
      this.ops = ops;
    }

    @Override
    public void run() {
      for (Op op : ops) {
        runner.run(op);
      }
    }
  }

  /** Installs the property checkers on the world's {@link ScenarioWorld#subject() subject}. */
  private static final class PropertyChecks implements Checks {
    private final ImmutableList<Property> properties;

    PropertyChecks(ImmutableList<Property> properties) {
      this.properties = properties;
    }

    @Override
    public void install(World world, ScenarioWorld scenario) {
      Properties.install(world, scenario.subject(), properties);
    }
  }
}

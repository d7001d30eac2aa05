package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
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
    this.spec = spec;
    this.mutations = mutations;
    this.checks = checks;
    this.checkData = checkData;
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
      OpRunner runner = new OpRunner(w, e.getKey(), checkData);
      ImmutableList<Op> ops = e.getValue();
      world.actor(e.getKey(), () -> {
        for (Op op : ops) {
          runner.run(op);
        }
      });
    }
  }
}

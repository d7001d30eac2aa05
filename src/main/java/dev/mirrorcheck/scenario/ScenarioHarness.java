package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.check.Properties;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /**
   * The spec as it declares itself: its own mutations, and its properties (every one stated for its
   * design when it lists none).
   *
   * @throws IllegalArgumentException when the spec lists a property not stated for its design
   */
  public static ScenarioHarness of(Spec spec) {
    List<Property> properties = new java.util.ArrayList<>();
    if (spec.properties().isEmpty()) {
      properties.addAll(PropertyCatalog.applicableTo(spec.design()));
    }
    for (String id : spec.properties()) {
      Property p = PropertyCatalog.byId(id);
      if (!p.appliesTo(spec.design())) {
        throw new IllegalArgumentException("property " + id + " is not stated for design "
            + spec.design().word());
      }
      properties.add(p);
    }
    return checking(spec, Mutations.copyOf(spec.mutations()), properties);
  }

  /** The spec's world with {@code properties} installed on each execution. */
  public static ScenarioHarness checking(Spec spec, Mutations mutations,
      List<? extends Property> properties) {
    return checking(spec, mutations, properties, true);
  }

  /** As above; {@code checkData} false leaves the {@code expect} clauses unchecked. */
  public static ScenarioHarness checking(Spec spec, Mutations mutations,
      List<? extends Property> properties, boolean checkData) {
    return new ScenarioHarness(spec, mutations, new PropertyChecks(ImmutableList.copyOf(properties)),
        checkData);
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
      world.actor("seq", new SequentialBody(w));
      return;
    }
    Map<String, List<Actor>> byOps = new LinkedHashMap<>();
    for (Map.Entry<String, ImmutableList<Op>> e : spec.actors().entrySet()) {
      Actor a = world.actor(e.getKey(), new ActorBody(e.getKey(),
          new OpRunner(w, e.getKey(), checkData), e.getValue()));
      String key = interchangeable(e.getValue());
      if (key != null) {
        List<Actor> group = byOps.get(key); // no lambda: Java PathFinder runs this class
        if (group == null) {
          group = new ArrayList<>();
          byOps.put(key, group);
        }
        group.add(a);
      }
    }
    for (List<Actor> group : byOps.values()) {
      if (group.size() > 1) {
        world.symmetric(group.toArray(new Actor[0]));
      }
    }
  }

  /**
   * The identity of an actor's operation list for symmetry, or null when the actor is not
   * interchangeable with another: an operation that names a result ({@code as}), waits for one
   * ({@code after}) or is conditional on one ties the actor to the names around it. Two actors with
   * the same key run the same operations on the same objects (page, device, umem, mm and values are
   * part of an operation's text).
   */
  private static String interchangeable(List<Op> ops) {
    StringBuilder sb = new StringBuilder();
    for (Op op : ops) {
      if (op.as() != null || !op.after().isEmpty() || !op.conditions().isEmpty()) {
        return null;
      }
      sb.append(op.text()).append('\n');
    }
    return sb.toString();
  }

  /** One spec actor: its operations in order (a named class: Java PathFinder runs it). */
  private final class ActorBody implements Runnable {
    private final String actor;
    private final OpRunner runner;
    private final ImmutableList<Op> ops;

    ActorBody(String actor, OpRunner runner, ImmutableList<Op> ops) {
      this.actor = actor;
      this.runner = runner;
      this.ops = ops;
    }

    @Override
    public void run() {
      for (Op op : ops) {
        observe(actor, op, runner.run(op));
      }
    }
  }

  /** Every spec actor's operations by one actor, in {@link #order}. */
  private final class SequentialBody implements Runnable {
    private final ScenarioWorld w;

    SequentialBody(ScenarioWorld w) {
      this.w = w;
    }

    @Override
    public void run() {
      for (String actor : order) {
        OpRunner runner = new OpRunner(w, actor, checkData);
        for (Op op : spec.actors().get(actor)) {
          observe(actor, op, runner.run(op));
        }
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

  private void observe(String actor, Op op, int[] seen) {
    if (observer != null) {
      observer.observed(actor, op, seen);
    }
  }
}

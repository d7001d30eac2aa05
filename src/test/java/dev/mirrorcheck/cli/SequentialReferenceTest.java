package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mirrorcheck.check.Properties;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.fuzz.ScenarioGenerator;
import dev.mirrorcheck.fuzz.SequentialReference;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model against its sequential reference: generated scenarios of the modern design run with
 * their actors one after another, in every order; each operation must observe exactly what the
 * reference says a user program would (data read back, fault or success, return codes, snapshot
 * protections), and no property may fire.
 */
class SequentialReferenceTest {
  /** The CI slice; {@code -Dreference.seed=S -Dreference.scenarios=N} runs a longer hunt. */
  static final long SEED = Long.getLong("reference.seed", 20_240_611L);
  static final int SCENARIOS = Integer.getInteger("reference.scenarios", 100);
  /** The library's documented findings of the correct protocol ({@code expect: violation}). */
  private static final List<Spec> DOCUMENTED = FuzzKnownFindingTest.documented();
  private static int knownFindings;

  @Test
  void everyOrderOfGeneratedScenariosMatchesTheReference() throws Exception {
    ScenarioGenerator gen = new ScenarioGenerator(Design.MODERN, ScenarioGenerator.Shape.SEQUENTIAL);
    int runs = 0;
    for (int i = 0; i < SCENARIOS; i++) {
      String text = gen.generate(SEED, i);
      Spec spec = SpecParser.parse("generated-" + i, text);
      for (List<String> order : orders(new ArrayList<>(spec.actors().keySet()))) {
        compare(spec, text, order);
        runs++;
      }
    }
    System.out.println("sequential reference: " + SCENARIOS + " scenarios, " + runs + " orders, "
        + knownFindings + " stopped by a documented finding");
    assertTrue(knownFindings < runs / 10, knownFindings + " of " + runs + " orders stopped by a "
        + "documented finding: the comparison would check too little");
  }

  /**
   * The comparison catches a model that observes something else: with M12 (protection events
   * ignored) a device keeps writing a page after mprotect(PROT_READ), where the reference (and the
   * kernel) says the write faults.
   */
  @Test
  void aModelThatObservesSomethingElseIsCaught() throws Exception {
    String text = "scenario: m12\npages: 1\nmappings: [{anon: 0, perm: rw, populate: [10]}]\n"
        + "actors:\n  a: [device-fault 0 write, mprotect 0 ro, dma-write 0 5, cpu-read 0]\n";
    Spec spec = SpecParser.parse("m12", text);
    compare(spec, text, List.of("a"), Mutations.none());
    AssertionError caught = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> compare(spec, text, List.of("a"), Mutations.of(Mutation.M12)));
    org.junit.jupiter.api.Assertions.assertTrue(
        caught.getMessage().contains(">> model     a 'dma-write 0 5' -> [5]")
            && caught.getMessage().contains(">> reference a 'dma-write 0 5' -> [" + Integer.MIN_VALUE
                + "]"), caught.getMessage());
  }

  /** Runs {@code spec} in {@code order} on the model and on the reference, op by op. */
  static void compare(Spec spec, String text, List<String> order) {
    compare(spec, text, order, Mutations.none());
  }

  static void compare(Spec spec, String text, List<String> order, Mutations mutations) {
    List<String> seen = new ArrayList<>();
    ScenarioHarness h = ScenarioHarness.sequential(spec, mutations, order,
        (world, w) -> {
          seen.clear(); // a new execution (the explorer may restart)
          if (mutations.isEmpty()) {
            // the correct protocol must not violate anything either; a mutant is compared on its
            // observations alone (the reference does not need the property checkers)
            Properties.install(world, SpecChecks.subject(w),
                PropertyCatalog.applicableTo(spec.design()));
          }
        },
        (actor, op, values) -> seen.add(actor + " '" + op.text() + "' -> "
            + Arrays.toString(values)));
    Result r = new Explorer(ExplorerOptions.builder().maxSteps(spec.maxSteps()).build()).explore(h);
    if (mutations.isEmpty() && r.verdict() == Result.Verdict.VIOLATION
        && FuzzCommand.knownBy(spec, r.findings().get(0).property(), DOCUMENTED) != null) {
      knownFindings++; // a finding the library documents (its execution stops at the violation)
      return;
    }
    SequentialReference ref = new SequentialReference(spec);
    List<String> expected = new ArrayList<>();
    for (String actor : order) {
      for (Op op : spec.actors().get(actor)) {
        expected.add(actor + " '" + op.text() + "' -> " + Arrays.toString(ref.run(op)));
      }
    }
    if ((mutations.isEmpty() && r.verdict() != Result.Verdict.PASS) || !seen.equals(expected)) {
      fail("model and reference disagree on the order " + order + ": model " + r.verdict()
          + (r.findings().isEmpty() ? "" : " " + r.findings().get(0)) + "\n" + diff(seen, expected)
          + "\n" + text);
    }
    assertEquals(1, r.statistics().executions(), "one actor: one execution");
  }

  private static String diff(List<String> model, List<String> reference) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.max(model.size(), reference.size()); i++) {
      String m = i < model.size() ? model.get(i) : "(nothing)";
      String ref = i < reference.size() ? reference.get(i) : "(nothing)";
      sb.append(m.equals(ref) ? "   " : ">> ").append("model     ").append(m).append('\n');
      if (!m.equals(ref)) {
        sb.append(">> reference ").append(ref).append('\n');
      }
    }
    return sb.toString();
  }

  /** Every permutation of {@code names}. */
  static List<List<String>> orders(List<String> names) {
    List<List<String>> out = new ArrayList<>();
    if (names.size() <= 1) {
      out.add(new ArrayList<>(names));
      return out;
    }
    for (int i = 0; i < names.size(); i++) {
      List<String> rest = new ArrayList<>(names);
      String first = rest.remove(i);
      for (List<String> tail : orders(rest)) {
        tail.add(0, first);
        out.add(tail);
      }
    }
    return out;
  }
}

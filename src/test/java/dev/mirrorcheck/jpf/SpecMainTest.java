package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.scenario.ScenarioHarness;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecCodec;
import dev.mirrorcheck.spec.SpecParser;
import dev.mirrorcheck.sync.Harness;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The program a generated configuration runs ({@link SpecMain}) is the scenario {@code check} runs:
 * every spec of the library, in every design, survives {@link SpecCodec}'s encoding with everything
 * the world, its actors and its properties are made of; and explored, the decoded program gives the
 * same verdict in the same number of executions and transitions.
 */
@Timeout(300)
class SpecMainTest {
  /** Spec accessors that are about checking the spec, not about the program it describes. */
  private static final Set<String> NOT_THE_PROGRAM = Set.of("name", "file", "text", "description",
      "designs", "declaredDesign", "kills", "mustReach", "maxSteps", "stopAtFirst",
      "timeLimitSeconds", "preemptionBound", "reduce", "workers", "symmetry", "expect",
      "expectProperties",
      "propertiesLine", "expectLine");

  static List<Spec> library() throws Exception {
    List<Spec> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("specs"))) {
      for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".yaml")).sorted()::iterator) {
        Spec spec = SpecParser.parse(p);
        for (Design d : spec.designs()) {
          out.add(spec.in(d));
        }
      }
    }
    return out;
  }

  @Test
  void everySpecSurvivesTheEncodingWithAllItsProgram() throws Exception {
    List<Spec> specs = library();
    assertTrue(specs.size() >= 20, specs::toString);
    for (Spec spec : specs) {
      Spec back = SpecCodec.decode(SpecCodec.encode(spec));
      assertEquals(describe(spec, true), describe(back, true), spec.name());
      for (String line : SpecCodec.encode(spec)) {
        assertTrue(line.indexOf(',') < 0 && line.indexOf(';') < 0, line); // JPF's list separators
      }
    }
  }

  /**
   * Every public accessor of the object, recursively: a spec accessor someone adds later is compared
   * too, so a new spec key that the encoding does not carry fails here.
   */
  static String describe(Object o, boolean top) throws Exception {
    if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean
        || o instanceof Enum) {
      return String.valueOf(o);
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(e.getKey()).append('=').append(describe(e.getValue(), false)).append(", ");
      }
      return sb.append('}').toString();
    }
    if (o instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      for (Object e : c) {
        sb.append(describe(e, false)).append(", ");
      }
      return sb.append(']').toString();
    }
    StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('(');
    Method[] methods = o.getClass().getMethods();
    Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
    for (Method m : methods) {
      if (m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() != o.getClass() || m.getReturnType() == void.class
          || (top && NOT_THE_PROGRAM.contains(m.getName())) || m.getName().equals("toString")
          || m.getName().equals("hashCode") || m.getName().equals("in")) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(o);
      } catch (java.lang.reflect.InvocationTargetException e) {
        v = "throws " + e.getCause().getClass().getSimpleName(); // e.g. page() of a range op
      }
      sb.append(m.getName()).append('=').append(describe(v, false)).append(' ');
    }
    return sb.append(')').toString();
  }

  /** One spec of each design, and ones with files, fork, several devices. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anon_teardown.yaml@modern", "odp_teardown.yaml@odp",
      "odp_teardown.yaml@hmm2015", "odp_teardown.yaml@legacy-odp", "anon_write_child.yaml@modern",
      "file_write_reclaim.yaml@modern", "mirror_release_vs_munmap.yaml@modern"})
  void theDecodedProgramExploresLikeTheSpec(String which) throws Exception {
    String[] parts = which.split("@");
    Spec spec = SpecParser.parse(Path.of("specs", parts[0])).in(Design.byWord(parts[1]));
    ExplorerOptions o = ExplorerOptions.builder().stopAtFirst(false).maxSteps(spec.maxSteps())
        .build();
    Result direct = new Explorer(o).explore(ScenarioHarness.of(spec));
    Harness h = SpecMain.harness(SpecCodec.encode(spec).toArray(new String[0]));
    Result viaArgs = new Explorer(o).explore(h);
    assertEquals(direct.verdict(), viaArgs.verdict(), which);
    assertEquals(direct.statistics().executions(), viaArgs.statistics().executions(), which);
    assertEquals(direct.statistics().transitions(), viaArgs.statistics().transitions(), which);
    assertEquals(direct.findingCounts(), viaArgs.findingCounts(), which);
  }

  @Test
  void aMutantLineSwitchesTheMutationOn() throws Exception {
    Spec spec = SpecParser.parse(Path.of("specs/anon_teardown.yaml"));
    List<String> lines = new ArrayList<>(SpecCodec.encode(spec));
    lines.add("mutation M3");
    Result r = new Explorer(ExplorerOptions.builder().build())
        .explore(SpecMain.harness(lines.toArray(new String[0])));
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r::toString);
    assertTrue(Mutation.M3.breaks().contains(r.findings().get(0).property()), r::toString);
  }

  @Test
  void badArgumentsAreOneLineErrors() {
    assertEquals("spec scenario: target.args:2: unknown declaration 'pagez'", assertThrows(
        IllegalArgumentException.class,
        () -> SpecMain.harness(new String[] {"design modern", "pagez 2"})).getMessage());
    assertEquals("spec scenario: target.args:1: unknown design 'quantum'", assertThrows(
        IllegalArgumentException.class,
        () -> SpecMain.harness(new String[] {"design quantum"})).getMessage());
    assertEquals("spec scenario: target.args: a scenario needs 'pages' and at least one 'op'",
        assertThrows(IllegalArgumentException.class,
            () -> SpecMain.harness(new String[] {"pages 2"})).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SpecMain.harness(
        new String[] {"pages 2", "op a 3 frobnicate 1"})).getMessage()
        .contains("unknown operation 'frobnicate'"));
  }
}

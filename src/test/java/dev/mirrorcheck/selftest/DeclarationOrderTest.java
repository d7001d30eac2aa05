package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A completed execution is one per Mazurkiewicz trace, so the count does not depend on the order
 * in which the actors are declared (which decides the order of exploration). Every declaration
 * order of the corpus programs that once showed otherwise, and every rotation of random programs
 * over wait queues, mutexes and rw-semaphores, completes as many executions as the declared order
 * and reaches the reference's final states.
 */
class DeclarationOrderTest {
  private static final Differential REFERENCE = new Differential(200_000, Duration.ofSeconds(60));
  private static final Set<Feature> FEATURES = EnumSet.of(Feature.WAIT_UNTIL,
      Feature.MULTI_CELL_WAIT, Feature.SLEEP, Feature.WAKE, Feature.MUTEX, Feature.TRYLOCK,
      Feature.RWSEM_FAIR, Feature.RWSEM_UNFAIR, Feature.RW_TRYLOCK);
  private static final int RANDOM_PROGRAMS = 400;
  /**
   * Random programs whose count still depends on the order (open, see docs/explorer.md; their
   * final states are still checked): 85 (wait queue: a waiter woken for a wake-up that is not yet
   * explored where the waiter would run). Seeds 205 and 293 (fair rw-semaphore with trylocks) were
   * here until a writer's announcement became a step of its own that commutes with releases.
   */
  private static final Set<Long> OPEN = Set.of(85L);

  /**
   * Corpus programs that once completed another number in some order, with their number of
   * traces (up to symmetry): a wait beside a covered wake, a failed trywrite before the last
   * release, random program 205 (a queueing writer beside trylocks), and two readers beside a
   * writer whose announcement must commute with their releases (6 before the announcement).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "passing-wait-beside-a-covered-wake.prog, 6",
    "trywrite-failure-before-the-last-release.prog, 11",
    "writer-queueing-beside-trylocks.prog, 22",
    "writer-announcement-beside-read-releases.prog, 3"
  })
  @Timeout(120)
  void corpusProgramInEveryOrder(String file, long traces) throws Exception {
    sameInEveryOrder(corpus(file), traces);
  }

  @Test
  @Timeout(600)
  void randomProgramsInEveryRotation() {
    ProgramGenerator g = new ProgramGenerator(FEATURES);
    List<String> problems = new ArrayList<>();
    for (long seed = 1; seed <= RANDOM_PROGRAMS; seed++) {
      Program p = g.generate(seed);
      int n = p.actors().size();
      for (ExplorerOptions.Dpor dpor : ExplorerOptions.Dpor.values()) {
        for (boolean reduce : new boolean[] {false, true}) {
          long first = -1;
          for (int r = 0; r < n; r++) {
            Program q = p.withActors(rotated(p.actors(), r));
            Result res = explore(q, dpor, reduce);
            long c = res.statistics().completed();
            if (r == 0) {
              first = c;
            } else if (c != first && !OPEN.contains(seed)) {
              problems.add("seed " + seed + " " + dpor + " reduce " + reduce + ": rotation " + r
                  + " completes " + c + ", the declared order " + first);
            }
          }
        }
      }
      for (int r = 0; r < n; r++) {
        agreesWithReference(p.withActors(rotated(p.actors(), r)), problems);
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  private static void sameInEveryOrder(Program p, long traces) {
    List<String> problems = new ArrayList<>();
    for (List<Program.ActorDef> order : permutations(p.actors())) {
      Program q = p.withActors(order);
      for (ExplorerOptions.Dpor dpor : ExplorerOptions.Dpor.values()) {
        for (boolean reduce : new boolean[] {false, true}) {
          long c = explore(q, dpor, reduce).statistics().completed();
          if (c != traces) {
            problems.add(names(order) + " " + dpor + " reduce " + reduce + ": " + c
                + " completed, " + traces + " traces");
          }
        }
      }
      agreesWithReference(q, problems);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  private static void agreesWithReference(Program q, List<String> problems) {
    Differential.Comparison c = REFERENCE.compare(q);
    assertTrue(c.complete(), "too large for an engine");
    if (!c.agrees()) {
      problems.add(c.engine().description() + " differs from the reference:\n" + c.disagreement()
          + q);
    }
  }

  private static Result explore(Program p, ExplorerOptions.Dpor dpor, boolean reduce) {
    return new Explorer(ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true)
        .maxSteps(5000).reduce(reduce).dpor(dpor).build()).explore(new FacadeProgram(p));
  }

  private static Program corpus(String name) throws Exception {
    Path dir = Path.of(DeclarationOrderTest.class.getResource(CorpusTest.CORPUS).toURI());
    return CorpusTest.load(dir.resolve(name));
  }

  private static <T> List<T> rotated(List<T> list, int r) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + r) % list.size()));
    }
    return out;
  }

  private static <T> List<List<T>> permutations(List<T> list) {
    List<List<T>> out = new ArrayList<>();
    if (list.isEmpty()) {
      out.add(new ArrayList<>());
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      List<T> rest = new ArrayList<>(list);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        tail.add(0, head);
        out.add(tail);
      }
    }
    return out;
  }

  private static String names(List<Program.ActorDef> order) {
    return order.stream().map(Program.ActorDef::name).toList().toString();
  }
}

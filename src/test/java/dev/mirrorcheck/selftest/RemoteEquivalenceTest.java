package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster's protocol without the cluster: leases, their outcomes and footprints travel as text
 * between the coordinator's board and remote workers in this JVM ({@link InProcessMembers}), and
 * the result is that of one worker, exactly as {@link ParallelEquivalenceTest} compares it, also
 * when members are lost with their leases mid-run.
 */
@Timeout(300)
class RemoteEquivalenceTest {
  private static final int RANDOM_PROGRAMS = Integer.getInteger("remote.programs", 40);
  /** The first random program (a long run from elsewhere: {@code -Dremote.from=4001}). */
  private static final long FIRST = Long.getLong("remote.from", 1);

  @Test
  void theCorpusExploresAlikeWithRemoteWorkers() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path f : CorpusTest.corpus()) {
      compare(f.getFileName().toString(), CorpusTest.load(f), problems, new int[2]);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void randomProgramsExploreAlikeWithRemoteWorkersAndLostMembers() {
    ProgramGenerator gen = ProgramGenerator.all();
    List<String> problems = new ArrayList<>();
    int[] leases = new int[2];
    for (long seed = FIRST; seed < FIRST + RANDOM_PROGRAMS; seed++) {
      compare("seed " + seed, gen.generate(seed), problems, leases);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    System.out.println("leases committed " + leases[0] + ", lost " + leases[1]);
    assertTrue(leases[0] > RANDOM_PROGRAMS, "remote workers committed " + leases[0] + " leases");
    assertTrue(leases[1] > 0, "no member was lost: the test did not test that");
  }

  /**
   * One worker against a coordinator with 2 remote workers: with one local worker and no member
   * lost, then with two local workers and every 3rd lease lost; adds the leases committed and lost
   * to {@code leases}.
   */
  private static void compare(String name, Program p, List<String> problems, int[] leases) {
    for (boolean reduce : new boolean[] {true, false}) {
      Result one = explore(p, reduce, 1, null);
      if (one.statistics().executions() > 20_000) {
        continue;
      }
      for (int loseEvery : new int[] {0, 3}) {
        InProcessMembers members = new InProcessMembers(new FacadeProgram(p), 2, loseEvery);
        Result many = explore(p, reduce, loseEvery == 0 ? 1 : 2, members);
        leases[0] += members.committed.get();
        leases[1] += members.lost.get();
        String diff = ParallelEquivalenceTest.difference(one, many, p);
        if (diff != null) {
          problems.add(name + " (reduce " + reduce + ", lose every " + loseEvery + "): " + diff
              + "\n" + ProgramText.print(p));
        }
      }
    }
  }

  private static Result explore(Program p, boolean reduce, int workers,
      InProcessMembers members) {
    ExplorerOptions o = ExplorerOptions.builder().stopAtFirst(false).collectFinalStates(true)
        .maxSteps(500).reduce(reduce).workers(workers).remote(members).build();
    return new Explorer(o).explore(new FacadeProgram(p));
  }
}

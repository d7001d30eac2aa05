package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A seeded slice of the symmetry oracle ({@code ./mirrorcheck selftest --symmetry} runs it at length):
 * random programs with one actor copied, explored without symmetry reduction and with each of its
 * modes; final states must agree with the reference's up to a renaming of the copies, violations
 * exactly, and every final state of a reduced run must be one the reference reaches as it is. The
 * slice must also show that the reduction did something: fewer executions over the slice.
 */
class SymmetryOracleTest {
  private static final int PROGRAMS = Integer.getInteger("symmetry.programs", 40);
  private static final long SEED = Long.getLong("symmetry.seed", 1);

  @Test
  void reducedRunsReachTheSameStatesUpToRenaming() {
    Differential diff = Differential.withSymmetry(100_000, Duration.ofSeconds(20),
        UnaryOperator.identity());
    ProgramGenerator gen = ProgramGenerator.all();
    StringBuilder problems = new StringBuilder();
    int compared = 0;
    int symmetric = 0;
    long without = 0;
    long with = 0;
    for (int i = 0; i < PROGRAMS; i++) {
      Program p = gen.generateSymmetric(SEED + i);
      Differential.Comparison c = diff.compare(p);
      if (!c.complete()) {
        continue;
      }
      compared++;
      if (!c.agrees()) {
        problems.append("seed ").append(SEED + i).append(": ").append(c.engine().description())
            .append('\n').append(c.disagreement()).append(ProgramText.print(p));
      }
      if (!FacadeProgram.symmetricGroups(p).isEmpty()) {
        symmetric++;
        without += c.explorer()[Differential.Engine.REDUCED.ordinal()].work();
        with += c.explorer()[Differential.Engine.SYMMETRY_STATES.ordinal()].work();
      }
    }
    assertTrue(problems.length() == 0, problems::toString);
    assertTrue(compared >= PROGRAMS * 9 / 10, "only " + compared + " compared");
    assertTrue(symmetric >= compared * 3 / 4, "only " + symmetric + " programs with copies");
    assertTrue(with < without * 9 / 10,
        "symmetry reduced nothing: " + with + " executions against " + without);
  }
}

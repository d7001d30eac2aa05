package dev.mirrorcheck.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A seeded slice of the differential self-test: a few hundred random programs over every facade
 * primitive, each explored by source- and optimal DPOR with block reduction off and on and enumerated by the reference. Every
 * feature must occur, and the engines must agree on every program. {@code ./mirrorcheck selftest}
 * runs the same loop at length; {@code -Dselftest.programs=N -Dselftest.seed=S} widens this one.
 */
class SelftestSliceTest {
  private static final int PROGRAMS = Integer.getInteger("selftest.programs", 300);
  private static final long SEED = Long.getLong("selftest.seed", 1);

  @Test
  void theExplorerAgreesWithTheReferenceOnRandomPrograms() {
    Selftest.Options options = new Selftest.Options(PROGRAMS, SEED, EnumSet.allOf(Feature.class),
        null, 200_000, Duration.ofSeconds(30), 1);
    Selftest.Report r = new Selftest(options).run(null);
    StringBuilder problems = new StringBuilder();
    for (Selftest.Disagreement d : r.disagreements()) {
      problems.append("seed ").append(d.seed()).append(": ").append(d.engine().description())
          .append('\n').append(d.difference()).append(ProgramText.print(d.minimised()));
    }
    assertTrue(r.agreed(), problems::toString);
    assertTrue(r.compared() >= PROGRAMS * 95 / 100, "only " + r.compared() + " compared");
    Set<Feature> missing = EnumSet.allOf(Feature.class);
    missing.removeAll(r.features().keySet());
    assertTrue(missing.isEmpty(), "features never generated: " + missing);
  }
}

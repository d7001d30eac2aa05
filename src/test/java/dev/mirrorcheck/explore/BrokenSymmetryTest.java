package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mirrorcheck.selftest.Selftest;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The symmetry oracle's power to fail: with the symmetry rule's dependencies dropped (a held twin's
 * step no longer joins the step that released it, and a step that makes its actor the twin of a
 * runnable one no longer races with it), the oracle must report a disagreement.
 */
class BrokenSymmetryTest {

  @Test
  void droppingTheTwinRulesDependenciesIsCaught() {
    Selftest.Options options = new Selftest.Options(300, 1,
        EnumSet.allOf(dev.mirrorcheck.selftest.Feature.class), null, 100_000,
        Duration.ofSeconds(30), 1);
    Selftest.Report r = Selftest.symmetry(options, b -> b.symmetryDependencies(false)).run(null);
    assertFalse(r.agreed(), "no disagreement in " + r.compared() + " programs");
  }
}

package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mirrorcheck.selftest.Selftest;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The symmetry oracle's power to fail: with twins decided by their pending operation alone (as if the
 * explorer forgot the values the facade returned to them), the oracle must report a disagreement.
 */
class BrokenSymmetryTest {

  @Test
  void twinsThatForgetWhatTheyReadAreCaught() {
    Selftest.Options options = new Selftest.Options(150, 1,
        EnumSet.allOf(dev.mirrorcheck.selftest.Feature.class), null, 100_000,
        Duration.ofSeconds(30), 1);
    Selftest.Report r = Selftest.symmetry(options, b -> b.symmetryHistories(false)).run(null);
    assertFalse(r.agreed(), "no disagreement in " + r.compared() + " programs");
  }
}

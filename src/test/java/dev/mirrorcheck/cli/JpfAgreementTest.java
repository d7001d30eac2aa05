package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.jpf.JpfHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java PathFinder itself, unmodified, agrees with our explorer for the right reason on the
 * configurations that finish on it within about a minute each on an idle CI machine (about two
 * minutes in all): a deadlock (L1), a violated S3 in the calibration mirror, and complete searches
 * without errors. Skipped, visibly, without a JPF installation
 * ({@code $JPF_HOME}, or {@code ../shared/jpf} where CI has it). The whole set is
 * {@code ./mirrorcheck jpf --agree jpf-configs/}.
 */
class JpfAgreementTest {
  /** JPF needs 7, 12, 45 and 65 s on them on an idle 2-core machine; see the README's table. */
  static final List<String> CONFIGS = List.of(
      "jpf-configs/lockorder-buggy.jpf",
      "jpf-configs/lockorder-correct.jpf",
      "jpf-configs/calibration-buggy-2p-1f.jpf",
      "jpf-configs/calibration-correct-2p-1f.jpf");
  /** Generous: a machine shared with other builds runs JPF two to three times slower. */
  static final int BUDGET_SECONDS = 300;

  @TempDir Path dir;

  @Test
  @Timeout(900)
  void javaPathFinderAgreesOnTheQuickConfigurations() throws Exception {
    Path home = JpfHome.find();
    Assumptions.assumeTrue(home != null, "SKIPPED: no Java PathFinder (set JPF_HOME, or put "
        + "jpf-core at ../shared/jpf): the engines' agreement is not checked");
    List<String> args = new ArrayList<>(List.of("jpf", "--agree", "--jpf-home", home.toString(),
        "--budget", Integer.toString(BUDGET_SECONDS), "--out", dir.toString()));
    args.addAll(CONFIGS);
    CliRun r = CliRun.of(args.toArray(new String[0]));
    System.out.print(r.out);
    assertEquals(0, r.exit, r::toString);
    for (String c : CONFIGS) {
      assertTrue(r.err.contains(" " + c + ": agree ("), c + "\n" + r);
    }
  }
}

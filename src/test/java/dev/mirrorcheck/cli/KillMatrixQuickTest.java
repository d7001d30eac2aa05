package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick kill matrix over the shipped scenario library: the correct protocol passes every spec
 * in each design (and design-options variant) it lists, and every catalogue mutation of the four
 * designs (modern, ODP in both mkey-lifetime generations, the 2015 RFC, legacy ODP) is killed by its
 * designated scenario, with a property the catalogue names. A surviving mutation fails CI here.
 */
class KillMatrixQuickTest {
  @TempDir Path tmp;

  @Test
  @Timeout(600)
  void everyCatalogueMutationIsKilled() {
    CliRun r = CliRun.of("mutants", "--quick", "--out", tmp.toString());
    assertEquals(ExitCode.PASS, r.exit, r.out);
    assertTrue(r.out.contains("RESULT: every mutation killed, correct protocol passes"), r.out);
    for (String m : new String[] {"M1 ", "M2 ", "M3 ", "M4 ", "M5 ", "M6 ", "M7 ", "M8 ", "M9 ",
        "M10", "M11", "M12", "M13", "M14", "M15", "M16", "M17", "M18", "M19", "M20", "M21", "M22",
        "M23", "M24", "M25", "M26", "M27", "M28", "M29", "M30"}) {
      assertTrue(r.out.contains("  " + m + (m.length() == 3 ? " " : "  ") + "killed by")
          || r.out.contains("  " + m.trim() + "  killed by") || r.out.contains("  " + m.trim() + "   killed by"),
          m + " killed:\n" + r.out);
    }
  }
}

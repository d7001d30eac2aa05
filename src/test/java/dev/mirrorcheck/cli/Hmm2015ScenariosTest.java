package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2015 design on fresh RDMA scenarios of the kinds a driver engineer writes (two MRs, write
 * fault against madvise, fork against RDMA writes, writeback, the ucontext's close against a fault
 * and a registration, the fault/dereg/munmap control): each passes with the correct protocol, and
 * the 2015 mutations are caught there; the findings about the RFC keep their counterexamples,
 * through the real triggers only.
 */
class Hmm2015ScenariosTest {
  @TempDir Path tmp;

  @Test
  void freshScenariosPassAndCatchTheirMutations() {
    String dir = "src/test/resources/hmm2015-kinds/";
    CliRun ok = CliRun.of("check", "--out", tmp.toString(), dir);
    assertEquals(ExitCode.PASS, ok.exit, ok.toString());
    assertTrue(ok.out.contains("summary: 8 pass (exit code 0)"), ok.out);
    String[][] kills = {
        {"M1", "hmm2015_write_vs_madvise", "S1"}, {"M2", "hmm2015_writeback_vs_hca_write", "S1"},
        {"M11", "hmm2015_fork_vs_rdma_write", "S4a"}, {"M25", "hmm2015_write_vs_madvise", "S1"},
        {"M27", "hmm2015_close_vs_fault", "L1"}};
    for (String[] k : kills) {
      CliRun r = CliRun.of("check", "--mutation", k[0], "--out", tmp.toString(),
          dir + k[1] + ".yaml");
      assertEquals(ExitCode.VIOLATION, r.exit, k[0] + "\n" + r);
      assertTrue(r.out.contains("VIOLATION FOUND " + k[2] + " ("), k[0] + "\n" + r.out);
    }
  }

  @Test
  void findingsComeFromTheirRealTriggers() {
    CliRun r = CliRun.of("check", "--out", tmp.toString(),
        "specs/hmm2015_ucontext_close_vs_munmap.yaml", "specs/hmm2015_shared_odp_bits.yaml",
        "specs/hmm2015_dereg_vs_madvise.yaml", "specs/hmm2015_write_after_writeback.yaml",
        "specs/odp_fault_vs_exit.yaml", "specs/odp_dereg_vs_munmap.yaml");
    assertEquals(ExitCode.PASS, r.exit, r.toString());
    String[][] rows = {
        {"hmm2015_ucontext_close_vs_munmap", "EXPECTED VIOLATION S3"},
        {"hmm2015_shared_odp_bits", "EXPECTED VIOLATION S[123]"},
        {"hmm2015_dereg_vs_madvise", "EXPECTED VIOLATION S[23]"},
        {"hmm2015_write_after_writeback", "EXPECTED VIOLATION data"},
        {"odp_fault_vs_exit@hmm2015", "EXPECTED VIOLATION S[123]"},
        {"odp_dereg_vs_munmap@hmm2015", "PASS"}};
    for (String[] row : rows) {
      assertTrue(r.out.matches("(?s).*\\n  " + row[0] + "\\s+hmm2015\\s+" + row[1] + ".*"),
          row[0] + "\n" + r.out);
    }
  }
}

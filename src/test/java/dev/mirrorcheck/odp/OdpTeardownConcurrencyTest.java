package dev.mirrorcheck.odp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ODP page fault against munmap, on real threads and exhaustively, correct and broken. */
@Timeout(120)
class OdpTeardownConcurrencyTest {
  private static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(2000).build();

  @Test
  void nativeRunsStayCoherent() throws InterruptedException {
    for (long seed = 0; seed < 300; seed++) {
      List<String> problems = NativeRunner.runOnce(new OdpTeardownHarness(Mutations.none()), seed);
      assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems);
    }
  }

  @Test
  void exhaustiveExplorationFindsNoViolation() {
    Result r = new Explorer(OPTIONS).explore(new OdpTeardownHarness(Mutations.none()));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
    assertTrue(r.coverage().containsKey("odp_fault:update_xlt"), "the fault posted MTTs");
    assertTrue(r.coverage().containsKey("inval:umr_zap"), "the callback zapped MTTs");
    assertTrue(r.coverage().containsKey("rdma:read"), "the HCA read through an MTT");
  }

  @ParameterizedTest
  @EnumSource(value = Mutation.class, names = {"M3", "M23", "M20"})
  void brokenFaultPathIsCaughtAndReplays(Mutation m) {
    OdpTeardownHarness broken = new OdpTeardownHarness(Mutations.of(m));
    Result r = new Explorer(OPTIONS).explore(broken);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertTrue(List.of("S1", "S3").contains(f.property()), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(broken, f.schedule()).reproduces(f));
  }
}

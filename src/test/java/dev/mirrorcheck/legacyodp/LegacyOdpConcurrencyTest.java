package dev.mirrorcheck.legacyodp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.legacyodp.LegacyOdpHarnesses.CpuOp;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.NativeRunner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pre-HMM ODP explored exhaustively: the teardown race passes S1 and S3 with the KVM-style retry
 * protocol; M7 and M8 break them, with replays that reproduce.
 */
@Timeout(120)
class LegacyOdpConcurrencyTest {
  private static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(3000).build();

  @Test
  void nativeRunsStayCoherent() throws InterruptedException {
    for (long seed = 0; seed < 200; seed++) {
      List<String> problems =
          NativeRunner.runOnce(LegacyOdpHarnesses.teardown(Mutations.none(), CpuOp.MUNMAP), seed);
      assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems);
    }
  }

  @ParameterizedTest
  @EnumSource(CpuOp.class)
  void teardownPasses(CpuOp op) {
    Result r = new Explorer(OPTIONS).explore(LegacyOdpHarnesses.teardown(Mutations.none(), op));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
    assertTrue(r.coverage().containsKey("odp_fault:mlx5_ib_update_mtt"), "the fault posted MTTs");
    assertTrue(r.coverage().containsKey("odp_fault:wait_for_completion_timeout"),
        "a fault waited for notifier_completion after -EAGAIN");
    assertTrue(r.coverage().containsKey("inval:mlx5_ib_update_mtt_zap"), "an invalidation zapped");
    assertTrue(r.coverage().containsKey("rdma:read"), "the HCA read through an MTT");
  }

  @Test
  void deregVersusFaultPasses() {
    Result r = new Explorer(OPTIONS).explore(LegacyOdpHarnesses.deregVersusFault(Mutations.none()));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
    assertTrue(r.coverage().containsKey("dereg:synchronize_srcu"));
  }

  /**
   * M16 (the 2018 per_mm variant holding umem_rwsem for read from start to end): the nested start of
   * the THP split queues behind the registering writer, which waits for the outer read side.
   */
  @Test
  void m16DeadlocksANestedStartBehindAWriter() {
    Result ok = new Explorer(OPTIONS).explore(
        LegacyOdpHarnesses.thpSplitVersusRegistration(Mutations.none()));
    assertEquals(Result.Verdict.PASS, ok.verdict(), ok.toString());
    Harness bad = LegacyOdpHarnesses.thpSplitVersusRegistration(Mutations.of(Mutation.M16));
    Result r = new Explorer(OPTIONS).explore(bad);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals("L1", f.property(), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(bad, f.schedule()).reproduces(f));
  }

  static Stream<Arguments> kills() {
    return Stream.of(Arguments.of(Mutation.M7, CpuOp.MUNMAP, "S3"),
        Arguments.of(Mutation.M7, CpuOp.MADVISE, "S1"),
        Arguments.of(Mutation.M8, CpuOp.MUNMAP, "S3"),
        Arguments.of(Mutation.M8, CpuOp.MADVISE, "S3"));
  }

  @ParameterizedTest(name = "{0} breaks {2} against {1}")
  @MethodSource("kills")
  void retryBugsAreCaughtAndReplay(Mutation m, CpuOp op, String property) {
    assertTrue(m.appliesTo(Design.LEGACY_ODP) && m.breaks().contains(property));
    Harness h = LegacyOdpHarnesses.teardown(Mutations.of(m), op);
    Result r = new Explorer(OPTIONS).explore(h);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals(property, f.property(), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(h, f.schedule()).reproduces(f));
  }
}

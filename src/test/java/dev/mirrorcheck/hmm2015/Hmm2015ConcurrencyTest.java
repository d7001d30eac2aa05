package dev.mirrorcheck.hmm2015;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.hmm2015.Hmm2015Harnesses.CpuOp;
import dev.mirrorcheck.hmm2015.Hmm2015Harnesses.Kept;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
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
 * The 2015 design (HMM v10 + the ODP-on-HMM RFC) explored exhaustively: the teardown race passes S1,
 * S3 and L5 with the correct protocol, and each 2015 mutation produces the violation the catalogue
 * names, with a replay that reproduces it.
 */
@Timeout(120)
class Hmm2015ConcurrencyTest {
  private static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(3000).build();

  @Test
  void nativeRunsStayCoherent() throws InterruptedException {
    for (long seed = 0; seed < 200; seed++) {
      List<String> problems =
          NativeRunner.runOnce(Hmm2015Harnesses.teardown(Mutations.none(), CpuOp.MADVISE), seed);
      assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems);
    }
  }

  /** munmap holds mmap_lock for write, so it serialises with the fault; madvise does not. */
  @ParameterizedTest
  @EnumSource(CpuOp.class)
  void teardownPasses(CpuOp op) {
    Result r = new Explorer(OPTIONS).explore(Hmm2015Harnesses.teardown(Mutations.none(), op));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
    assertTrue(r.coverage().containsKey("odp_fault:mlx5_ib_update_mtt"), "the fault posted MTTs");
    assertTrue(r.coverage().containsKey("odp_fault:hmm_pte_cmpxchg"), "the fault DMA-mapped");
    assertTrue(r.coverage().containsKey("rdma:read"), "the HCA read through an MTT");
    assertTrue(r.coverage().containsKey("inval:mlx5_ib_umem_invalidate"), "mlx5 invalidated");
    assertTrue(r.coverage().containsKey("inval:hmm_mirror_update_pt"), "HMM updated hmm_pt");
    if (op == CpuOp.MADVISE) {
      assertTrue(r.coverage().containsKey("inval:hmm_wait_device_fault_sleep"),
          "an invalidation waited for a registered fault (backoff)");
      assertTrue(r.coverage().containsKey("odp_fault:range_wait_valid"),
          "a fault waited for an active range");
    }
  }

  /** The bugs hidden by mmap_lock in the munmap race: the fault holds it for read throughout. */
  @ParameterizedTest
  @EnumSource(value = Mutation.class, names = {"M1", "M2", "M25", "M26"})
  void munmapCannotRaceAFault(Mutation m) {
    Result r = new Explorer(OPTIONS).explore(
        Hmm2015Harnesses.teardown(Mutations.of(m), CpuOp.MUNMAP));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
  }

  static Stream<Arguments> madviseKills() {
    return Stream.of(Arguments.of(Mutation.M1, "S3"), Arguments.of(Mutation.M2, "S1"),
        Arguments.of(Mutation.M25, "S3"));
  }

  @ParameterizedTest(name = "{0} breaks {1}")
  @MethodSource("madviseKills")
  void madviseRaceKills(Mutation m, String property) {
    assertTrue(m.appliesTo(Design.HMM2015) && m.breaks().contains(property));
    Kept h = Hmm2015Harnesses.teardown(Mutations.of(m), CpuOp.MADVISE);
    Result r = new Explorer(OPTIONS).explore(h);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals(property, f.property(), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(h, f.schedule()).reproduces(f));
  }

  /** Two racing faults of one page: the DMA-map compare-and-set keeps one mapping (S10). */
  @Test
  void m26LeaksADmaMapping() {
    Result ok = new Explorer(OPTIONS).explore(Hmm2015Harnesses.twoFaults(Mutations.none(), false));
    assertEquals(Result.Verdict.PASS, ok.verdict(), ok.toString());
    assertTrue(ok.coverage().containsKey("odp_fault:dma_unmap_page"), "a compare-and-set failed");
    Kept bad = Hmm2015Harnesses.twoFaults(Mutations.of(Mutation.M26), false);
    Result r = new Explorer(OPTIONS).explore(bad);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals("S10", f.property(), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(bad, f.schedule()).reproduces(f));
  }

  /** The leaked mapping outlives the page: madvise frees it while it is still DMA-mapped (S3). */
  @Test
  void m26KeepsAFreedPageDmaMapped() {
    Kept bad = Hmm2015Harnesses.twoFaults(Mutations.of(Mutation.M26), true);
    Result r = new Explorer(OPTIONS).explore(bad);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals("S3", f.property(), f.toString());
    assertTrue(new Explorer(OPTIONS).replay(bad, f.schedule()).reproduces(f));
  }

  /**
   * M27 (inferred hazard): the registered fault's MTT allocation reclaims a page of its own range;
   * the invalidation sets the fault's backoff and waits for it to leave device_faults, which it never
   * does. The explorer reports the deadlock (as L4: the waiter sleeps on a wait queue); L5 is checked
   * on the world the replay built.
   */
  @Test
  void m27SelfDeadlocks() {
    Result ok = new Explorer(OPTIONS).explore(Hmm2015Harnesses.faultAlone(Mutations.none()));
    assertEquals(Result.Verdict.PASS, ok.verdict(), ok.toString());
    Kept bad = Hmm2015Harnesses.faultAlone(Mutations.of(Mutation.M27));
    Result r = new Explorer(OPTIONS).explore(bad);
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.DEADLOCK, f.kind(), f.toString());
    assertTrue(f.message().contains("hmm_wait_device_fault"), f.message());
    assertTrue(new Explorer(OPTIONS).replay(bad, f.schedule()).reproduces(f));
    Hmm hmm = Hmm.of(bad.last.mm);
    assertEquals(1, hmm.ndeviceFaults().peek(), "L5: the fault never left device_faults");
    assertEquals(1, hmm.backedOffPeek(), "L5: although its backoff was set");
  }
}

package dev.mirrorcheck.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * hmm-tests {@code anon_teardown} as a race: munmap against a device fault and DMA reads, on real
 * threads many times and exhaustively under the explorer, with S1 and S3 checked after every step.
 */
@Timeout(120)
class AnonTeardownConcurrencyTest {
  private static final ExplorerOptions OPTIONS = ExplorerOptions.builder().maxSteps(2000).build();

  @Test
  void nativeRunsStayCoherent() throws InterruptedException {
    for (long seed = 0; seed < 300; seed++) {
      List<String> problems = NativeRunner.runOnce(new AnonTeardownHarness(Mutations.none()), seed);
      assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems);
    }
  }

  @Test
  void exhaustiveExplorationFindsNoViolation() {
    Result r = new Explorer(OPTIONS).explore(new AnonTeardownHarness(Mutations.none()));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.toString());
    assertTrue(r.statistics().executions() > 1);
    assertTrue(r.coverage().containsKey("fault:install"), "the fault installed translations");
    assertTrue(r.coverage().containsKey("fault:read_begin_wait"), "a fault waited for the epoch");
    assertTrue(r.coverage().containsKey("dma:read"), "the device read through a translation");
    assertTrue(r.coverage().containsKey("inval:zap_dev_pt"), "the callback zapped");
  }

  /** No read_retry under the driver lock (M3) or none at all (M23): S1 and S3 fire and replay. */
  @ParameterizedTest
  @EnumSource(value = Mutation.class, names = {"M3", "M23"})
  void brokenRetryIsCaughtAndReplays(Mutation m) {
    AnonTeardownHarness broken = new AnonTeardownHarness(Mutations.of(m));
    Result r = new Explorer(OPTIONS.toBuilder().stopAtFirst(false).build()).explore(broken);
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    assertTrue(r.findings().stream().anyMatch(f -> "S1".equals(f.property())), r.toString());
    assertTrue(r.findings().stream().anyMatch(f -> "S3".equals(f.property())), r.toString());
    for (Finding f : r.findings()) {
      Replay replay = new Explorer(OPTIONS).replay(broken, f.schedule());
      assertTrue(replay.reproduces(f), "replay of " + f);
      assertFalse(replay.steps().isEmpty());
    }
  }
}

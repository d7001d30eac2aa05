package dev.mirrorcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MR deregistration against munmap. M19 (mkey revoked without umem_mutex) breaks S10. The correct
 * protocol revokes, unmaps DMA and publishes {@code private = NULL} in one umem_mutex section (as
 * mlx5's {@code dma_fence_odp_mr} does), so munmap's callback never finds a dead MR whose pages are
 * still DMA-mapped. Splitting that section (revoke and {@code private = NULL}, unlock, relock to
 * unmap) would let the page be freed while still DMA-mapped: S3 catches that with every property on.
 */
@Timeout(60)
class OdpDeregWindowTest {
  private final Scenario scenario = CheckHarnesses.deregVersusMunmap(Mutation.M19);

  @Test
  void m19PostsAUmrOnTheRevokedMkey() {
    Result r = new Explorer(PropertyFiringTest.OPTIONS)
        .explore(scenario.harness(true, List.of(PropertyCatalog.byId("S10"))));
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r.toString());
    assertEquals("S10", r.findings().get(0).property());
  }

  @Test
  void correctDeregPassesS10() {
    Result r = new Explorer(PropertyFiringTest.OPTIONS)
        .explore(scenario.harness(false, List.of(PropertyCatalog.byId("S10"))));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.findings().toString());
  }

  @Test
  void correctDeregPassesEveryProperty() {
    List<Property> all = PropertyCatalog.applicableTo(Design.ODP).stream()
        .filter(p -> !p.id().equals("L5")).collect(Collectors.toList());
    Result r = new Explorer(PropertyFiringTest.OPTIONS).explore(scenario.harness(false, all));
    assertEquals(Result.Verdict.PASS, r.verdict(), r.findings().toString());
  }
}

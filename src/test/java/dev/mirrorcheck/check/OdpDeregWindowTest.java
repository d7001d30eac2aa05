package dev.mirrorcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MR deregistration against munmap. M19 (mkey revoked without umem_mutex) breaks S10. The correct
 * protocol, as mainline has it since R11 abb604a1a9c8, passes S10 but not S3: between the revoke
 * ({@code private = NULL} under umem_mutex) and {@code ib_umem_odp_release}, munmap's callback finds
 * {@code private == NULL}, skips {@code ib_umem_odp_unmap_dma_pages}, and the page is freed while the
 * umem still DMA-maps it; the release later unmaps (and, for writable entries, dirties) a freed page.
 * This test pins that counterexample until the model (or the kernel) closes the window.
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
  void correctDeregLeavesAFreedPageDmaMapped() {
    List<Property> all = PropertyCatalog.applicableTo(Design.ODP).stream()
        .filter(p -> !p.id().equals("L5")).collect(Collectors.toList());
    Result r = new Explorer(PropertyFiringTest.OPTIONS).explore(scenario.harness(false, all));
    Finding f = r.findings().get(0);
    assertEquals("S3", f.property(), r.findings().toString());
    assertEquals("frame 1 freed while umem page 0 still DMA-maps it", f.message());
  }
}

package dev.mirrorcheck.odp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.check.Properties;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.check.Subject;
import dev.mirrorcheck.mm.AnonMm;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;
import java.util.List;

/**
 * An ODP MR over two populated anonymous pages: munmap of the upper page races an ODP page fault of
 * both pages and RDMA reads through the MR. S1 and S3 hold at every step over the MTTs.
 */
public final class OdpTeardownHarness implements Harness {
  static final int PAGES = 2;
  static final int[] DATA = {20, 21};

  private final Mutations mut;

  public OdpTeardownHarness(Mutations mut) {
    this.mut = mut;
  }

  @Override
  public void build(World world) {
    Sync sync = world.sync();
    PhysMem mem = new PhysMem(sync, 3);
    Mm mm = AnonMm.populated(mem, mut, PAGES, DATA[0]);
    IbUmemOdp umem = new IbUmemOdp(mm, mut, new OdpContext(sync, "ctx"), "umem", 0, PAGES, false)
        .registerAtSetup();
    Properties.install(world, Subject.builder(Design.ODP, mem).umem(umem).build(),
        List.of(PropertyCatalog.byId("S1"), PropertyCatalog.byId("S3")));
    world.actor("munmap", () -> Unmap.munmap(mm, 1, 2));
    world.actor("odp_fault", () -> OdpFault.pagefault(umem, 0, PAGES, false));
    world.actor("rdma", () -> {
      for (int v = 0; v < PAGES; v++) {
        int r = umem.mr().access("rdma", v, false, 0);
        sync.check(r == DeviceMmu.FAULT || r == DATA[v], "data",
            "RDMA read of page " + v + " returned " + r + ", expected " + DATA[v]);
      }
    });
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.mm.AnonMm;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;

/**
 * hmm-tests {@code anon_teardown} in miniature: two populated anonymous pages mirrored by one device;
 * one actor munmaps the upper page while a device-fault worker faults both pages in and the DMA
 * engine reads both. A read that succeeds must return the page's data. S1 and S3 hold at every step.
 */
public final class AnonTeardownHarness implements Harness {
  static final int PAGES = 2;
  static final int[] DATA = {10, 11};

  private final Mutations mut;

  public AnonTeardownHarness(Mutations mut) {
    this.mut = mut;
  }

  @Override
  public void build(World world) {
    Sync sync = world.sync();
    PhysMem mem = new PhysMem(sync, 3);
    Mm mm = AnonMm.populated(mem, mut, PAGES, DATA[0]);
    DmirrorDevice dev = new DmirrorDevice(mem, mut, 0, "dev0");
    Dmirror d = new Dmirror(dev, mm, "dmirror0").openAtSetup();
    MirrorInvariants.register(world, mm, d.mmu());
    world.actor("munmap", () -> Unmap.munmap(mm, 1, 2));
    world.actor("fault", () -> DmirrorFault.fault(d, 0, PAGES, false));
    world.actor("dma", () -> {
      for (int v = 0; v < PAGES; v++) {
        int r = DeviceIo.dmaRead(d, v);
        sync.check(r == DeviceMmu.FAULT || r == DATA[v], "data",
            "device read of page " + v + " returned " + r + ", expected " + DATA[v]);
      }
    });
  }
}

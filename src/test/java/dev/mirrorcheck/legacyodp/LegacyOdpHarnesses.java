package dev.mirrorcheck.legacyodp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.device.MirrorInvariants;
import dev.mirrorcheck.mm.AnonMm;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;

/**
 * Small worlds for pre-HMM ODP: an ODP MR over populated anonymous pages with S1/S3 state invariants
 * over its MTTs ({@link MirrorInvariants}).
 */
final class LegacyOdpHarnesses {
  private LegacyOdpHarnesses() {}

  /** The CPU operation that races the fault. */
  enum CpuOp {
    MUNMAP,
    MADVISE
  }

  /** One world: memory, mm, ucontext, the MR. */
  static final class WorldLegacy {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final IbUcontext ctx;
    final IbUmem umem;

    WorldLegacy(World world, Mutations mut, int pages, boolean writable) {
      this(world, mut, pages, writable, false);
    }

    WorldLegacy(World world, Mutations mut, int pages, boolean writable, boolean thp) {
      sync = world.sync();
      mem = new PhysMem(sync, pages + 1);
      mm = AnonMm.populated(mem, mut, pages, 40);
      if (thp) {
        mm.setThp(0, pages);
      }
      ctx = new IbUcontext(mm, "ucontext");
      umem = new IbUmem(ctx, "umem", 0, pages, writable).registerAtSetup();
      MirrorInvariants.register(world, mm, umem.mmu());
    }
  }

  /**
   * hmm-tests anon_teardown on legacy ODP: {@code op} on page 1 races an ODP page fault of both pages
   * and RDMA reads through the MR; a read that succeeds returns the page's data.
   */
  static Harness teardown(Mutations mut, CpuOp op) {
    return world -> {
      WorldLegacy x = new WorldLegacy(world, mut, 2, false);
      world.actor(op == CpuOp.MUNMAP ? "munmap" : "madvise", () -> {
        if (op == CpuOp.MUNMAP) {
          Unmap.munmap(x.mm, 1, 2);
        } else {
          Unmap.madviseDontneed(x.mm, 1, 2);
        }
      });
      world.actor("odp_fault", () -> LegacyOdpFault.pagefault(x.umem, 0, 2, false));
      world.actor("rdma", () -> {
        for (int v = 0; v < 2; v++) {
          int r = x.umem.access("rdma", v, false, 0);
          boolean dropped = op == CpuOp.MADVISE && v == 1 && r == 0;
          x.sync.check(r == DeviceMmu.FAULT || r == 40 + v || dropped, "data",
              "RDMA read of page " + v + " returned " + r);
        }
      });
    };
  }

  /**
   * munmap of half a transparent huge page splits it (a start nested in munmap's start/end) while a
   * second umem registers, queueing on {@code umem_rwsem} for write.
   */
  static Harness thpSplitVersusRegistration(Mutations mut) {
    return world -> {
      WorldLegacy x = new WorldLegacy(world, mut, 2, false, true);
      IbUmem other = new IbUmem(x.ctx, "umem2", 0, 1, false);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 1, 2));
      world.actor("reg", other::register);
    };
  }

  /** MR deregistration against a page fault of the MR: after dereg, nothing stays mapped. */
  static Harness deregVersusFault(Mutations mut) {
    return world -> {
      WorldLegacy x = new WorldLegacy(world, mut, 1, false);
      world.actor("odp_fault", () -> LegacyOdpFault.pagefault(x.umem, 0, 1, false));
      world.actor("dereg", () -> LegacyOdpFault.dereg(x.umem));
      world.atEnd("S10", () -> x.umem.mmu().pt().peek(0) == null
          && x.umem.mmu().dmaAddr().peek(0) < 0 && x.umem.npages().peek() == 0 ? null
          : "the deregistered MR still maps page 0");
    };
  }
}

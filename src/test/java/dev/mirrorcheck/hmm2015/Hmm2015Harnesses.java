package dev.mirrorcheck.hmm2015;

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
 * Small worlds for the 2015 design: an ODP-on-HMM MR over populated anonymous pages, S1/S3 state
 * invariants over the HCA's translations ({@link MirrorInvariants}) and, as an end check, L5's
 * "every registered fault left {@code device_faults}". The last world built is kept so a test can
 * inspect it after a replay.
 */
final class Hmm2015Harnesses {
  private Hmm2015Harnesses() {}

  /** The CPU operation that races the fault. */
  enum CpuOp {
    /** munmap of the upper page: mmap_lock for write, serialised with the fault's mmap_lock. */
    MUNMAP,
    /** madvise(DONTNEED) of the upper page: mmap_lock for read, concurrent with the fault. */
    MADVISE
  }

  /** One world: memory, mm, device, the MR. */
  static final class World2015 {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final IbDevice dev;
    final IbUmemHmm umem;

    World2015(World world, Mutations mut, int pages, boolean writable) {
      sync = world.sync();
      mem = new PhysMem(sync, pages + 1);
      mm = AnonMm.populated(mem, mut, pages, 30);
      dev = new IbDevice(sync, "mlx5_0");
      umem = new IbUmemHmm(dev, mm, "umem", 0, pages, writable).registerAtSetup();
      MirrorInvariants.register(world, mm, umem.mmu());
      Hmm hmm = Hmm.of(mm);
      world.atEnd("L5", () -> hmm.deviceFaultsCell().peek().isEmpty() ? null
          : "device faults never left device_faults: " + hmm.deviceFaultsCell().peek());
    }
  }

  /** A harness remembering the last world it built. */
  abstract static class Kept implements Harness {
    World2015 last;
  }

  /**
   * hmm-tests anon_teardown on the RFC: {@code op} on page 1 races an ODP page fault of both pages
   * and RDMA reads through the MR; a read that succeeds returns the page's data.
   */
  static Kept teardown(Mutations mut, CpuOp op) {
    return new Kept() {
      @Override
      public void build(World world) {
        World2015 x = new World2015(world, mut, 2, false);
        last = x;
        world.actor(op == CpuOp.MUNMAP ? "munmap" : "madvise", () -> {
          if (op == CpuOp.MUNMAP) {
            Unmap.munmap(x.mm, 1, 2);
          } else {
            Unmap.madviseDontneed(x.mm, 1, 2);
          }
        });
        world.actor("odp_fault", () -> OdpHmmFault.pagefault(x.umem, 0, 2, false));
        world.actor("rdma", () -> {
          for (int v = 0; v < 2; v++) {
            int r = x.umem.access("rdma", v, false, 0);
            // madvise(DONTNEED) drops page 1's content: it reads back as zero
            boolean dropped = op == CpuOp.MADVISE && v == 1 && r == 0;
            x.sync.check(r == DeviceMmu.FAULT || r == 30 + v || dropped, "data",
                "RDMA read of page " + v + " returned " + r);
          }
        });
      }
    };
  }

  /**
   * Two page faults of the same page race; their DMA mappings race in {@code hmm_mirror_dma_map}.
   * S10 at the end: every {@code dma_map_page} of a page is matched by a {@code dma_unmap_page} or
   * held by its {@code hmm_pte} (no leaked IOVA). With {@code thenMadvise} the first faulter then
   * drops the page: it must not stay DMA-mapped once freed (S3).
   */
  static Kept twoFaults(Mutations mut, boolean thenMadvise) {
    return new Kept() {
      @Override
      public void build(World world) {
        World2015 x = new World2015(world, mut, 1, false);
        last = x;
        HmmMirror m = x.umem.ibMirror().base();
        world.atEnd("S10", () -> {
          int maps = m.dmaMaps().peek(0);
          int held = m.pt().ptes().peek(0).test(HmmPte.VALID_DMA) ? 1 : 0;
          return maps == held ? null
              : "page 0 has " + maps + " live DMA mappings but its hmm_pte holds " + held;
        });
        world.actor("fault_a", () -> {
          OdpHmmFault.pagefault(x.umem, 0, 1, false);
          if (thenMadvise) {
            Unmap.madviseDontneed(x.mm, 0, 1);
          }
        });
        world.actor("fault_b", () -> OdpHmmFault.pagefault(x.umem, 0, 1, false));
      }
    };
  }

  /** A page fault alone: with M27 its MTT allocation reclaims a page of its own range. */
  static Kept faultAlone(Mutations mut) {
    return new Kept() {
      @Override
      public void build(World world) {
        World2015 x = new World2015(world, mut, 1, false);
        last = x;
        world.actor("odp_fault", () -> {
          int rc = OdpHmmFault.pagefault(x.umem, 0, 1, false);
          x.sync.check(rc == 0, "fault", "page fault returned " + rc);
          x.sync.check(x.umem.access("rdma", 0, false, 0) == 30, "data", "RDMA read after fault");
        });
      }
    };
  }
}

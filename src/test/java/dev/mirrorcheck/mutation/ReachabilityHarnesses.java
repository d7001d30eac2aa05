package dev.mirrorcheck.mutation;

import dev.mirrorcheck.check.Properties;
import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.check.PropertyCatalog;
import dev.mirrorcheck.check.Subject;
import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.device.DmirrorFault;
import dev.mirrorcheck.device.DmirrorMigrate;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.AnonMm;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpContext;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;
import java.util.List;

/**
 * Small harnesses that make one catalogue mutation observable each, with ad-hoc checks standing in
 * for the property checkers of the next issue. Every harness passes with the correct protocol.
 */
final class ReachabilityHarnesses {
  private static final List<Property> S1_S3 =
      List.of(PropertyCatalog.byId("S1"), PropertyCatalog.byId("S3"));

  private ReachabilityHarnesses() {}

  /** Two populated anonymous pages mirrored by one device. */
  static final class Dev {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final Dmirror d;

    Dev(World world, Mutations mut, int pages, boolean invariants) {
      sync = world.sync();
      mem = new PhysMem(sync, 2 * pages + 2, pages);
      mm = AnonMm.populated(mem, mut, pages, 10);
      d = new Dmirror(new DmirrorDevice(mem, mut, 0, "dev0"), mm, "dmirror0").openAtSetup();
      if (invariants) {
        Properties.install(world, Subject.builder(Design.MODERN, mem).mirror(d).build(), S1_S3);
      }
    }
  }

  /** M6: madvise(DONTNEED) keeps mmap_lock for read, so a fault can walk inside its epoch. */
  static Harness madviseVersusFault(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 2, true);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 1, 2));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 2, false));
    };
  }

  /** M12: mprotect(RO) against a device that faulted write access in. */
  static Harness mprotectVersusWriter(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 1, true);
      world.actor("mprotect", () -> Mprotect.mprotect(x.mm, 0, 1, true, false));
      world.actor("device", () -> DeviceIo.write(x.d, 0, 1, 99));
    };
  }

  /**
   * M11: an anonymous page comes back from swap writable but clean; a device read fault maps it
   * writable (the snapshot says WRITE), the device writes, and the page is paged out again. The write
   * must reach the swap slot.
   */
  static Harness swapLosesDeviceWrite(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 1, false);
      world.actor("user", () -> {
        Reclaim.pageout(x.mm, 0);
        CpuAccess.read(x.mm, "cpu", 0); // swap-in: writable, clean
        DmirrorFault.fault(x.d, 0, 1, false);
        DeviceIo.dmaWrite(x.d, 0, 77);
        Reclaim.pageout(x.mm, 0);
        int back = CpuAccess.read(x.mm, "cpu", 0);
        x.sync.check(back == 77, "S4a", "the device write was lost: read back " + back);
      });
    };
  }

  /** M15: a fault holding the driver lock in read_begin while a second start of the epoch needs it. */
  static Harness twoMadvisesVersusFault(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 2, false);
      world.actor("madvise0", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("madvise1", () -> Unmap.madviseDontneed(x.mm, 1, 2));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 2, false));
    };
  }

  /** M17: the OOM reaper's non-blocking start fails while a fault holds the driver lock. */
  static Harness oomReaperVersusFault(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 1, false);
      world.actor("oom_reaper", () -> Unmap.oomReap(x.mm, 0, 1));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 1, false));
      world.atEnd("S8", () -> x.mm.notifier().activeCell().peek() == 0
          && (x.mm.notifier().seqCell().peek() & 1) == 0 ? null
          : "epoch left open: active=" + x.mm.notifier().activeCell().peek());
    };
  }

  /** M28: migration to device memory while the device writes through its old translation. */
  static Harness migrateVersusDeviceWrite(Mutations mut) {
    return world -> {
      Dev x = new Dev(world, mut, 1, false);
      int[] wrote = {0};
      world.actor("migrate", () -> DmirrorMigrate.toDevice(x.d, 0, 1));
      world.actor("device", () -> {
        DmirrorFault.fault(x.d, 0, 1, true);
        if (DeviceIo.dmaWrite(x.d, 0, 55) == 55) {
          x.sync.atomic("device:record", () -> wrote[0] = 1);
        }
      });
      world.atEnd("S4b", () -> {
        Pte pte = x.mm.pt().peek(0);
        int now = x.mem.contentCells().peek(pte.frame());
        return wrote[0] == 1 && now != 55 ? "device write lost by the copy: page holds " + now : null;
      });
    };
  }

  /** An ODP umem over two populated pages. */
  static final class Odp {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final OdpContext ctx;
    final IbUmemOdp umem;

    Odp(World world, Mutations mut, boolean thp, boolean implicitChild) {
      sync = world.sync();
      mem = new PhysMem(sync, 4);
      mm = new Mm(mem, mut, "mm", 2, 8);
      mm.mmapAnon(0, 2, true, true);
      mm.populate(0, 10);
      mm.populate(1, 11);
      if (thp) {
        mm.setThp(0, 2);
      }
      ctx = new OdpContext(sync, "ctx");
      umem = new IbUmemOdp(mm, mut, ctx, "umem", 0, 2, implicitChild).registerAtSetup();
    }
  }

  /** M16: munmap splits a THP (nested start) while a umem registration queues on umem_rwsem. */
  static Harness thpSplitVersusRegistration(Mutations mut) {
    return world -> {
      Odp x = new Odp(world, mut, true, false);
      IbUmemOdp other = new IbUmemOdp(x.mm, mut, x.ctx, "umem2", 0, 1, false);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 1, 2));
      world.actor("reg", other::register);
    };
  }

  /** M19: MR deregistration against an invalidation; no UMR may be posted on a revoked mkey. */
  static Harness deregVersusMunmap(Mutations mut) {
    return world -> {
      Odp x = new Odp(world, mut, false, false);
      x.mm.ghost().addListener(new GhostListener() {
        @Override
        public void hwUpdate(GhostMirror mirror, boolean keyValid) {
          x.sync.check(keyValid, "S10", "UMR posted on the revoked mkey of " + mirror);
        }
      });
      world.actor("setup_fault", () -> {
        OdpFault.pagefault(x.umem, 0, 2, false);
        OdpFault.dereg(x.umem);
      });
      world.actor("munmap", () -> Unmap.munmap(x.mm, 0, 2));
    };
  }

  /** M21: two invalidations of an empty implicit-MR child both queue its destroy. */
  static Harness emptyChildTwoInvalidations(Mutations mut) {
    return world -> {
      Odp x = new Odp(world, mut, false, true);
      int[] queued = {0};
      x.mm.ghost().addListener(new GhostListener() {
        @Override
        public void workQueued(GhostMirror mirror, String work) {
          queued[0]++;
          x.sync.check(queued[0] <= 1, "S10", work + " queued twice for " + mirror);
        }
      });
      world.actor("madvise0", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("madvise1", () -> Unmap.madviseDontneed(x.mm, 1, 2));
    };
  }

  /** M22: a write prefetch over a read-only mapping must not grant write access. */
  static Harness writePrefetchOnReadOnly(Mutations mut) {
    return world -> {
      Odp x = new Odp(world, mut, false, false);
      Properties.install(world, Subject.builder(Design.ODP, x.mem).umem(x.umem).build(), S1_S3);
      world.actor("user", () -> {
        Mprotect.mprotect(x.mm, 0, 2, true, false);
        OdpFault.prefetch(x.umem, 0, 2, true);
        int r = x.umem.mr().access("rdma", 0, true, 5);
        x.sync.check(r == DeviceMmu.FAULT, "S5", "RDMA write to a read-only page succeeded");
      });
    };
  }
}

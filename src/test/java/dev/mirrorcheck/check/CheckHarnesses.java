package dev.mirrorcheck.check;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.device.DmirrorFault;
import dev.mirrorcheck.device.DmirrorMigrate;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.Hmm;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.legacyodp.IbUcontext;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.LegacyOdpFault;
import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.AnonMm;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.notifier.MmuNotifierOps;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpContext;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import dev.mirrorcheck.sync.World;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One small scenario per property (section 3) in which it fires: the broken variant switches on a
 * catalogue mutation whose "Breaks" column names the property, or, where no mutation reaches it, runs
 * a deliberately broken operation. The correct variant of each passes every applicable property.
 */
final class CheckHarnesses {
  private CheckHarnesses() {}

  /** Populated anonymous pages mirrored by one dmirror, with the selected properties installed. */
  static final class Dev {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final Dmirror d;

    Dev(World world, Mutations mut, int pages, int spareFrames, Collection<Property> props) {
      sync = world.sync();
      mem = new PhysMem(sync, pages + spareFrames, pages);
      mm = AnonMm.populated(mem, mut, pages, 10);
      d = new Dmirror(new DmirrorDevice(mem, mut, 0, "dev0"), mm, "dmirror0").openAtSetup();
      Properties.install(world, Subject.builder(Design.MODERN, mem).mm(mm).mirror(d).build(), props);
    }
  }

  /** An ODP umem over two populated anonymous pages. */
  static final class Odp {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final IbUmemOdp umem;

    Odp(World world, Mutations mut, boolean implicitChild, Collection<Property> props) {
      sync = world.sync();
      mem = new PhysMem(sync, 4);
      mm = new Mm(mem, mut, "mm", 2, 8);
      mm.mmapAnon(0, 2, true, true);
      mm.populate(0, 10);
      mm.populate(1, 11);
      umem = new IbUmemOdp(mm, mut, new OdpContext(sync, "ctx"), "umem", 0, 2, implicitChild)
          .registerAtSetup();
      Properties.install(world, Subject.builder(Design.ODP, mem).umem(umem).build(), props);
    }
  }

  private static Mutations mut(boolean broken, Mutation m) {
    return broken ? Mutations.of(m) : Mutations.none();
  }

  /** hmm-tests anon_teardown in miniature: munmap of page 1 against a fault and DMA reads. */
  static Scenario teardown(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 2, 1, props);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 1, 2));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 2, false));
      world.actor("dma", () -> {
        DeviceIo.dmaRead(x.d, 0);
        DeviceIo.dmaRead(x.d, 1);
      });
    };
  }

  /** madvise(DONTNEED) keeps mmap_lock for read, so a fault can run inside its epoch. */
  static Scenario madviseVersusFault(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 2, 1, props);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 1, 2));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 2, false));
    };
  }

  /**
   * An anonymous page back from swap writable but clean is faulted in for read (the snapshot says
   * WRITE), written by the device and paged out again: its callback must dirty it.
   */
  static Scenario swapOut(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 2, props);
      world.actor("user", () -> {
        Reclaim.pageout(x.mm, 0);
        CpuAccess.read(x.mm, "cpu", 0);
        DmirrorFault.fault(x.d, 0, 1, false);
        DeviceIo.dmaWrite(x.d, 0, 77);
        Reclaim.pageout(x.mm, 0);
      });
    };
  }

  /** munmap of a page the device faults in for write and writes. */
  static Scenario munmapVersusWriter(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 1, props);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 0, 1));
      world.actor("device", () -> {
        DmirrorFault.fault(x.d, 0, 1, true);
        DeviceIo.dmaWrite(x.d, 0, 42);
      });
    };
  }

  /** An ODP page fault of both pages against munmap of the upper one. */
  static Scenario odpFaultVersusMunmap(Mutation m) {
    return (world, broken, props) -> {
      Odp x = new Odp(world, mut(broken, m), false, props);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 1, 2));
      world.actor("odp_fault", () -> OdpFault.pagefault(x.umem, 0, 2, false));
    };
  }

  /** Migration to device memory while the device writes through its old translation. */
  static Scenario migrateVersusWriter(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 1, props);
      world.actor("migrate", () -> DmirrorMigrate.toDevice(x.d, 0, 1));
      world.actor("device", () -> {
        DmirrorFault.fault(x.d, 0, 1, true);
        DeviceIo.dmaWrite(x.d, 0, 55);
      });
    };
  }

  /** mprotect(PROT_READ) against a device that faulted write access in and writes. */
  static Scenario mprotectVersusWriter(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 1, props);
      world.actor("mprotect", () -> Mprotect.mprotect(x.mm, 0, 1, true, false));
      world.actor("device", () -> DeviceIo.write(x.d, 0, 1, 99));
    };
  }

  /** fork of a parent whose device holds write access to a private page, then writes it again. */
  static Scenario forkVersusWriter(Mutation m) {
    return (world, broken, props) -> {
      Sync sync = world.sync();
      Mutations mut = mut(broken, m);
      PhysMem mem = new PhysMem(sync, 3, 1);
      Mm parent = new Mm(mem, mut, "parent", 1, 8);
      Mm child = new Mm(mem, mut, "child", 1, 8);
      parent.mmapAnon(0, 1, true, true);
      parent.populate(0, 10);
      Dmirror d = new Dmirror(new DmirrorDevice(mem, mut, 0, "dev0"), parent, "dmirror0")
          .openAtSetup();
      Properties.install(world,
          Subject.builder(Design.MODERN, mem).mm(parent).mm(child).mirror(d).build(), props);
      world.actor("fork", () -> Fork.fork(parent, child));
      world.actor("device", () -> {
        DmirrorFault.fault(d, 0, 1, true);
        DeviceIo.dmaWrite(d, 0, 1);
        DeviceIo.write(d, 0, 1, 2);
      });
    };
  }

  /** The OOM reaper's non-blocking start fails while a fault holds the driver lock. */
  static Scenario oomReaperVersusFault(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 1, props);
      world.actor("oom_reaper", () -> Unmap.oomReap(x.mm, 0, 1));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 1, false));
    };
  }

  /** The file is closed (notifier removed) while munmap's epoch may be open. */
  static Scenario releaseVersusMunmap(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 1, 1, props);
      world.actor("munmap", () -> Unmap.munmap(x.mm, 0, 1));
      world.actor("close", x.d::release);
    };
  }

  /**
   * A page migrated to device memory, then the device file closed and the CPU faulting the page
   * back: broken, the fault comes after the close and dmirror_devmem_fault uses the freed dmirror
   * (lib/test_hmm.c before "lib: test_hmm: evict device pages on file close"); correct, it comes before.
   */
  static Scenario devmemFaultAfterRelease() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 1, 2, props);
      world.actor("user", () -> {
        DmirrorMigrate.toDevice(x.d, 0, 1);
        if (broken) {
          x.d.release();
          CpuAccess.read(x.mm, "cpu", 0);
        } else {
          CpuAccess.read(x.mm, "cpu", 0);
          x.d.release();
        }
      });
    };
  }

  /** Two partial madvises against a fault: a shared epoch whose second callback needs D.lock. */
  static Scenario twoMadvisesVersusFault(Mutation m) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, mut(broken, m), 2, 1, props);
      world.actor("madvise0", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("madvise1", () -> Unmap.madviseDontneed(x.mm, 1, 2));
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 2, false));
    };
  }

  /** MR deregistration against munmap of the pages the MR faulted in. */
  static Scenario deregVersusMunmap(Mutation m) {
    return (world, broken, props) -> {
      Odp x = new Odp(world, mut(broken, m), false, props);
      world.actor("rdma", () -> {
        OdpFault.pagefault(x.umem, 0, 2, false);
        OdpFault.dereg(x.umem);
      });
      world.actor("munmap", () -> Unmap.munmap(x.mm, 0, 2));
    };
  }

  /** Two invalidations of an empty implicit-MR child both consider queueing its destroy. */
  static Scenario emptyChildTwoInvalidations(Mutation m) {
    return (world, broken, props) -> {
      Odp x = new Odp(world, mut(broken, m), true, props);
      world.actor("madvise0", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("madvise1", () -> Unmap.madviseDontneed(x.mm, 1, 2));
    };
  }

  /** A write prefetch over a read-only mapping, then an RDMA write. */
  static Scenario writePrefetchOnReadOnly(Mutation m) {
    return (world, broken, props) -> {
      Odp x = new Odp(world, mut(broken, m), false, props);
      world.actor("user", () -> {
        Mprotect.mprotect(x.mm, 0, 2, true, false);
        OdpFault.prefetch(x.umem, 0, 2, true);
        x.umem.mr().access("rdma", 0, true, 5);
      });
    };
  }

  // ------------------------------------------------------------------ deliberately broken variants

  /**
   * L2: a madvise whose broken error path returns after {@code invalidate_range_start} without the
   * end, racing a CPU read of the other page.
   */
  static Scenario forgottenEnd() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      world.actor("madvise", () -> {
        if (broken) {
          x.mm.mmapLock().downRead("madvise:mmap_read_lock");
          x.mm.invalidateRangeStart("madvise", NotifierRange.of(1, 2, NotifierEvent.CLEAR));
          x.mm.mmapLock().upRead("madvise:mmap_read_unlock");
        } else {
          Unmap.madviseDontneed(x.mm, 1, 2);
        }
      });
      world.actor("cpu", () -> CpuAccess.read(x.mm, "cpu", 0));
    };
  }

  /**
   * L3: a fault handler that samples {@code read_begin} once, outside its retry loop, so one
   * invalidation makes every later round collide; the correct variant is dmirror's own.
   */
  static Scenario staleSequenceFault() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 1, 2));
      world.actor("fault", () -> {
        if (broken) {
          staleFault(x.d, 0, 2, 4);
        } else {
          DmirrorFault.fault(x.d, 0, 2, false);
        }
      });
    };
  }

  /** The broken read_begin placement of {@link #staleSequenceFault}; installs nothing. */
  private static void staleFault(Dmirror d, int start, int end, int budget) {
    Mm mm = d.mm();
    Subscriptions subs = mm.notifier();
    IntervalNotifier sub = d.notifier();
    long s = subs.readBegin("fault", sub);
    int rc = Errno.EBUSY;
    for (int round = 0; round < budget && rc == Errno.EBUSY; round++) {
      HmmRange range = new HmmRange(sub, s, start, end, HmmRange.REQ_FAULT,
          HmmPfns.local(start, end), d.device().id());
      mm.mmapLock().downRead("fault:mmap_read_lock");
      int r = Hmm.rangeFault(mm, "fault", range);
      mm.mmapLock().upRead("fault:mmap_read_unlock");
      if (r != 0 && r != Errno.EBUSY) {
        rc = r;
      } else if (r == 0) {
        d.lock().lock("fault:lock");
        rc = subs.readRetry("fault", sub, s) ? Errno.EBUSY : 0;
        d.lock().unlock("fault:unlock");
      }
    }
    mm.ghost().faultRet(sub.ghost(), start, end, rc);
  }

  /**
   * L4: the end of an epoch waited for by testing S.seq and then sleeping ({@code schedule()}
   * without re-checking under the queue), against the invalidation that closes the epoch and wakes
   * the queue; the correct variant is {@code wait_event}.
   */
  static Scenario locklessEpochWait() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 1, 1, props);
      IntCell seq = x.sync.newInt("epoch.seq", 3);
      WaitQueue wq = x.sync.newWaitQueue("epoch.wq");
      world.actor("inval_end", () -> {
        seq.set("inval_end:seq_close_epoch", 4);
        wq.wakeAll("inval_end:wake_up_all");
      });
      world.actor("remove", () -> {
        if (broken) {
          if ((seq.get("remove:read_seq") & 1) == 1) {
            wq.sleep("remove:schedule");
          }
        } else {
          wq.waitUntil("remove:wait_event", () -> (seq.get("remove:read_seq") & 1) == 0);
        }
      });
    };
  }

  /**
   * S8 both ways: two overlapping madvises open one epoch; in the broken variant the second one's
   * end closes the epoch although the first is still active (an {@code mn_itree_inv_end} that
   * closes on every end, not the last), which the one-way check "seq odd implies active" misses.
   */
  static Scenario earlyEpochClose() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      world.actor("madvise0", () -> Unmap.madviseDontneed(x.mm, 0, 2));
      world.actor("madvise1", () -> {
        if (!broken) {
          Unmap.madviseDontneed(x.mm, 1, 2);
          return;
        }
        x.mm.mmapLock().downRead("madvise1:mmap_read_lock");
        x.mm.invalidateRangeStart("madvise1", NotifierRange.of(1, 2, NotifierEvent.CLEAR));
        Subscriptions s = x.mm.notifier();
        x.sync.atomic("madvise1:mn_itree_inv_end", () -> {
          s.activeCell().set("madvise1:active_dec", s.activeCell().get("madvise1:read_active") - 1);
          long seq = s.seqCell().get("madvise1:read_seq");
          if ((seq & 1) == 1) {
            s.seqCell().set("madvise1:seq_close_epoch", seq + 1); // closes whatever is active
          }
        });
        x.mm.mmapLock().upRead("madvise1:mmap_read_unlock");
      });
    };
  }

  /** A subscription over page 0 only, beside the mirror's, inserted at set-up. */
  private static IntervalNotifier narrowSub(Dev x) {
    Subscriptions s = x.mm.notifier();
    IntervalNotifier narrow = new IntervalNotifier(x.sync, "narrow", 0, 1, (sub, range, cur) -> {
      s.setSeq("inval", sub, cur);
      return true;
    }, x.mm.ghost().newSub("narrow", 0, 1, null));
    return narrow;
  }

  /**
   * madvise of page 1 with a subscription over page 0: the broken start hands the range to every
   * subscription in the tree, as if each overlapped it (S8: callbacks only for overlapping ranges).
   */
  static Scenario callbackOutsideItsInterval() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      x.mm.notifier().insertAtSetup(narrowSub(x));
      NotifierRange r = NotifierRange.of(1, 2, NotifierEvent.CLEAR);
      world.actor("madvise", () -> {
        if (!broken) {
          Unmap.madviseDontneed(x.mm, 1, 2);
          return;
        }
        long cur = brokenStart(x.sync, x.mm, r);
        for (IntervalNotifier i : x.mm.notifier().itreeCell().peek()) {
          x.mm.ghost().cbBegin(i.ghost(), 1, 2, "CLEAR", cur);
          i.ops().invalidate(i, r, cur);
          x.mm.ghost().cbEnd(i.ghost(), 1, 2, true);
        }
        x.mm.invalidateRangeEnd("madvise", r);
        x.mm.mmapLock().upRead("madvise:mmap_read_unlock");
      });
    };
  }

  /**
   * An ODP MR over page 0 only and madvise of page 1, which overlaps no subscription: the broken
   * start opens an epoch anyway (S8: S.seq moves only as mn_itree_inv_start_range allows).
   */
  static Scenario epochWithoutHit() {
    return (world, broken, props) -> {
      Sync sync = world.sync();
      PhysMem mem = new PhysMem(sync, 3);
      Mm mm = new Mm(mem, Mutations.none(), "mm", 2, 0);
      mm.mmapAnon(0, 2, true, true);
      mm.populate(0, 10);
      mm.populate(1, 11);
      IbUmemOdp umem = new IbUmemOdp(mm, Mutations.none(), new OdpContext(sync, "ctx"), "umem", 0, 1,
          false).registerAtSetup();
      Properties.install(world, Subject.builder(Design.ODP, mem).umem(umem).build(), props);
      NotifierRange r = NotifierRange.of(1, 2, NotifierEvent.CLEAR);
      world.actor("madvise", () -> {
        if (!broken) {
          Unmap.madviseDontneed(mm, 1, 2);
          return;
        }
        brokenStart(sync, mm, r);
        mm.invalidateRangeEnd("madvise", r);
        mm.mmapLock().upRead("madvise:mmap_read_unlock");
      });
      world.actor("odp_fault", () -> OdpFault.pagefault(umem, 0, 1, false));
    };
  }

  /**
   * A start that counts itself and opens an epoch whatever the range hits (mmap_lock taken for
   * read); returns the epoch.
   */
  private static long brokenStart(Sync sync, Mm mm, NotifierRange r) {
    mm.mmapLock().downRead("madvise:mmap_read_lock");
    Subscriptions s = mm.notifier();
    long[] cur = new long[1];
    sync.atomic("madvise:mn_itree_inv_start_range", () -> {
      s.activeCell().set("madvise:active_inc", s.activeCell().get("madvise:read_active") + 1);
      cur[0] = s.seqCell().get("madvise:read_seq") | 1;
      s.seqCell().set("madvise:seq_open_epoch", cur[0]);
      mm.ghost().start(mm.id(), r.start(), r.end(), r.event().name());
    });
    return cur[0];
  }

  /**
   * A subscription inserted while madvise's epoch may be open: the broken insert puts it straight
   * into the interval tree instead of on the deferred list (S8: the tree changes only while no epoch
   * is open).
   */
  static Scenario treeChangedInEpoch() {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      IntervalNotifier late = narrowSub(x);
      Subscriptions s = x.mm.notifier();
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("open", () -> {
        if (!broken) {
          s.insert("open", late);
          return;
        }
        x.sync.atomic("open:interval_notifier_insert", () -> {
          late.seqCell().set("open:init_sub_seq", s.seqCell().get("open:read_seq") | 1);
          s.itreeCell().set("open:interval_tree_insert", ImmutableList.<IntervalNotifier>builder()
              .addAll(s.itreeCell().get("open:read_itree")).add(late).build());
          x.mm.ghost().subTouched(late.ghost());
        });
      });
    };
  }

  /** A classic notifier registered at set-up whose ->invalidate_range_start counts its calls. */
  private static MmuNotifier classicAtSetup(Dev x) {
    IntCell calls = x.sync.newInt("classic.calls", 0);
    MmuNotifier mn = new MmuNotifier("classic", new MmuNotifierOps() {
      @Override
      public void invalidateRangeStart(MmuNotifier n, NotifierRange range) {
        calls.getAndAdd("classic:calls++", 1);
      }
    }, x.mm.ghost());
    x.mm.notifier().hlistAddAtSetup(mn);
    return mn;
  }

  /**
   * madvise against mmu_notifier_unregister of a classic notifier; the broken unregister returns
   * without synchronize_srcu (S9: no callback of it runs once it returned).
   */
  static Scenario classicUnregisterWithoutGracePeriod() {
    return classicUnregister((x, mn) -> x.mm.mmuNotifierUnregister("unregister", mn), (x, mn) -> {
      x.mm.notifier().hlistRemoveNoRelease("unregister", mn);
      x.mm.ghost().classicUnlinked(ImmutableList.of(mn), true); // as if synchronize_srcu had waited
    });
  }

  /**
   * madvise against mmu_notifier_unregister_no_release; the broken one returns without taking the
   * notifier off the hlist (S9: no walk finds it afterwards).
   */
  static Scenario classicUnregisterLeftOnTheList() {
    return classicUnregister(
        (x, mn) -> x.mm.notifier().hlistRemoveNoRelease("unregister", mn),
        (x, mn) -> x.mm.ghost().classicUnlinked(ImmutableList.of(mn), false)); // no hlist_del
  }

  /** madvise of page 0 against an actor that unregisters a classic notifier one way or the other. */
  private static Scenario classicUnregister(BiConsumer<Dev, MmuNotifier> correct,
      BiConsumer<Dev, MmuNotifier> broken) {
    return (world, isBroken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 2, 1, props);
      MmuNotifier mn = classicAtSetup(x);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("unregister", () -> (isBroken ? broken : correct).accept(x, mn));
    };
  }

  // ------------------------------------------------------------------ legacy ODP (S9)

  /** A legacy ODP ucontext over populated anonymous pages, its umems allocated at set-up. */
  static final class Legacy {
    final Sync sync;
    final PhysMem mem;
    final Mm mm;
    final IbUcontext ctx;

    Legacy(World world, int pages) {
      sync = world.sync();
      mem = new PhysMem(sync, pages + 1);
      mm = AnonMm.populated(mem, Mutations.none(), pages, 40);
      ctx = new IbUcontext(mm, "ucontext");
    }

    IbUmem umem(String name, int start, int end) {
      return new IbUmem(ctx, name, start, end, false);
    }

    void install(World world, Collection<Property> props, IbUmem... umems) {
      Subject.Builder b = Subject.builder(Design.LEGACY_ODP, mem).mm(mm);
      for (IbUmem u : umems) {
        b.umem(u);
      }
      Properties.install(world, b.build(), props);
    }

    /** {@code umem_tree} or {@code no_private_counters} without {@code u}. */
    static ImmutableList<IbUmem> without(List<IbUmem> list, IbUmem u) {
      return list.stream().filter(o -> o != u).collect(ImmutableList.toImmutableList());
    }
  }

  /**
   * Two MRs of one context over page 0 and madvise of page 0 against the deregistration of one of
   * them; the broken {@code ib_umem_odp_release} frees the umem but leaves it in {@code umem_tree}
   * (S9: the context's start or end then accounts the invalidation in the freed umem).
   */
  static Scenario legacyReleaseLeftInTheTree() {
    return (world, broken, props) -> {
      Legacy x = new Legacy(world, 2);
      IbUmem keep = x.umem("umem0", 0, 2).registerAtSetup();
      IbUmem gone = x.umem("umem1", 0, 1).registerAtSetup();
      x.install(world, props, keep, gone);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("dereg", () -> {
        if (!broken) {
          LegacyOdpFault.dereg(gone);
          return;
        }
        // nothing was faulted in: mlx5_ib_invalidate_range and the DMA unmap have nothing to do
        releaseByHand(x, gone, label -> {
          x.ctx.odpMrsCount().set(label, x.ctx.odpMrsCount().get(label) - 1);
          x.mm.ghost().subFreed(gone.ghostSub()); // kfree without rbt_ib_umem_remove
        }, () -> {}, () -> {});
      });
    };
  }

  /**
   * An MR registered while madvise of page 0 may run (so without private counters, on
   * {@code no_private_counters}) and deregistered at once; the broken {@code ib_umem_odp_release}
   * takes it out of {@code umem_tree} but not off that list before freeing it (S9: the last end's
   * {@code ib_ucontext_notifier_end_account} then activates the freed umem's counters).
   */
  static Scenario legacyReleaseLeftWithoutPrivateCounters() {
    return (world, broken, props) -> {
      Legacy x = new Legacy(world, 2);
      IbUmem keep = x.umem("umem0", 0, 2).registerAtSetup();
      IbUmem late = x.umem("umem1", 0, 1);
      x.install(world, props, keep, late);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("user", () -> {
        late.register();
        if (!broken) {
          LegacyOdpFault.dereg(late);
          return;
        }
        releaseByHand(x, late, label -> {
          x.ctx.umemTree().set(label, Legacy.without(x.ctx.umemTree().get(label), late));
          x.ctx.odpMrsCount().set(label, x.ctx.odpMrsCount().get(label) - 1);
          if (!late.countersActive().get(label)) {
            late.completion().completeAllInStep(label); // but no list_del from no_private_counters
          }
          x.mm.ghost().subFreed(late.ghostSub());
        }, () -> late.completion().wake("dereg:complete_all"), () -> {});
      });
    };
  }

  /**
   * The context's only MR deregistered (its release unregisters the context's notifier), then a new
   * one registered (which registers the same notifier again), against madvise of page 0: the
   * invalidations after the second {@code mmu_notifier_register} find and call the notifier, and
   * S9's classic clause starts over there. The broken release takes the notifier off the hlist
   * without {@code synchronize_srcu} (S9: a callback of it runs after the unregistration returned
   * and before it was registered again).
   */
  static Scenario legacyNotifierRegisteredAgain() {
    return (world, broken, props) -> {
      Legacy x = new Legacy(world, 2);
      IbUmem first = x.umem("umem0", 0, 1).registerAtSetup();
      IbUmem second = x.umem("umem1", 0, 2);
      x.install(world, props, first, second);
      world.actor("madvise", () -> Unmap.madviseDontneed(x.mm, 0, 1));
      world.actor("user", () -> {
        if (broken) {
          lastRelease(x, first, () -> {
            if (x.mm.mmgetNotZero("dereg:get_task_mm")) {
              x.mm.notifier().hlistRemoveNoRelease("dereg", x.ctx.mmuNotifier());
              // as if synchronize_srcu had waited for the walks that found it
              x.mm.ghost().classicUnlinked(ImmutableList.of(x.ctx.mmuNotifier()), true);
              x.mm.mmput("dereg");
            }
          });
        } else {
          LegacyOdpFault.dereg(first);
        }
        second.register();
      });
    };
  }

  /**
   * {@code mlx5_ib_dereg_mr} of the context's last MR, nothing faulted in (so no zap or DMA unmap
   * to do): {@code ib_umem_odp_release} takes the umem out of the tree and frees it, then
   * {@code unregister} does what it does with the context's notifier and the owner's mm.
   */
  private static void lastRelease(Legacy x, IbUmem u, Runnable unregister) {
    releaseByHand(x, u, label -> {
      x.ctx.umemTree().set(label, Legacy.without(x.ctx.umemTree().get(label), u));
      x.ctx.odpMrsCount().set(label, x.ctx.odpMrsCount().get(label) - 1);
      x.mm.ghost().subFreed(u.ghostSub());
    }, () -> {}, unregister);
  }

  /**
   * A hand-written {@code mlx5_ib_dereg_mr} of {@code u}: {@code mr->live} cleared, then under
   * {@code umem_rwsem} for write the {@code ib_umem_odp_release} step ({@code release}, given its
   * label) and {@code beforeUnlock}; after the unlock {@code afterUnlock}, then the mkey destroyed.
   */
  private static void releaseByHand(Legacy x, IbUmem u, Consumer<String> release,
      Runnable beforeUnlock, Runnable afterUnlock) {
    String label = "dereg:ib_umem_odp_release";
    u.live().set("dereg:mr_live_0", false);
    x.ctx.umemRwsem().downWrite("dereg:umem_rwsem_write");
    x.sync.atomic(label, () -> release.accept(label));
    beforeUnlock.run();
    x.ctx.umemRwsem().upWrite("dereg:umem_rwsem_unlock");
    afterUnlock.run();
    u.keyValid().set("dereg:destroy_mkey", false);
  }

  // ------------------------------------------------------------------ mm references (S10)

  /**
   * The process exits while its context's last MR is deregistered; the broken release puts the
   * mm whether or not get_task_mm returned it (S10: after exit, mmput of a count at zero).
   */
  static Scenario legacyReleasePutsWithoutGetTaskMm() {
    return legacyExitVersusLastDereg(x -> {
      x.mm.mmgetNotZero("dereg:get_task_mm"); // its NULL ignored
      x.mm.mmuNotifierUnregister("dereg", x.ctx.mmuNotifier());
      x.mm.mmput("dereg");
    });
  }

  /**
   * The same race; the broken release keeps the reference get_task_mm took (S10: at the end a
   * reference is held and the exited mm was never torn down).
   */
  static Scenario legacyReleaseKeepsTheMm() {
    return legacyExitVersusLastDereg(x -> {
      if (x.mm.mmgetNotZero("dereg:get_task_mm")) {
        x.mm.mmuNotifierUnregister("dereg", x.ctx.mmuNotifier()); // and no mmput
      }
    });
  }

  /** exit against mlx5_ib_dereg_mr of the context's only MR, its release's unregister as given. */
  private static Scenario legacyExitVersusLastDereg(Consumer<Legacy> unregister) {
    return (world, broken, props) -> {
      Legacy x = new Legacy(world, 1);
      IbUmem u = x.umem("umem0", 0, 1).registerAtSetup();
      x.install(world, props, u);
      world.actor("exit", () -> Unmap.exit(x.mm));
      world.actor("dereg", () -> {
        if (broken) {
          lastRelease(x, u, () -> unregister.accept(x));
        } else {
          LegacyOdpFault.dereg(u);
        }
      });
    };
  }

  /**
   * exit against a dmirror fault, which holds an mm_users reference while it runs; the broken exit
   * drops the process's reference without running exit_mmap when it is the last (S10: an exited mm
   * whose references were all put is torn down).
   */
  static Scenario exitWithoutExitMmap() {
    return exitAgainstDeviceFault(x -> {
      int users = x.mm.users().getAndAdd("exit:mmput", -1);
      x.mm.ghost().mmPut(x.mm.id(), users, true); // and no exit_mmap, whatever the count
    });
  }

  /**
   * A device fault holding its {@code mmget_not_zero} reference races exit; the broken exit tears
   * the mm down on its own {@code mmput} whatever the count (S10: exit_mmap while mm_users is not
   * zero, when the fault still holds its reference).
   */
  static Scenario exitMmapWhileInUse() {
    return exitAgainstDeviceFault(x -> x.mm.sync().atomic("exit:mmput", () -> {
      int users = x.mm.users().getAndAdd("exit:mmput", -1);
      x.mm.ghost().mmPut(x.mm.id(), users, true);
      x.mm.ghost().exitMmap(x.mm.id()); // exit_mmap begins, whatever the count
    }));
  }

  /**
   * A dmirror fault (which holds an {@code mm_users} reference while it runs) against exit: the
   * correct exit is {@code Unmap.exit}, the broken one {@code brokenExit}.
   */
  private static Scenario exitAgainstDeviceFault(Consumer<Dev> brokenExit) {
    return (world, broken, props) -> {
      Dev x = new Dev(world, Mutations.none(), 1, 1, props);
      world.actor("fault", () -> DmirrorFault.fault(x.d, 0, 1, false));
      world.actor("exit", () -> {
        if (broken) {
          brokenExit.accept(x);
        } else {
          Unmap.exit(x.mm);
        }
      });
    };
  }
}

package dev.mirrorcheck.hmm2015;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.sync.NativeSync;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The 2015 HMM core and the ODP-on-HMM RFC, single-threaded (plus one helper thread to block). */
@Timeout(20)
class Hmm2015Test {
  private final NativeSync sync = new NativeSync(1);
  private final PhysMem mem = new PhysMem(sync, 8);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 3, 16);
  private final IbDevice dev = new IbDevice(sync, "mlx5_0");
  private final IbUmemHmm umem;
  private final HmmMirror mirror;
  private final List<Integer> dirtied = new ArrayList<>();

  Hmm2015Test() {
    mm.mmapAnon(0, 3, true, true);
    umem = new IbUmemHmm(dev, mm, "umem", 0, 3, true).registerAtSetup();
    mirror = umem.ibMirror().base();
    mem.ghost().addListener(new GhostListener() {
      @Override
      public void setDirty(int frame) {
        dirtied.add(frame);
      }
    });
  }

  private HmmPte hmmPte(int v) {
    return mirror.pt().ptes().peek(v);
  }

  @Test
  void pageFaultDmaMapsTheHmmPteAndProgramsTheMtt() {
    int p = mm.populate(0, 7);
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    HmmPte h = hmmPte(0);
    assertTrue(h.test(HmmPte.VALID_DMA) && h.test(HmmPte.WRITE), h.toString());
    assertTrue(h.test(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE), "ODP bits in the driver bits");
    assertEquals(p, h.frame());
    assertEquals(p, umem.mmu().dmaAddr().peek(0));
    assertEquals(1, mirror.dmaMaps().peek(0));
    assertEquals(7, umem.access("rdma", 0, false, 0));
    assertEquals(DeviceMmu.FAULT, umem.access("rdma", 1, false, 0));
    assertTrue(Hmm.of(mm).deviceFaultsCell().peek().isEmpty(), "the fault left device_faults");
  }

  @Test
  void missingPageIsFaultedInThroughTheCpuAndRetried() {
    assertEquals(0, OdpHmmFault.pagefault(umem, 1, 2, true));
    assertTrue(mm.pt().peek(1).isPresent() && mm.pt().peek(1).writable());
    assertEquals(mm.pt().peek(1).frame(), hmmPte(1).frame());
    assertEquals(5, umem.access("rdma", 1, true, 5));
    assertEquals(5, mem.contentCells().peek(mm.pt().peek(1).frame()));
  }

  @Test
  void writeFaultOnReadOnlyVmaIsRefused() {
    mm.populate(0, 1);
    Mprotect.mprotect(mm, 0, 3, true, false);
    assertEquals(Errno.EACCES, OdpHmmFault.pagefault(umem, 0, 1, false));
    assertFalse(hmmPte(0).valid());
  }

  @Test
  void munmapZapsTheMttUnmapsTheDmaAndClearsTheHmmPte() {
    int p = mm.populate(0, 1);
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    Unmap.munmap(mm, 0, 1);
    assertNull(umem.mmu().pt().peek(0));
    assertFalse(hmmPte(0).valid());
    assertEquals(-1, umem.mmu().dmaAddr().peek(0));
    assertEquals(0, mirror.dmaMaps().peek(0));
    assertTrue(mem.ownerCells().peek(p) < 0, "frame freed");
    assertTrue(dirtied.contains(p), "ODP_WRITE entries are dirtied conservatively");
    assertTrue(mm.notifier().rangesCell().peek().isEmpty(), "the active range was removed");
  }

  @Test
  void writeProtectKeepsTheDmaMappingAndTransfersDirtyThroughTheCpuPageTable() {
    int p = mm.populate(0, 1);
    sync.atomic("test", () -> mem.dirtyCells().set("test", p, 0));
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    assertEquals(9, umem.access("rdma", 0, true, 9));
    Mprotect.mprotect(mm, 0, 1, true, false);
    assertNull(umem.mmu().pt().peek(0), "mlx5 zaps on WRITE_PROTECT too");
    HmmPte h = hmmPte(0);
    assertTrue(h.test(HmmPte.VALID_DMA) && !h.test(HmmPte.WRITE), h.toString());
    assertFalse(h.test(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE | HmmPte.DIRTY));
    assertEquals(p, umem.mmu().dmaAddr().peek(0), "WRITE_PROTECT keeps VALID_DMA");
    assertEquals(1, mem.dirtyCells().peek(p), "set_page_dirty through the intact CPU pte");
  }

  @Test
  void mprotectThatKeepsWriteAccessIsNotAnEvent() {
    mm.populate(0, 1);
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    Mprotect.mprotect(mm, 0, 1, true, true);
    assertNotNull(umem.mmu().pt().peek(0), "HMM_NONE: nothing to do");
    assertEquals(HmmEtype.NONE, HmmNotifier.etype(NotifierRange.of(0, 1,
        NotifierEvent.PROTECTION_VMA).withNewProt(true, true)));
    assertEquals(HmmEtype.MUNMAP, HmmNotifier.etype(NotifierRange.of(0, 1,
        NotifierEvent.PROTECTION_VMA).withNewProt(false, false)));
  }

  @Test
  void twoMrsKeepTheirOwnMttsOverTheSharedHmmPte() {
    IbUmemHmm other = twoMrsFaulted();
    int p = mm.pt().peek(0).frame();
    assertEquals(1, mirror.dmaMaps().peek(0), "one hmm_pte, one DMA mapping");
    assertEquals(p, umem.mmu().pt().peek(0).frame());
    assertEquals(p, other.mmu().pt().peek(0).frame());
    assertEquals(4, other.access("rdma", 0, false, 0));
  }

  /**
   * The shared ODP bits: the first MR's invalidation clears them, the second MR finds none and keeps
   * its MTT while HMM unmaps and frees the page.
   */
  @Test
  void firstMrsInvalidationConsumesTheSharedOdpBits() {
    IbUmemHmm other = twoMrsFaulted();
    int p = mm.pt().peek(0).frame();
    Unmap.munmap(mm, 0, 1);
    assertNull(umem.mmu().pt().peek(0), "the first MR in the tree is zapped");
    assertNotNull(other.mmu().pt().peek(0), "the second MR's MTT survives");
    assertEquals(p, other.mmu().pt().peek(0).frame());
    assertTrue(mem.ownerCells().peek(p) < 0, "the page it maps is freed");
    assertEquals(-1, other.mmu().dmaAddr().peek(0), "and no longer DMA-mapped");
  }

  @Test
  void invalidationSetsBackoffAndWaitsForTheRegisteredFault() throws InterruptedException {
    mm.populate(0, 1);
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    Hmm hmm = Hmm.of(mm);
    HmmEvent fault = new HmmEvent(0, 1, HmmEtype.DEVICE_RFAULT);
    assertEquals(0, hmm.deviceFaultStart("test", mirror, fault));
    Thread madvise = new Thread(() -> Unmap.madviseDontneed(mm, 0, 1));
    madvise.start();
    await(() -> hmm.backedOffPeek() == 1);
    Thread.sleep(50);
    assertTrue(madvise.isAlive(), "the invalidation waits for the registered fault");
    assertNotNull(umem.mmu().pt().peek(0), "nothing is zapped before the fault leaves");
    assertFalse(mm.notifier().rangesCell().peek().isEmpty(), "the range is already active");
    boolean[] valid = new boolean[1];
    sync.atomic("test", () -> valid[0] = mm.notifier().rangeIsValidInStep("test", 0, 1));
    assertFalse(valid[0], "a new fault would wait in mmu_notifier_range_wait_valid");
    hmm.deviceFaultEnd("test", mirror, fault);
    madvise.join(5000);
    assertFalse(madvise.isAlive());
    assertNull(umem.mmu().pt().peek(0));
  }

  /** Deregistering the first MR clears the shared bits too: a later munmap misses the second. */
  @Test
  void firstMrsDeregistrationConsumesTheSharedOdpBits() {
    IbUmemHmm other = twoMrsFaulted();
    int p = mm.pt().peek(0).frame();
    umem.context().deregMr(umem);
    assertFalse(hmmPte(0).test(Mlx5HmmOps.ODP_READ | Mlx5HmmOps.ODP_WRITE));
    Unmap.munmap(mm, 0, 1);
    assertNotNull(other.mmu().pt().peek(0), "the live MR's MTT survives the munmap");
    assertTrue(mem.ownerCells().peek(p) < 0);
  }

  /** hmm_mirror_kill takes hmm->rwsem for write: it waits for an hmm_update walking the list. */
  @Test
  void killWaitsForAnInvalidationWalkingTheMirrorList() throws InterruptedException {
    Hmm hmm = Hmm.of(mm);
    hmm.rwsem().downRead("test");
    Thread close = new Thread(() -> umem.context().close());
    close.start();
    await(() -> !umem.keyValid().peek());
    Thread.sleep(50);
    assertTrue(close.isAlive(), "the kill waits for the reader");
    assertFalse(mirror.dead().peek(), "still on hmm->mirrors");
    hmm.rwsem().upRead("test");
    close.join(5000);
    assertFalse(close.isAlive());
    assertTrue(mirror.dead().peek());
  }

  /** 4.2's exit_mmap takes no mmap_sem: it does not wait for a fault holding it for read. */
  @Test
  void exitMmapTakesNoMmapSem() throws InterruptedException {
    int p = mm.populate(0, 4);
    mm.mmapLock().downRead("fault");
    Thread exit = new Thread(() -> Unmap.exit(mm));
    exit.start();
    exit.join(5000);
    assertFalse(exit.isAlive(), "exit_mmap ran while mmap_sem was held for read");
    assertTrue(mem.ownerCells().peek(p) < 0);
    assertTrue(mirror.dead().peek(), "hmm_notifier_release killed the mirror");
    mm.mmapLock().upRead("fault");
  }

  @Test
  void deregWaitsForRunningFaultHandlersAndKeepsTheMirror() throws InterruptedException {
    int p = mm.populate(0, 4);
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    dev.mrSrcu().readLock("handler"); // a page-fault handler inside its SRCU section
    Thread dereg = new Thread(() -> umem.context().deregMr(umem));
    dereg.start();
    await(() -> !umem.live().peek());
    Thread.sleep(50);
    assertTrue(dereg.isAlive(), "synchronize_srcu waits for the handler");
    assertTrue(umem.keyValid().peek());
    assertEquals(Errno.EFAULT, OdpHmmFault.pagefault(umem, 0, 1, false), "the MR is not live");
    dev.mrSrcu().readUnlock("handler");
    dereg.join(5000);
    assertFalse(dereg.isAlive());
    assertFalse(umem.keyValid().peek());
    assertNull(umem.mmu().pt().peek(0));
    assertFalse(mirror.dead().peek(), "the ucontext still holds the ib_mirror");
    assertTrue(hmmPte(0).test(HmmPte.VALID_DMA), "the hmm_pte outlives the MR");
    assertEquals(p, umem.mmu().dmaAddr().peek(0));
    assertEquals(DeviceMmu.FAULT, umem.access("rdma", 0, false, 0));
    umem.context().close();
    assertTrue(mirror.dead().peek(), "the ucontext's close unregistered the mirror");
    assertFalse(hmmPte(0).valid());
    assertEquals(-1, umem.mmu().dmaAddr().peek(0));
    assertFalse(Hmm.of(mm).attachedCell().peek(), "hmm_destroy: mm->hmm is NULL");
    assertTrue(mm.notifier().hlistCell().peek().isEmpty(), "and the notifier is unregistered");
    assertTrue(mem.ownerCells().peek(p) > 0);
  }

  @Test
  void closeDeregistersEveryMrThenDropsTheMirror() {
    mm.populate(0, 4);
    IbUmemHmm other = second();
    assertEquals(0, OdpHmmFault.pagefault(other, 0, 1, false));
    assertEquals(3, umem.ibMirror().kref().peek(), "the context's reference and one per umem");
    umem.context().close();
    assertFalse(umem.keyValid().peek() || other.keyValid().peek());
    assertNull(other.mmu().pt().peek(0), "destroyed with the mkey (the bits went with umem's dereg)");
    assertEquals(0, umem.ibMirror().kref().peek());
    assertTrue(mirror.dead().peek());
    assertTrue(umem.context().mrList().peek().isEmpty());
    umem.context().deregMr(umem); // EBADF: the file is gone
    assertEquals(DeviceMmu.FAULT, other.access("rdma", 0, false, 0));
  }

  @Test
  void runTimeRegistrationCreatesTheMirrorAndRegistersTheNotifier() {
    NativeSync s = new NativeSync(2);
    PhysMem m2 = new PhysMem(s, 4);
    Mm mm2 = new Mm(m2, Mutations.none(), "mm2", 2, 16);
    mm2.mmapAnon(0, 2, true, true);
    mm2.populate(0, 3);
    IbDevice d2 = new IbDevice(s, "mlx5_1");
    IbUmemHmm u = new IbUmemHmm(d2, mm2, "u", 0, 2, false);
    assertTrue(mm2.notifier().hlistCell().peek().isEmpty());
    u.register();
    assertEquals(1, mm2.notifier().hlistCell().peek().size());
    assertEquals(0, OdpHmmFault.pagefault(u, 0, 1, false));
    assertEquals(3, u.access("rdma", 0, false, 0));
    assertEquals(DeviceMmu.FAULT, u.access("rdma", 0, true, 1), "read-only MR");
  }

  /** Page 0 holds 4 and is faulted through umem and a second MR over it; returns that MR. */
  private IbUmemHmm twoMrsFaulted() {
    mm.populate(0, 4);
    IbUmemHmm other = second();
    assertEquals(0, OdpHmmFault.pagefault(umem, 0, 1, false));
    assertEquals(0, OdpHmmFault.pagefault(other, 0, 1, false));
    return other;
  }

  /** A second MR over page 0 in the same ucontext (registered during set-up). */
  private IbUmemHmm second() {
    return new IbUmemHmm(umem.context(), "other", 0, 1, false).registerAtSetup();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(1);
    }
  }
}

package dev.mirrorcheck.legacyodp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeSync;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pre-HMM ODP, single-threaded (plus one helper thread where a path must block). */
@Timeout(20)
class LegacyOdpTest {
  private final NativeSync sync = new NativeSync(1);
  private final PhysMem mem = new PhysMem(sync, 8);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 3, 16);
  private final IbUcontext ctx = new IbUcontext(mm, "ucontext");
  private final IbUmem umem;
  private final List<Integer> dirtied = new ArrayList<>();

  LegacyOdpTest() {
    mm.mmapAnon(0, 3, true, true);
    umem = new IbUmem(ctx, "umem", 0, 3, true).registerAtSetup();
    mem.ghost().addListener(new GhostListener() {
      @Override
      public void setDirty(int frame) {
        dirtied.add(frame);
      }
    });
  }

  @Test
  void pageFaultGupsMapsAndPostsTheMttWithoutKeepingAReference() {
    int p = mm.populate(0, 7);
    assertEquals(0, LegacyOdpFault.pagefault(umem, 0, 1, false));
    assertEquals(p, umem.pageList().peek(0));
    assertEquals(p, umem.dmaList().peek(0).frame());
    assertTrue(umem.dmaList().peek(0).write(), "a writable umem maps for write");
    assertEquals(1, umem.npages().peek());
    assertEquals(p, umem.mmu().dmaAddr().peek(0));
    assertEquals(1, mem.refcountCells().peek(p), "put_page after mapping: no pin");
    assertEquals(7, umem.access("rdma", 0, false, 0));
    assertEquals(DeviceMmu.FAULT, umem.access("rdma", 1, false, 0));
  }

  @Test
  void gupFaultsMissingPagesIn() {
    assertEquals(0, LegacyOdpFault.pagefault(umem, 1, 3, false));
    assertTrue(mm.pt().peek(1).isPresent() && mm.pt().peek(2).writable());
    assertEquals(2, umem.npages().peek());
    assertEquals(6, umem.access("rdma", 2, true, 6));
  }

  @Test
  void invalidationZapsUnmapsDirtiesAndBumpsTheSequence() {
    int p = mm.populate(0, 1);
    assertEquals(0, LegacyOdpFault.pagefault(umem, 0, 1, false));
    Unmap.madviseDontneed(mm, 0, 1);
    assertNull(umem.mmu().pt().peek(0));
    assertNull(umem.dmaList().peek(0));
    assertEquals(-1, umem.pageList().peek(0));
    assertEquals(-1, umem.mmu().dmaAddr().peek(0));
    assertEquals(0, umem.npages().peek());
    assertTrue(dirtied.contains(p), "set_page_dirty for a page mapped for write");
    assertTrue(mem.ownerCells().peek(p) < 0);
    assertEquals(1, umem.notifiersSeq().peek());
    assertEquals(0, umem.notifiersCount().peek());
    assertTrue(umem.completion().done().peek());
    assertEquals(0, ctx.notifierCount().peek());
  }

  @Test
  void retryPredicateChecksCountAndSequenceUnderTheMutex() {
    assertFalse(retry(umem, 0));
    assertTrue(retry(umem, 1), "an invalidation ended since the sample");
    umem.startAccount("test");
    assertTrue(retry(umem, 0), "an invalidation is running");
    umem.endAccount("test");
    assertTrue(retry(umem, 0), "it ended: the sequence moved");
    assertFalse(retry(umem, 1));
    Mm mm7 = new Mm(mem, Mutations.of(Mutation.M7), "mm7", 1, 16);
    IbUmem u7 = new IbUmem(new IbUcontext(mm7, "c7"), "u7", 0, 1, false).registerAtSetup();
    u7.startAccount("test");
    assertFalse(retry(u7, 0), "M7 ignores notifiers_count");
  }

  @Test
  void faultWaitsForTheCompletionOnEagainThenRetries() throws InterruptedException {
    int p = mm.populate(0, 5);
    umem.startAccount("inval"); // an invalidation of another range is running on this umem
    int[] rc = {1};
    Thread fault = new Thread(() -> rc[0] = LegacyOdpFault.pagefault(umem, 0, 1, false));
    fault.start();
    await(() -> mem.refcountCells().peek(p) == 1 && umem.pageList().peek(0) == -1
        && fault.getState() == Thread.State.WAITING);
    assertTrue(fault.isAlive(), "-EAGAIN: waiting for notifier_completion");
    assertEquals(0, umem.npages().peek(), "nothing mapped while notifiers_count != 0");
    umem.endAccount("inval");
    fault.join(5000);
    assertEquals(0, rc[0]);
    assertEquals(5, umem.access("rdma", 0, false, 0));
  }

  @Test
  void deregWaitsForRunningFaultHandlersAndUnregistersTheNotifier() throws InterruptedException {
    int p = mm.populate(0, 4);
    assertEquals(0, LegacyOdpFault.pagefault(umem, 0, 1, false));
    ctx.mrSrcu().readLock("handler", umem.srcuReaders());
    Thread dereg = new Thread(() -> LegacyOdpFault.dereg(umem));
    dereg.start();
    await(() -> !umem.live().peek());
    Thread.sleep(50);
    assertTrue(dereg.isAlive(), "synchronize_srcu waits for the handler");
    assertEquals(Errno.EFAULT, LegacyOdpFault.pagefault(umem, 0, 1, false), "not live");
    ctx.mrSrcu().readUnlock("handler", umem.srcuReaders());
    dereg.join(5000);
    assertFalse(dereg.isAlive());
    assertFalse(umem.keyValid().peek());
    assertNull(umem.mmu().pt().peek(0));
    assertEquals(-1, umem.mmu().dmaAddr().peek(0));
    assertTrue(ctx.umemTree().peek().isEmpty());
    assertTrue(mm.notifier().hlistCell().peek().isEmpty(), "the last umem unregistered the notifier");
    assertTrue(mem.ownerCells().peek(p) > 0);
  }

  @Test
  void umemRegisteredDuringAnInvalidationWaitsForPrivateCounters() {
    NativeSync s = new NativeSync(3);
    PhysMem m2 = new PhysMem(s, 4);
    Mm mm2 = new Mm(m2, Mutations.none(), "mm2", 2, 16);
    mm2.mmapAnon(0, 2, true, true);
    mm2.populate(1, 9);
    IbUcontext c2 = new IbUcontext(mm2, "c2");
    new IbUmem(c2, "first", 0, 1, false).register();
    assertEquals(1, mm2.notifier().hlistCell().peek().size());
    IbUmem second = new IbUmem(c2, "second", 1, 2, false);
    c2.notifierCount().set("test", 1); // an invalidation is running
    second.register();
    assertFalse(second.countersActive().peek());
    assertEquals(1, c2.noPrivateCounters().peek().size());
    c2.notifierCount().set("test", 0);
    second.activateCounters("test");
    assertTrue(second.countersActive().peek());
    assertEquals(0, LegacyOdpFault.pagefault(second, 1, 2, false));
    assertEquals(9, second.access("rdma", 1, false, 0));
  }

  private static boolean retry(IbUmem u, int seq) {
    return u.retryInStep("test", seq);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(1);
    }
  }
}

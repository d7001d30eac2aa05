package dev.mirrorcheck.odp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Modern ODP (reference 2.4) single-threaded: fault, prefetch, invalidation and deregistration. */
@Timeout(10)
class OdpTest {
  private final NativeSync sync = new NativeSync(1);
  private final PhysMem mem = new PhysMem(sync, 8);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 3, 16);
  private final IbUmemOdp umem;
  private int umrPosts;

  OdpTest() {
    mm.mmapAnon(0, 3, true, true);
    umem = new IbUmemOdp(mm, Mutations.none(), new OdpContext(sync, "ctx"), "umem", 0, 3, false);
    umem.register();
    mem.ghost().addListener(new GhostListener() {
      @Override
      public void hwUpdate(GhostMirror mirror, boolean keyValid) {
        umrPosts++;
      }
    });
  }

  @Test
  void pageFaultMapsDmaThenMtts() {
    int p = mm.populate(0, 7);
    assertEquals(0, OdpFault.pagefault(umem, 0, 2, false));
    assertEquals(2, umem.npages().peek());
    assertEquals(p, umem.dmaList().peek(0).frame());
    assertEquals(p, umem.mmu().dmaAddr().peek(0));
    assertEquals(7, umem.mr().access("rdma", 0, false, 0));
    assertEquals(0, umem.mr().access("rdma", 1, false, 0), "the zero page, faulted for read");
    assertEquals(DeviceMmu.FAULT, umem.mr().access("rdma", 2, false, 0));
  }

  @Test
  void writeAfterReadResyncsTheAccessBits() {
    int p = mm.populate(0, 1);
    Mm child = new Mm(mem, Mutations.none(), "child", 3, 16);
    Fork.fork(mm, child); // write-protects the parent's page
    Unmap.exit(child); // the parent is the last user again
    assertEquals(0, OdpFault.pagefault(umem, 0, 1, false));
    assertFalse(umem.dmaList().peek(0).write());
    assertEquals(DeviceMmu.FAULT, umem.mr().access("rdma", 0, true, 5));
    assertEquals(0, OdpFault.pagefault(umem, 0, 1, true)); // wp_page_reuse: no invalidation
    assertEquals(p, umem.dmaList().peek(0).frame());
    assertTrue(umem.dmaList().peek(0).write(), "went RO to RW without invalidation: resynced");
    assertEquals(1, umem.npages().peek(), "no second mapping");
    assertEquals(5, umem.mr().access("rdma", 0, true, 5));
  }

  @Test
  void invalidationZapsUnmapsAndDirties() {
    int p = mm.populate(0, 1);
    sync.atomic("test", () -> mem.dirtyCells().set("test", p, 0));
    assertEquals(0, OdpFault.pagefault(umem, 0, 1, true));
    assertEquals(9, umem.mr().access("rdma", 0, true, 9));
    Unmap.madviseDontneed(mm, 0, 1);
    assertNull(umem.mmu().pt().peek(0));
    assertNull(umem.dmaList().peek(0));
    assertEquals(-1, umem.mmu().dmaAddr().peek(0));
    assertEquals(0, umem.npages().peek());
    assertTrue(mem.ownerCells().peek(p) < 0);
  }

  @Test
  void prefetchMapsOnlyWhatTheCpuMaps() {
    mm.populate(1, 3);
    Mprotect.mprotect(mm, 1, 2, true, false);
    assertEquals(0, OdpFault.prefetch(umem, 0, 3, true));
    assertEquals(1, umem.npages().peek());
    assertNull(umem.dmaList().peek(0));
    assertFalse(umem.dmaList().peek(1).write(), "write prefetch of a read-only page maps it RO");
    assertEquals(3, umem.mr().access("rdma", 1, false, 0));
    assertEquals(DeviceMmu.FAULT, umem.mr().access("rdma", 1, true, 4));
  }

  @Test
  void deregRevokesTheKeyAndLaterInvalidationsSkipTheHardware() {
    mm.populate(0, 1);
    assertEquals(0, OdpFault.pagefault(umem, 0, 1, false));
    OdpFault.dereg(umem);
    assertFalse(umem.mr().keyValid().peek());
    assertNull(umem.privateMr().peek());
    assertEquals(0, umem.npages().peek());
    assertEquals(DeviceMmu.FAULT, umem.mr().access("rdma", 0, false, 0));
    assertTrue(umem.notifier().ghost().freedCell().peek());
    int posts = umrPosts;
    Unmap.munmap(mm, 0, 3);
    assertEquals(posts, umrPosts, "no UMR after the notifier is gone");
  }
}

package dev.mirrorcheck.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeSync;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CPU-side operations of pseudo-code A, single-threaded, observed through ghost events. */
@Timeout(10)
class MmOperationsTest {
  private final NativeSync sync = new NativeSync(1);
  private final PhysMem mem = new PhysMem(sync, 8);
  private final Mm mm = new Mm(mem, Mutations.none(), "mm", 2, 16);
  private final List<String> events = new ArrayList<>();

  MmOperationsTest() {
    mem.ghost().addListener(new GhostListener() {
      @Override
      public void start(int m, int start, int end, String event) {
        events.add("start " + event + " [" + start + "," + end + ")");
      }

      @Override
      public void end(int m, int start, int end, String event) {
        events.add("end " + event);
      }

      @Override
      public void free(int frame, int gen) {
        events.add("free " + frame);
      }

      @Override
      public void clean(int frame) {
        events.add("clean " + frame);
      }
    });
  }

  @Test
  void munmapMayFreeBeforeTheEnd() {
    mm.mmapAnon(0, 2, true, true);
    int p = mm.populate(1, 5);
    Unmap.munmap(mm, 1, 2);
    assertEquals(List.of("start UNMAP [1,2)", "free " + p, "end UNMAP"), events);
    assertTrue(mm.pt().peek(1).isNone());
    assertEquals(null, mm.vmas().peek(1));
    assertEquals(CpuAccess.SIGSEGV, CpuAccess.read(mm, "cpu", 1));
  }

  @Test
  void forkWriteProtectsAndCowBreakRunsANestedInvalidation() {
    mm.mmapAnon(0, 1, true, true);
    int p = mm.populate(0, 1);
    Mm child = new Mm(mem, Mutations.none(), "child", 2, 16);
    Fork.fork(mm, child);
    assertFalse(mm.pt().peek(0).writable());
    assertEquals(2, mem.refcountCells().peek(p));
    events.clear();
    assertEquals(0, CpuAccess.write(mm, "cpu", 0, 2));
    assertEquals(List.of("start CLEAR [0,1)", "end CLEAR"), events, "wp_page_copy");
    assertNotEquals(p, mm.pt().peek(0).frame());
    assertEquals(1, CpuAccess.read(child, "child", 0));
    assertEquals(2, CpuAccess.read(mm, "cpu", 0));
    assertEquals(1, mem.refcountCells().peek(p));
    events.clear();
    assertEquals(0, CpuAccess.write(child, "child", 0, 3));
    assertTrue(events.isEmpty(), "the last user reuses the page: " + events);
    assertEquals(p, child.pt().peek(0).frame());
  }

  @Test
  void pageoutAndSwapInComesBackWritableButClean() {
    mm.mmapAnon(0, 1, true, true);
    int p = mm.populate(0, 9);
    Reclaim.pageout(mm, 0);
    assertEquals(List.of("start CLEAR [0,1)", "end CLEAR", "clean " + p, "free " + p), events);
    assertEquals(Pte.Kind.SWAP, mm.pt().peek(0).kind());
    assertEquals(9, CpuAccess.read(mm, "cpu", 0));
    Pte back = mm.pt().peek(0);
    assertTrue(back.writable() && !back.dirty(), "exclusive swap-in: " + back);
  }

  @Test
  void writebackCleansThroughMkcleanAndReclaimFreesCleanPages() {
    File file = new File(mem, "file", 1);
    file.disk().poke(0, 4);
    mm.mmapShared(file, 0, 1, 0, true, true);
    assertEquals(0, CpuAccess.write(mm, "cpu", 0, 6));
    int p = mm.pt().peek(0).frame();
    Reclaim.writeback(file, 0);
    assertEquals(6, file.disk().peek(0));
    assertFalse(mm.pt().peek(0).writable(), "page_mkclean write-protects");
    Reclaim.reclaim(file, 0);
    assertTrue(mm.pt().peek(0).isNone());
    assertTrue(mem.ownerCells().peek(p) < 0, "clean and unmapped: freed");
    assertEquals(6, CpuAccess.read(mm, "cpu", 0));
  }

  @Test
  void migrationCopiesToANewFrameAndKeepsTheDirtyBit() {
    mm.mmapAnon(0, 1, true, true);
    int p = mm.populate(0, 3);
    MigrateVma.migratePage(mm, 0);
    Pte now = mm.pt().peek(0);
    assertNotEquals(p, now.frame());
    assertTrue(now.writable());
    assertEquals(1, mem.dirtyCells().peek(now.frame()), "the PTE's dirty bit moved to the page");
    assertTrue(mem.ownerCells().peek(p) < 0);
    assertEquals(3, CpuAccess.read(mm, "cpu", 0));
  }

  @Test
  void partialMunmapOfAHugePageSplitsItInANestedInvalidation() {
    mm.mmapAnon(0, 2, true, true);
    mm.populate(0, 1);
    mm.populate(1, 2);
    mm.setThp(0, 2);
    Unmap.munmap(mm, 1, 2);
    assertEquals("start UNMAP [1,2)", events.get(0));
    assertEquals("start CLEAR [0,2)", events.get(1), "__split_huge_pmd inside the zap");
    assertEquals("end CLEAR", events.get(2));
    assertFalse(mm.vmas().peek(0).thp());
  }

  @Test
  void exitTearsDownAndLaterFaultsFail() {
    mm.mmapAnon(0, 2, true, true);
    mm.populate(0, 1);
    Dmirror d = new Dmirror(new DmirrorDevice(mem, Mutations.none(), 0, "dev0"), mm, "d");
    d.open();
    assertEquals(0, DeviceIo.read(d, 0, 1).rc());
    Unmap.exit(mm);
    assertEquals("start RELEASE [0,2)", events.get(0));
    assertEquals(0, mm.users().peek());
    assertTrue(mm.pt().peek(0).isNone());
    assertEquals(null, d.mmu().pt().peek(0));
    assertEquals(Errno.EFAULT, DeviceIo.read(d, 0, 1).rc());
  }

  @Test
  void oomReaperBacksOffWhenACallbackWouldSleep() {
    mm.mmapAnon(0, 1, true, true);
    int p = mm.populate(0, 1);
    Dmirror d = new Dmirror(new DmirrorDevice(mem, Mutations.none(), 0, "dev0"), mm, "d");
    d.open();
    d.lock().lock("test");
    assertEquals(Errno.EAGAIN, Unmap.oomReap(mm, 0, 1));
    d.lock().unlock("test");
    assertEquals(p, mm.pt().peek(0).frame(), "no PTE touched after -EAGAIN");
    assertEquals(0, mm.notifier().activeCell().peek());
    assertEquals(0, Unmap.oomReap(mm, 0, 1));
    assertTrue(mm.pt().peek(0).isNone());
  }
}

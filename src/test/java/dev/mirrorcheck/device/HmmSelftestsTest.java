package dev.mirrorcheck.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.File;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cases of {@code tools/testing/selftests/mm/hmm-tests.c} that fit the model, run sequentially on
 * the native facade and asserting the selftest's outcomes (return codes, data, {@code cpages},
 * {@code faults}).
 */
@Timeout(10)
class HmmSelftestsTest {

  @Test
  void openClose() {
    HmmFixture f = new HmmFixture(2);
    assertEquals(2, f.mm.notifier().itreeCell().peek().size());
    f.d0.release();
    f.d1.release();
    assertTrue(f.mm.notifier().itreeCell().peek().isEmpty());
    assertTrue(f.d0.notifier().ghost().freedCell().peek());
  }

  @Test
  void anonRead() {
    HmmFixture f = new HmmFixture(4);
    f.mm.mmapAnon(0, 4, true, true);
    f.cpuWrite(2, 12, 13); // the first two pages stay untouched
    assertEquals(0, Mprotect.mprotect(f.mm, 0, 4, true, false));
    assertEquals(0, f.cpuRead(1)); // maps the zero page
    DeviceIo.Result r = DeviceIo.read(f.d0, 0, 4);
    assertEquals(0, r.rc());
    assertEquals(4, r.cpages());
    assertEquals(1, r.faults());
    assertArrayEquals(new int[] {0, 0, 12, 13}, r.data());
  }

  @Test
  void anonReadProt() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, true);
    f.cpuWrite(0, 1, 2);
    Mprotect.mprotect(f.mm, 0, 2, false, false);
    DeviceIo.Result r = DeviceIo.read(f.d0, 0, 2);
    assertEquals(Errno.EFAULT, r.rc());
    assertEquals(0, r.cpages());
    assertArrayEquals(new int[] {0, 0}, r.data()); // mirror buffer untouched
  }

  @Test
  void anonWrite() {
    HmmFixture f = new HmmFixture(3);
    f.mm.mmapAnon(0, 3, true, true);
    DeviceIo.Result r = DeviceIo.write(f.d0, 0, 3, 7, 8, 9);
    assertEquals(0, r.rc());
    assertEquals(3, r.cpages());
    assertEquals(1, r.faults());
    assertEquals(7, f.cpuRead(0));
    assertEquals(8, f.cpuRead(1));
    assertEquals(9, f.cpuRead(2));
  }

  @Test
  void anonWriteProt() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, false);
    DeviceIo.Result read = DeviceIo.read(f.d0, 0, 1); // a device read of the zero page
    assertEquals(0, read.rc());
    assertEquals(1, read.cpages());
    assertEquals(1, read.faults());
    assertEquals(0, read.data()[0]);
    DeviceIo.Result denied = DeviceIo.write(f.d0, 0, 2, 5, 6);
    assertEquals(Errno.EPERM, denied.rc());
    assertEquals(0, f.cpuRead(0));
    assertEquals(0, f.cpuRead(1));
    assertEquals(0, Mprotect.mprotect(f.mm, 0, 2, true, true));
    DeviceIo.Result ok = DeviceIo.write(f.d0, 0, 2, 5, 6);
    assertEquals(0, ok.rc());
    assertEquals(1, ok.faults()); // the zero page is replaced through a COW write fault
    assertEquals(5, f.cpuRead(0));
    assertEquals(6, f.cpuRead(1));
  }

  @Test
  void anonWriteChild() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, true);
    f.cpuWrite(0, 1, 2);
    Mm child = new Mm(f.mem, Mutations.none(), "child", 2, 16);
    Dmirror childMirror = new Dmirror(f.dev0, child, "child.dmirror0");
    Fork.fork(f.mm, child);
    childMirror.open();
    DeviceIo.Result r = DeviceIo.write(childMirror, 0, 2, -1, -2);
    assertEquals(0, r.rc());
    assertEquals(1, r.faults());
    assertEquals(-1, CpuAccess.read(child, "child", 0));
    assertEquals(-2, CpuAccess.read(child, "child", 1));
    assertEquals(1, f.cpuRead(0)); // COW: the parent's data is unchanged
    assertEquals(2, f.cpuRead(1));
    assertTrue(f.mm.pt().peek(0).frame() != child.pt().peek(0).frame());
  }

  @Test
  void anonWriteChildShared() {
    HmmFixture f = new HmmFixture(2);
    File shmem = new File(f.mem, "shmem", 2);
    f.mm.mmapShared(shmem, 0, 2, 0, true, true);
    f.cpuWrite(0, 1, 2);
    Mm child = new Mm(f.mem, Mutations.none(), "child", 2, 16);
    Dmirror childMirror = new Dmirror(f.dev0, child, "child.dmirror0");
    Fork.fork(f.mm, child);
    childMirror.open();
    DeviceIo.Result r = DeviceIo.write(childMirror, 0, 2, -1, -2);
    assertEquals(0, r.rc());
    assertEquals(-1, f.cpuRead(0)); // MAP_SHARED: the parent sees the child's device write
    assertEquals(-2, f.cpuRead(1));
  }

  @Test
  void fileWrite() {
    HmmFixture f = new HmmFixture(2);
    File file = new File(f.mem, "file", 2);
    f.mm.mmapShared(file, 0, 2, 0, true, true);
    DeviceIo.Result r = DeviceIo.write(f.d0, 0, 2, 31, 32);
    assertEquals(0, r.rc());
    assertEquals(31, file.pread("pread", 0));
    assertEquals(32, file.pread("pread", 1));
    int p = f.mm.pt().peek(0).frame();
    Reclaim.reclaim(file, 0); // writeback (mkclean invalidates the device), unmap, free
    assertEquals(31, file.disk().peek(0));
    assertFalse(f.mem.ownerCells().peek(p) > 0, "a clean, unmapped page is freed");
    assertNull(f.d0.mmu().pt().peek(0));
    assertEquals(31, f.cpuRead(0)); // faulted back in from the file
  }

  @Test
  void migrate() {
    HmmFixture f = new HmmFixture(3);
    f.mm.mmapAnon(0, 3, true, true);
    f.cpuWrite(0, 4, 5, 6);
    assertEquals(0, DmirrorMigrate.toDevice(f.d0, 0, 3));
    for (int v = 0; v < 3; v++) {
      Pte pte = f.mm.pt().peek(v);
      assertEquals(Pte.Kind.DEVICE_PRIVATE, pte.kind());
      assertEquals(0, f.mem.zone(pte.frame()));
    }
    DeviceIo.Result r = DeviceIo.read(f.d0, 0, 3); // device access to its own memory: no fault
    assertEquals(0, r.faults());
    assertArrayEquals(new int[] {4, 5, 6}, r.data());
  }

  @Test
  void migrateFault() {
    HmmFixture f = new HmmFixture(4);
    f.mm.mmapAnon(0, 4, true, true);
    f.cpuWrite(0, 1, 2, 3, 4);
    assertEquals(0, DmirrorMigrate.toDevice(f.d0, 0, 4));
    assertEquals(1, f.cpuRead(0)); // the CPU touches half: migrated back by CPU fault
    assertEquals(2, f.cpuRead(1));
    assertEquals(Pte.Kind.PRESENT, f.mm.pt().peek(0).kind());
    assertEquals(Pte.Kind.DEVICE_PRIVATE, f.mm.pt().peek(2).kind());
    assertEquals(0, DmirrorMigrate.toDevice(f.d0, 0, 4)); // migrate the mix again
    for (int v = 0; v < 4; v++) {
      assertEquals(Pte.Kind.DEVICE_PRIVATE, f.mm.pt().peek(v).kind());
    }
    assertArrayEquals(new int[] {1, 2, 3, 4}, DeviceIo.read(f.d0, 0, 4).data());
  }

  @Test
  void migrateMultiple() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, true);
    f.cpuWrite(0, 8, 9);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, DmirrorMigrate.toDevice(f.d0, 0, 2));
      assertArrayEquals(new int[] {8, 9}, DeviceIo.read(f.d0, 0, 2).data());
      assertEquals(8, f.cpuRead(0));
      assertEquals(9, f.cpuRead(1));
    }
    assertEquals(0, liveDeviceFrames(f.mem), "every device page was freed on the way back");
  }

  @Test
  void migrateRelease() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, true);
    f.cpuWrite(0, 3, 4);
    assertEquals(0, DmirrorMigrate.toDevice(f.d0, 0, 2));
    f.dev0.evict(f.mm);
    assertEquals(Pte.Kind.PRESENT, f.mm.pt().peek(0).kind());
    assertEquals(Pte.Kind.PRESENT, f.mm.pt().peek(1).kind());
    assertNull(f.d0.mmu().pt().peek(0));
    assertEquals(3, f.cpuRead(0));
    assertEquals(4, f.cpuRead(1));
    assertEquals(0, liveDeviceFrames(f.mem));
  }

  @Test
  void snapshot() {
    HmmFixture f = new HmmFixture(7);
    f.mm.mmapAnon(0, 7, true, true);
    f.cpuWrite(3, 3, 4, 5, 6);
    Unmap.munmap(f.mm, 0, 1); // a hole
    Mprotect.mprotect(f.mm, 1, 2, false, false);
    Mprotect.mprotect(f.mm, 2, 4, true, false);
    assertEquals(0, f.cpuRead(2)); // zero page
    assertEquals(0, DmirrorMigrate.toDevice(f.d0, 5, 6));
    assertEquals(0, DmirrorMigrate.toDevice(f.d1, 6, 7));
    Snapshot.Result r = Snapshot.snapshot(f.d0, 0, 7);
    assertEquals(0, r.rc());
    assertArrayEquals(new int[] {
        Snapshot.PROT_ERROR,
        Snapshot.PROT_ERROR,
        Snapshot.PROT_ZERO | Snapshot.PROT_READ,
        Snapshot.PROT_READ,
        Snapshot.PROT_WRITE,
        Snapshot.PROT_DEV_PRIVATE_LOCAL | Snapshot.PROT_WRITE,
        Snapshot.PROT_NONE}, r.perm());
    assertEquals(2, f.mm.notifier().itreeCell().peek().size(), "the temporary notifier is gone");
  }

  @Test
  void doubleMap() {
    HmmFixture f = new HmmFixture(2);
    f.mm.mmapAnon(0, 2, true, true);
    f.cpuWrite(0, 1, 2);
    Mprotect.mprotect(f.mm, 0, 2, true, false);
    DeviceIo.Result r0 = DeviceIo.read(f.d0, 0, 2);
    assertEquals(1, r0.faults());
    DeviceIo.Result r1 = DeviceIo.read(f.d1, 0, 2);
    assertEquals(1, r1.faults());
    assertArrayEquals(new int[] {1, 2}, r1.data());
    assertEquals(0, DmirrorMigrate.toDevice(f.d1, 0, 2));
    assertNull(f.d0.mmu().pt().peek(0), "device 1's migration invalidated device 0");
    DeviceIo.Result again = DeviceIo.read(f.d0, 0, 2); // faults the pages back from device 1
    assertEquals(0, again.rc());
    assertEquals(2, again.cpages());
    assertEquals(1, again.faults());
    assertArrayEquals(new int[] {1, 2}, again.data());
  }

  @Test
  void mprotectDowngradeRevokesDeviceWrite() {
    HmmFixture f = new HmmFixture(1);
    f.mm.mmapAnon(0, 1, true, true);
    assertEquals(0, DeviceIo.write(f.d0, 0, 1, 42).rc());
    assertTrue(f.d0.mmu().pt().peek(0).writable());
    Mprotect.mprotect(f.mm, 0, 1, true, false);
    assertNull(f.d0.mmu().pt().peek(0));
    assertEquals(Errno.EPERM, DeviceIo.write(f.d0, 0, 1, 43).rc());
    assertEquals(42, DeviceIo.read(f.d0, 0, 1).data()[0]);
    assertEquals(42, f.cpuRead(0));
  }

  @Test
  void anonTeardownSequential() {
    HmmFixture f = new HmmFixture(4);
    f.mm.mmapAnon(0, 4, true, true);
    f.cpuWrite(0, 1, 2, 3, 4);
    assertArrayEquals(new int[] {1, 2, 3, 4}, DeviceIo.read(f.d0, 0, 4).data());
    Unmap.munmap(f.mm, 2, 4);
    assertNull(f.d0.mmu().pt().peek(2));
    DeviceIo.Result r = DeviceIo.read(f.d0, 0, 4);
    assertEquals(Errno.EFAULT, r.rc());
    assertEquals(2, r.cpages());
  }

  private static int liveDeviceFrames(PhysMem mem) {
    int n = 0;
    for (int p = 0; p < mem.frames(); p++) {
      if (mem.zone(p) != PhysMem.SYSTEM && mem.ownerCells().peek(p) > 0) {
        n++;
      }
    }
    return n;
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.NativeSync;

/**
 * The {@code hmm}/{@code hmm2} fixtures of hmm-tests.c on the native facade, single-threaded: one mm,
 * two devices with private memory, one open mirror per device.
 */
final class HmmFixture {
  final NativeSync sync = new NativeSync(1);
  final PhysMem mem;
  final Mm mm;
  final DmirrorDevice dev0;
  final DmirrorDevice dev1;
  final Dmirror d0;
  final Dmirror d1;

  HmmFixture(int pages) {
    mem = new PhysMem(sync, 4 * pages + 4, 2 * pages, 2 * pages);
    mm = new Mm(mem, Mutations.none(), "mm", pages, 16);
    dev0 = new DmirrorDevice(mem, Mutations.none(), 0, "dev0");
    dev1 = new DmirrorDevice(mem, Mutations.none(), 1, "dev1");
    d0 = new Dmirror(dev0, mm, "dmirror0");
    d1 = new Dmirror(dev1, mm, "dmirror1");
    d0.open();
    d1.open();
  }

  /** The CPU writes {@code values[i]} to page {@code start + i}. */
  void cpuWrite(int start, int... values) {
    for (int i = 0; i < values.length; i++) {
      if (CpuAccess.write(mm, "cpu", start + i, values[i]) != 0) {
        throw new AssertionError("CPU write to page " + (start + i) + " faulted");
      }
    }
  }

  int cpuRead(int v) {
    return CpuAccess.read(mm, "cpu", v);
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DevPte;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal S1 (mirror coherence) and S3 (no use after free) state checks over one mirror's device
 * page table, one pair per page so that each orders only the writes to its own page: what the
 * mirror packages' own concurrency tests and the JPF entry points check, written as named classes
 * (no lambdas, which Java PathFinder's VM runs poorly). The full checkers are the {@code check}
 * package's.
 *
 * <p>Each check reads the same cells on every evaluation (all of them up front): the explorer's
 * replay re-learns invariant read sets with a single restart, so a read set that grows with the state
 * would stop a replay short.
 */
public final class MirrorInvariants {
  private MirrorInvariants() {}

  /** Registers S1 and S3 as invariants for every page of {@code mmu}, which mirrors {@code mm}. */
  public static void register(World world, Mm mm, DeviceMmu mmu) {
    for (int v = 0; v < mmu.pages(); v++) {
      world.invariant("S1", new Coherence(mm, mmu, v));
      world.invariant("S3", new NoUseAfterFree(mm.mem(), mmu, v));
    }
  }

  /** S1: a device translation maps the frame the CPU maps, and W only if the CPU entry has W. */
  static final class Coherence implements StateCheck {
    private final Mm mm;
    private final DeviceMmu mmu;
    private final int v;

    Coherence(Mm mm, DeviceMmu mmu, int v) {
      this.mm = mm;
      this.mmu = mmu;
      this.v = v;
    }

    @Override
    public String violation() {
      DevPte e = mmu.pt().peek(v);
      Pte pte = mm.pt().peek(v);
      if (e == null) {
        return null;
      }
      boolean maps = (pte.mapsFrame() || pte.kind() == Pte.Kind.MIGRATION)
          && pte.frame() == e.frame();
      if (!maps) {
        return mmu.ghost() + " page " + v + " maps frame " + e.frame() + " but the CPU has " + pte;
      }
      if (e.writable() && !pte.writable()) {
        return mmu.ghost() + " page " + v + " is device-writable but the CPU entry " + pte
            + " is not";
      }
      return null;
    }
  }

  /**
   * S3: every translation the device holds or uses is of a live frame and, for system memory, backed
   * by its DMA mapping; every DMA mapping is of a live frame.
   */
  static final class NoUseAfterFree implements StateCheck {
    private final PhysMem mem;
    private final DeviceMmu mmu;
    private final int v;

    NoUseAfterFree(PhysMem mem, DeviceMmu mmu, int v) {
      this.mem = mem;
      this.mmu = mmu;
      this.v = v;
    }

    @Override
    public String violation() {
      String where = mmu.ghost() + " page " + v;
      int dma = mmu.dmaAddr().peek(v);
      List<DevPte> used = new ArrayList<>();
      used.add(mmu.pt().peek(v));
      used.add(mmu.tlb().peek(v));
      used.addAll(mmu.inflight().peek(v));
      for (int p = 0; p < mem.frames(); p++) {
        mem.ownerCells().peek(p);
      }
      for (DevPte e : used) {
        if (e == null) {
          continue;
        }
        if (!mem.liveAt(e.frame(), e.frameGen())) {
          return where + " reaches frame " + e.frame() + " (generation " + e.frameGen()
              + ") after it was freed";
        }
        if (mem.zone(e.frame()) == PhysMem.SYSTEM && dma != e.frame()) {
          return where + " reaches frame " + e.frame() + " whose DMA mapping is gone";
        }
      }
      if (dma >= 0 && mem.ownerCells().peek(dma) <= 0) {
        return where + " keeps free frame " + dma + " DMA-mapped";
      }
      return null;
    }
  }
}

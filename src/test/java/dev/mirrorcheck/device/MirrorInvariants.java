package dev.mirrorcheck.device;

import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.World;

/**
 * Minimal S1 (mirror coherence) and S3 (no use after free) state invariants for the tests, one per
 * mirror and page so that each orders only the writes to its own page. The full checkers are the
 * {@code check} package's.
 *
 * <p>Each invariant reads the same cells on every evaluation (all of them up front): the explorer's
 * replay re-learns invariant read sets with a single restart, so a read set that grows with the state
 * would stop a replay short.
 */
public final class MirrorInvariants {
  private MirrorInvariants() {}

  /** Registers S1 and S3 for every page of {@code mmu}, which mirrors {@code mm}. */
  public static void register(World world, Mm mm, DeviceMmu mmu) {
    for (int v = 0; v < mmu.pages(); v++) {
      int page = v;
      world.invariant("S1", () -> coherence(mm, mmu, page));
      world.invariant("S3", () -> noUseAfterFree(mm.mem(), mmu, page));
    }
  }

  /** S1: a device translation maps the frame the CPU maps, and W only if the CPU entry has W. */
  public static String coherence(Mm mm, DeviceMmu mmu, int v) {
    DevPte e = mmu.pt().peek(v);
    Pte pte = mm.pt().peek(v);
    if (e == null) {
      return null;
    }
    boolean maps = (pte.isPresent() || pte.kind() == Pte.Kind.MIGRATION
        || pte.kind() == Pte.Kind.DEVICE_PRIVATE) && pte.frame() == e.frame();
    if (!maps) {
      return mmu.ghost() + " page " + v + " maps frame " + e.frame() + " but the CPU has " + pte;
    }
    if (e.writable() && !pte.writable()) {
      return mmu.ghost() + " page " + v + " is device-writable but the CPU entry " + pte + " is not";
    }
    return null;
  }

  /**
   * S3: every translation the device holds or uses is of a live frame and, for system memory, backed
   * by its DMA mapping; every DMA mapping is of a live frame.
   */
  public static String noUseAfterFree(PhysMem mem, DeviceMmu mmu, int v) {
    String where = mmu.ghost() + " page " + v;
    int dma = mmu.dmaAddr().peek(v);
    DevPte[] used = {mmu.pt().peek(v), mmu.tlb().peek(v), mmu.inflight().peek(v)};
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

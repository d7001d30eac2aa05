package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct hmm_mirror} (HMM v9/v10): one device's mirror of one mm, with its mirror page table
 * {@code pt}. HMM DMA-maps pages on the device's behalf; {@link #mmu()} is the device's translation
 * hardware for this mm (its page table, TLB and IOMMU mappings), where a page DMA-mapped by several
 * racing faults counts one mapping per {@code dma_map_page} until each is unmapped.
 */
public final class HmmMirror {
  /** Pages per {@code hmm_pt} directory (one lock each); the kernel's last level holds 512. */
  public static final int DEFAULT_DIRECTORY_PAGES = 512;

  private final Hmm hmm;
  private final Mm mm;
  private final HmmDevice device;
  private final String name;
  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final HmmPt pt;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final IntArray dmaRefs;
  private final BoolCell dead;

  /** Allocates the mirror of {@code mm} on {@code device} (set-up); {@link #register} links it. */
  public HmmMirror(HmmDevice device, Mm mm, String name) {
    this(device, mm, name, DEFAULT_DIRECTORY_PAGES);
  }

  public HmmMirror(HmmDevice device, Mm mm, String name, int directoryPages) {
    this.hmm = Hmm.of(mm);
    this.mm = mm;
    this.device = device;
    this.name = name;
    this.sync = mm.sync();
    this.mem = mm.mem();
    this.ghost = mm.ghost();
    this.pt = new HmmPt(sync, name + ".pt", mm.pages(), directoryPages);
    this.gm = ghost.newMirror(name, mm.id(), mm.pages());
    this.mmu = new DeviceMmu(mem, gm, name, mm.pages());
    this.dmaRefs = sync.newIntArray(name + ".dma_maps", mm.pages(), 0);
    this.dead = sync.newBool(name + ".dead", true);
  }

  public Hmm hmm() {
    return hmm;
  }

  public Mm mm() {
    return mm;
  }

  public HmmDevice device() {
    return device;
  }

  public String name() {
    return name;
  }

  /** The mirror page table. */
  public HmmPt pt() {
    return pt;
  }

  /** The device's translation hardware for this mm (page table, TLB, in-flight DMA, IOMMU). */
  public DeviceMmu mmu() {
    return mmu;
  }

  public GhostMirror ghostMirror() {
    return gm;
  }

  /** {@code hmm_mirror_is_dead}: not (or no longer) on the mm's mirror list. */
  public BoolCell dead() {
    return dead;
  }

  // ------------------------------------------------------------------ lifetime

  /** {@code hmm_mirror_register} during set-up. */
  public HmmMirror registerAtSetup() {
    dead.set("setup:hmm_mirror_register", false);
    hmm.addMirrorAtSetup(this);
    return this;
  }

  /** {@code hmm_mirror_register} at run time. */
  public void register(String role) {
    dead.set(role + ":hmm_mirror_register", false);
    hmm.addMirror(role, this);
  }

  /**
   * {@code hmm_mirror_unregister}: off the list ({@code hmm_mirror_is_dead} from now on), then
   * {@code hmm_mirror_kill}'s whole-range MUNMAP update and the device's release.
   */
  public void unregister(String role) {
    if (hmm.removeMirror(role, this)) {
      kill(role);
    }
  }

  /** {@code hmm_mirror_kill} after removal: unmap everything, then {@code device->ops->release}. */
  void kill(String role) {
    update(role, new HmmEvent(0, mm.pages(), HmmEtype.MUNMAP));
    device.ops().release(role, this);
  }

  // ------------------------------------------------------------------ invalidation

  /**
   * {@code hmm_mirror_update}: {@code device->update} (synchronous), then
   * {@code hmm_mirror_update_pt}; the device no longer reaches the range once it returns.
   */
  void update(String role, HmmEvent event) {
    device.ops().update(role, this, event);
    updatePt(role, event);
  }

  /**
   * {@code hmm_mirror_update_pt}: per directory, under its lock: take each entry's DIRTY bit, mask the
   * entry with the event's {@code pte_mask} ({@code dma_unmap_page} when that drops VALID_DMA) and
   * {@code set_page_dirty} the page found through the CPU page table, still intact in
   * {@code invalidate_range_start}.
   */
  void updatePt(String role, HmmEvent event) {
    String label = role + ":hmm_mirror_update_pt";
    int mask = event.etype().pteMask();
    for (int d = event.start(); d < event.end(); d = pt.directoryEnd(d, event.end())) {
      int lo = d;
      int hi = pt.directoryEnd(d, event.end());
      boolean last = hi == event.end();
      Mutex dl = pt.directoryLock(d);
      dl.lock(role + ":hmm_pt_directory_lock");
      sync.atomic(label, () -> {
        for (int v = lo; v < hi; v++) {
          updatePteInStep(label, v, mask);
        }
        if (last) {
          ghost.callbackReturned(gm, event.start(), event.end());
        }
      });
      dl.unlock(role + ":hmm_pt_directory_unlock");
    }
  }

  /** {@code hmm_mirror_update_pte}. */
  private void updatePteInStep(String label, int v, int mask) {
    HmmPte h = pt.ptes().get(label, v);
    if (!h.valid()) {
      return;
    }
    boolean dirty = h.test(HmmPte.DIRTY);
    HmmPte now = h.clear(HmmPte.DIRTY);
    if (now.test(HmmPte.VALID_DMA) && (mask & HmmPte.VALID_DMA) == 0) {
      dmaUnmapPageInStep(label, v);
    }
    now = now.and(mask);
    if (!now.equals(h)) {
      pt.ptes().set(label, v, now);
    }
    if (dirty) {
      Pte cpu = mm.pt().get(label, v);
      if (cpu.isPresent()) {
        mem.setPageDirtyInStep(label, cpu.frame());
      }
    }
  }

  // ------------------------------------------------------------------ DMA (hmm_mirror_dma_map)

  /** {@code dma_map_page} of {@code frame} for page {@code v}, inside the caller's step. */
  void dmaMapPageInStep(String label, int v, int frame) {
    dmaRefs.set(label, v, dmaRefs.get(label, v) + 1);
    mmu.dmaMapInStep(label, v, frame);
  }

  /** {@code dma_unmap_page} of one mapping of page {@code v}, inside the caller's step. */
  void dmaUnmapPageInStep(String label, int v) {
    int n = dmaRefs.get(label, v) - 1;
    dmaRefs.set(label, v, Math.max(n, 0));
    if (n <= 0) {
      mmu.dmaUnmapInStep(label, v);
    }
  }

  /** Live {@code dma_map_page} mappings per page; read with peek. */
  public IntArray dmaMaps() {
    return dmaRefs;
  }

  @Override
  public String toString() {
    return name;
  }
}

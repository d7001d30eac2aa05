package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct hmm_mirror} (HMM v9 05/15, with its page table {@code pt} from 07/15 and DMA
 * mapping from 13/15 "HMM: DMA map memory on behalf of device driver v2"): one device's mirror of
 * one mm. HMM DMA-maps pages on the device's behalf and keeps the DMA address in the {@code
 * hmm_pte}; {@link #iommu()} holds those IOMMU mappings (a page DMA-mapped by several racing faults
 * counts one mapping per {@code dma_map_page} until each is unmapped). The device's own
 * translations (mlx5: one MTT per memory region) belong to the driver.
 *
 * <p>The mirror's reference count is not modelled: the owner's reference (the {@code ib_mirror})
 * is the last one dropped, at the end of {@link #unregister}, because a device fault that holds a
 * temporary reference runs only for a live MR whose umem pins the {@code ib_mirror}, and MR
 * deregistration waits for such faults ({@code synchronize_srcu}) before dropping it.
 */
public final class HmmMirror {
  /** Pages per {@code hmm_pt} directory; the kernel's last level holds 512. */
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
  private final DeviceMmu iommu;
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
    this.iommu = new DeviceMmu(mem, gm, name, mm.pages());
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

  /**
   * The IOMMU mappings HMM made for this mirror ({@link DeviceMmu#dmaAddr()}); its device page
   * table stays empty, the driver's translation engines share these mappings.
   */
  public DeviceMmu iommu() {
    return iommu;
  }

  /** Ghost identity of this mirror's DMA mappings and device faults. */
  public GhostMirror ghostMirror() {
    return gm;
  }

  /**
   * {@code hmm_mirror_is_dead} (08/15): not (or no longer) on the mm's mirror list ({@code
   * hlist_unhashed(&mirror->mlist)}; the device-list half of the test changes only once the mirror
   * is freed).
   */
  public BoolCell dead() {
    return dead;
  }

  // ------------------------------------------------------------------ lifetime (05/15, 07/15)

  /** {@code hmm_mirror_register} (05/15) during set-up. */
  public HmmMirror registerAtSetup() {
    hmm.addMirrorAtSetup(this);
    return this;
  }

  /** {@code hmm_mirror_register} (05/15) at run time. */
  public void register(String role) {
    hmm.addMirror(role, this);
  }

  /**
   * {@code hmm_mirror_unregister} (05/15): {@link #kill}, {@code mmu_notifier_synchronize} (a grace
   * period of the notifier SRCU: every callback running, such as {@code hmm_notifier_release},
   * finishes first), then the owner's {@code hmm_mirror_unref}: the last reference, so {@code
   * hmm_mirror_destroy} drops the mirror's reference on the {@code struct hmm}. The mirror page
   * table and its remaining DMA mappings go with the memory ({@code hmm_pt_fini}).
   */
  public void unregister(String role) {
    kill(role);
    mm.notifier().srcu().synchronize(role + ":mmu_notifier_synchronize");
    hmm.unref(role);
  }

  /**
   * {@code hmm_mirror_kill} (07/15 order, v9 to v12): off the list under {@code rwsem} for write
   * ({@code hmm_mirror_is_dead} from now on, and no later invalidation reaches this mirror), then,
   * with the lock dropped, the whole-range {@code HMM_MUNMAP} update and {@code
   * device->ops->release}. v7/v8 updated first and removed last.
   */
  void kill(String role) {
    if (hmm.removeMirror(role, this)) {
      unmapAndRelease(role);
    }
  }

  /**
   * What {@code hmm_mirror_kill} and {@code hmm_notifier_release} do once the mirror is off the
   * list: {@code hmm_mirror_update} of {@code [0, vm_end)} with {@code HMM_MUNMAP}, then {@code
   * device->ops->release}. No {@code hmm_wait_device_fault}: a registered fault may still post.
   */
  void unmapAndRelease(String role) {
    update(role, new HmmEvent(0, mm.pages(), HmmEtype.MUNMAP));
    device.ops().release(role, this);
  }

  // ------------------------------------------------------------------ invalidation (07/15, 13/15)

  /**
   * {@code hmm_mirror_update} (07/15): {@code device->ops->update} (synchronous), then {@code
   * hmm_mirror_update_pt}; the device no longer reaches the range once it returns.
   */
  void update(String role, HmmEvent event) {
    device.ops().update(role, this, event);
    updatePt(role, event);
  }

  /**
   * {@code hmm_mirror_update_pt} (07/15, 13/15): per directory, under its lock (one step): {@code
   * hmm_mirror_update_pte} on every entry of the range. The last step completes the invalidation
   * for the checkers: the device is updated and the pages are dirtied and DMA-unmapped.
   */
  void updatePt(String role, HmmEvent event) {
    String label = role + ":hmm_mirror_update_pt";
    int mask = event.etype().pteMask();
    for (int d = event.start(); d < event.end(); d = pt.directoryEnd(d, event.end())) {
      int lo = d;
      int hi = pt.directoryEnd(d, event.end());
      boolean last = hi == event.end();
      sync.atomic(label, () -> {
        for (int v = lo; v < hi; v++) {
          updatePteInStep(label, v, mask);
        }
        if (last) {
          device.ops().ghostInvalidated(this, event.start(), event.end());
        }
      });
    }
  }

  /**
   * {@code hmm_mirror_update_pte} (13/15): take the DIRTY bit; {@code dma_unmap_page} when the mask
   * drops VALID_DMA; mask the entry (driver bits included); {@code set_page_dirty} of the page
   * found through the CPU page table, still intact in {@code invalidate_range_start}.
   */
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

  /** {@code dma_map_page} (13/15) of {@code frame} for page {@code v}, inside the caller's step. */
  void dmaMapPageInStep(String label, int v, int frame) {
    dmaRefs.set(label, v, dmaRefs.get(label, v) + 1);
    iommu.dmaMapInStep(label, v, frame);
  }

  /** {@code dma_unmap_page} (13/15) of one mapping of page {@code v}, inside the caller's step. */
  void dmaUnmapPageInStep(String label, int v) {
    int n = dmaRefs.get(label, v) - 1;
    dmaRefs.set(label, v, Math.max(n, 0));
    if (n <= 0) {
      iommu.dmaUnmapInStep(label, v);
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

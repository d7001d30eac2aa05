package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.World;
import java.util.IdentityHashMap;
import java.util.Map;

/** S3: the device never reaches a freed or reused frame, and no freed frame stays DMA-mapped. */
final class UseAfterFree extends BaseProperty {

  UseAfterFree() {
    super("S3", "no use after free or reuse", ALL, by(CheckedBy.EVENT),
        "When a frame is freed, no mirror's device page table holds a translation to it and no "
            + "mirror keeps it DMA-mapped (IOMMU); a stale device TLB entry or in-flight DMA is "
            + "caught when it is used, by the access checks that follow; every translation "
            + "installed is of an allocated frame; every device access reaches the very allocation "
            + "its translation was installed for (not freed, not reused since) and, for system "
            + "memory, through a live DMA mapping of the page; every dma_map is of an allocated "
            + "frame. A PASS means no page was freed or reused while the device could still reach "
            + "it, and no pfn from hmm_range_fault was installed, dereferenced or dma_map'ed after "
            + "its page was freed (include/linux/mmu_notifier.h: pages may be freed before invalidate_range_end; the 2019 nouveau review, "
            + "CVE-2022-3523).",
        "Converse (a frame the device no longer reaches is released): not a safety property; "
            + "holding a page longer costs memory, not data. The IOVA side is S10: each dma_map is "
            + "undone by exactly one dma_unmap.");
  }

  @Override
  void install(World world, View view) {
    PhysMem mem = view.mem;
    Refs refs = new Refs(view);
    view.ghost.addListener(new GhostListener() {
      @Override
      public void free(int frame, int gen) {
        // include/linux/mmu_notifier.h: the callback must have zapped and dma_unmap'ed before the page can be freed
        if (refs.count.peek(frame) != 0) {
          fail(view, "frame " + frame + " freed while " + refs.where(frame));
        }
      }

      @Override
      public void devMap(GhostMirror gm, int v, DevEntry entry) {
        Mirror m = view.mirror(gm);
        if (m == null) {
          return;
        }
        refs.move(refs.installed.get(gm), v, entry.frame());
        // dmirror_do_fault / mlx5r_umr_update_xlt install only pfns validated by read_retry
        if (!mem.liveAt(entry.frame(), entry.frameGen())) {
          fail(view, m.name + " page " + v + " installs free frame " + entry.frame());
        }
      }

      @Override
      public void devUnmap(GhostMirror gm, int v, DevEntry entry) {
        if (view.mirror(gm) != null) {
          refs.move(refs.installed.get(gm), v, -1);
        }
      }

      @Override
      public void devAcc(GhostMirror gm, int v, DevEntry entry, boolean write, int value) {
        Mirror m = view.mirror(gm);
        if (m == null) {
          return;
        }
        String op = m.name + " DMA " + (write ? "write" : "read") + " of page " + v;
        if (!mem.liveAt(entry.frame(), entry.frameGen())) {
          fail(view, op + " reached frame " + entry.frame() + " after it was freed");
        } else if (mem.zone(entry.frame()) == PhysMem.SYSTEM
            && m.mmu.dmaAddr().peek(v) != entry.frame()) {
          // ib_umem_odp_unmap_dma_pages runs only after the device can no longer reach the page
          fail(view, op + " reached frame " + entry.frame() + " after its dma_unmap");
        }
      }

      @Override
      public void dmaMap(GhostMirror gm, int v, int frame) {
        Mirror m = view.mirror(gm);
        if (m == null) {
          return;
        }
        refs.add(frame, 1);
        refs.dmaMapped.get(gm).poke(v, frame);
        // the 2019 nouveau review (nouveau review), CVE-2022-3523 (16ce101db85d): never dma_map an unvalidated pfn
        if (mem.ownerCells().peek(frame) <= 0) {
          fail(view, m.name + " dma_map of free frame " + frame + " for page " + v);
        }
      }

      @Override
      public void dmaUnmap(GhostMirror gm, int v, int frame) {
        if (view.mirror(gm) != null) {
          refs.add(frame, -1);
          refs.dmaMapped.get(gm).poke(v, -1);
        }
      }
    });
  }

  /**
   * Ghost cells: per frame, the device page-table entries and DMA mappings of the subject's mirrors
   * that reference it; per mirror and page, the frame installed and the frame DMA-mapped. Updated
   * inside the steps that change the device page table or the IOMMU, so a free reads one cell.
   */
  private static final class Refs {
    final IntArray count;
    final Map<GhostMirror, IntArray> installed = new IdentityHashMap<>();
    final Map<GhostMirror, IntArray> dmaMapped = new IdentityHashMap<>();
    private final View view;

    Refs(View view) {
      this.view = view;
      count = view.sync.newIntArray("check.S3.device_refs", view.mem.frames(), 0);
      for (Mirror m : view.mirrors) {
        installed.put(m.ghost,
            view.sync.newIntArray("check.S3." + m.name + ".installed", m.mm.pages(), -1));
        dmaMapped.put(m.ghost,
            view.sync.newIntArray("check.S3." + m.name + ".dma_mapped", m.mm.pages(), -1));
      }
    }

    void add(int frame, int delta) {
      count.poke(frame, count.peek(frame) + delta);
    }

    /** Page {@code v}'s device entry now maps {@code frame} (-1: none). */
    void move(IntArray pages, int v, int frame) {
      int old = pages.peek(v);
      if (old >= 0) {
        add(old, -1);
      }
      if (frame >= 0) {
        add(frame, 1);
      }
      pages.poke(v, frame);
    }

    /** Where the subject's mirrors reference {@code frame}, for the message. */
    String where(int frame) {
      for (Mirror m : view.mirrors) {
        for (int v = m.first; v < m.end; v++) {
          if (installed.get(m.ghost).peek(v) == frame) {
            return m.name + " page " + v + " still maps it";
          }
          if (dmaMapped.get(m.ghost).peek(v) == frame) {
            return m.name + " page " + v + " still DMA-maps it";
          }
        }
      }
      return "a leaked DMA mapping still references it";
    }
  }
}

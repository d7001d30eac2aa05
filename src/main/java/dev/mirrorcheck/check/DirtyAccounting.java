package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.World;
import java.util.ArrayList;
import java.util.List;

/** S4a: every device write is accounted by {@code set_page_dirty} before it could be lost. */
final class DirtyAccounting extends BaseProperty {

  DirtyAccounting() {
    super("S4a", "no lost device writes (dirty)", ALL, by(CheckedBy.EVENT),
        "Using page.dirty as the writeback oracle and the ghost writeSinceDirty[p] (mirrors that "
            + "wrote frame p since its last set_page_dirty): (1) when an invalidation callback "
            + "returns, every writable translation it removed has its frame's writes by that mirror "
            + "accounted by set_page_dirty, unless the mirror still maps the frame writable at "
            + "another page; (2) when a frame is freed, no device write to it is unaccounted; (3) "
            + "when writeback cleans a frame, every unaccounted device write is still covered by a "
            + "writable translation of its mirror or by a dirty CPU pte of the frame. A PASS means "
            + "no write the device made can be discarded as clean: the callback dirtied every "
            + "write-enabled page after the zap and before returning, while the page still "
            + "existed (mlx5_ib_invalidate_range's order: zap, then unmap and set_page_dirty; unmap_dma_pages).",
        "Converse (set_page_dirty only for pages the device wrote): not a safety property; a "
            + "spurious set_page_dirty costs a writeback, and the kernel dirties every write-enabled "
            + "page it unmaps whether or not the device wrote it (ib_umem_odp_unmap_dma_pages).");
  }

  /** A writable translation the running callback removed. */
  private static final class Zapped {
    final GhostMirror mirror;
    final int page;
    final int frame;

    Zapped(GhostMirror mirror, int page, int frame) {
      this.mirror = mirror;
      this.page = page;
      this.frame = frame;
    }
  }

  @Override
  void install(World world, View view) {
    PerActor<List<Zapped>> removed = new PerActor<>(view.sync, ArrayList::new);
    view.ghost.addListener(new GhostListener() {
      @Override
      public void cbBegin(GhostSub sub, int start, int end, String event, long curSeq) {
        removed.get().clear();
      }

      @Override
      public void devUnmap(GhostMirror gm, int v, DevEntry entry) {
        if (entry.writable()) {
          removed.get().add(new Zapped(gm, v, entry.frame()));
        }
      }

      @Override
      public void callbackReturned(GhostMirror gm, int start, int end) {
        Mirror m = view.mirror(gm);
        List<Zapped> zapped = removed.get();
        for (Zapped z : m == null ? List.<Zapped>of() : zapped) {
          // mlx5_ib_invalidate_range: "safely unmap it, and mark it as dirty" before returning
          if (z.mirror == gm && (view.ghost.writeSinceDirty().peek(z.frame) & m.bit()) != 0
              && !m.mapsWritable(z.frame, z.page)) {
            fail(view, m.name + " invalidate of [" + start + "," + end + ") returned with its "
                + "write to frame " + z.frame + " (page " + z.page + ") not passed to "
                + "set_page_dirty");
          }
        }
        // a 2015 HMM update completes for each MR of the mirror in turn: keep the others' entries
        zapped.removeIf(z -> z.mirror == gm);
      }

      @Override
      public void free(int frame, int gen) {
        int mask = view.ghost.writeSinceDirty().peek(frame);
        // include/linux/mmu_notifier.h: invalidate_range_end runs after the pages are freed; the dirty bit must be set before
        if (mask != 0) {
          fail(view, "frame " + frame + " freed with a write by " + view.names(mask)
              + " that set_page_dirty never accounted");
        }
      }

      @Override
      public void clean(int frame) {
        int mask = view.ghost.writeSinceDirty().peek(frame);
        // clear_page_dirty_for_io after page_mkclean: only covered writes may be left unaccounted
        if (mask != 0 && !covered(view, frame, mask)) {
          fail(view, "writeback cleaned frame " + frame + " while a write by " + view.names(mask)
              + " is unaccounted and no longer mapped writable");
        }
      }
    });
  }

  /** Whether every writer still maps {@code frame} writable, or a CPU pte maps it dirty (peek). */
  private static boolean covered(View view, int frame, int mask) {
    boolean allMapped = true;
    for (Mirror m : view.mirrors) {
      if ((mask & m.bit()) != 0) {
        allMapped &= m.mapsWritable(frame, -1);
      }
    }
    boolean dirtyPte = false;
    for (Mm mm : view.mms) {
      for (int v = 0; v < mm.pages(); v++) {
        Pte pte = mm.pt().peek(v);
        dirtyPte |= pte.isPresent() && pte.frame() == frame && pte.dirty();
      }
    }
    return allMapped || dirtyPte;
  }
}

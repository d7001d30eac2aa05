package dev.mirrorcheck.mm;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * Writeback and reclaim. File pages: {@code page_mkclean} over every mapping (PROTECTION_PAGE),
 * writeback of a dirty page, then {@code try_to_unmap} (CLEAR) and freeing if the page is still
 * clean. Anonymous pages ({@code MADV_PAGEOUT}): unmap to a swap entry, write the slot if dirty, free.
 */
public final class Reclaim {
  private Reclaim() {}

  /** {@code write_one_page}: page_mkclean, then write the page to disk if it was dirty. */
  public static void writeback(File file, int idx) {
    String role = "writeback";
    PhysMem mem = file.mem();
    int p = file.findGet(role + ":find_get_page", idx);
    if (p < 0) {
      return;
    }
    mem.lockPage(role + ":lock_page", p);
    writebackLocked(file, idx, p, role);
    mem.unlockPage(role + ":unlock_page", p);
    mem.putPage(role + ":put_page", p);
  }

  /**
   * {@code shrink_folio_list} for one file page: writeback (mkclean + write if dirty), unmap from
   * every mapping, then remove it from the page cache and free it if it is still clean.
   */
  public static void reclaim(File file, int idx) {
    String role = "reclaim";
    int p = file.findGet(role + ":find_get_page", idx);
    if (p < 0) {
      return;
    }
    PhysMem mem = file.mem();
    mem.lockPage(role + ":lock_page", p);
    writebackLocked(file, idx, p, role);
    for (Mm mm : mappers(file, role)) {
      for (int v : mappedPages(mm, role, file, idx)) {
        tryToUnmap(mm, role, v, p);
      }
    }
    file.removeIfClean(role + ":remove_mapping", idx, p);
    mem.unlockPage(role + ":unlock_page", p);
    mem.putPage(role + ":put_page", p);
  }

  /**
   * {@code MADV_PAGEOUT} of an exclusive anonymous page: unmap to a swap entry, write the swap slot
   * if the page is dirty, free it. The slot keeps its content, so a page that comes back from swap
   * clean can be dropped again without a write.
   */
  public static void pageout(Mm mm, int v) {
    String role = "pageout";
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    shrinkAnonPage(mm, role, v);
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }

  /**
   * {@code shrink_page_list} for the exclusive anonymous page mapped at {@code v}: unmap it to a swap
   * entry under a CLEAR invalidation, write the slot if it is dirty, free it. Direct reclaim (an
   * allocation that ran out of memory) runs it through the rmap, without {@code mmap_lock}.
   */
  public static void shrinkAnonPage(Mm mm, String role, int v) {
    PhysMem mem = mm.mem();
    String label = role + ":find_page";
    int p = mm.underPtl(label, () -> {
      Pte pte = mm.pt().get(label, v);
      Vma vma = mm.vmas().get(label, v);
      if (!pte.isPresent() || pte.frame() == PhysMem.ZERO_PAGE || vma == null || vma.shared()
          || mem.refcount(label, pte.frame()) != 1) {
        return -1;
      }
      mem.getPage(label, pte.frame());
      return pte.frame();
    });
    if (p >= 0) {
      mem.lockPage(role + ":lock_page", p);
      NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.CLEAR);
      mm.invalidateRangeStart(role, r);
      String unmap = role + ":try_to_unmap";
      boolean unmapped = mm.underPtl(unmap, () -> {
        Pte pte = mm.pt().get(unmap, v);
        if (!pte.isPresent() || pte.frame() != p) {
          return false;
        }
        if (pte.dirty()) {
          mem.setPageDirtyInStep(unmap, p);
        }
        // add_to_swap put the page in the swap cache, where a swap-in racing the writeback finds
        // it; the model has no swap cache, so the slot holds the data before the pte points to it
        if (mem.isDirty(unmap, p)) {
          mm.swapSlots().set(unmap, v, mem.read(unmap, p));
        }
        mem.mapcountAdd(unmap, p, -1);
        mm.setPte(unmap, v, pte, Pte.swap());
        mm.flushTlbInStep(role + ":flush_tlb", v, v + 1);
        return true;
      });
      mm.invalidateRangeEnd(role, r);
      if (unmapped) {
        if (mem.testClearDirty(role + ":clear_page_dirty_for_io", p)) {
          int data = mem.read(role + ":swap_writepage", p);
          mm.swapSlots().set(role + ":swap_writepage", v, data);
        }
        mem.putPage(role + ":put_page", p); // the mapping's reference
      }
      mem.unlockPage(role + ":unlock_page", p);
      mem.putPage(role + ":put_page", p);
    }
  }

  /** mkclean every mapping of the locked page, then write it to disk if it is dirty. */
  private static void writebackLocked(File file, int idx, int p, String role) {
    PhysMem mem = file.mem();
    for (Mm mm : mappers(file, role)) {
      for (int v : mappedPages(mm, role, file, idx)) {
        pageMkclean(mm, role, v, p);
      }
    }
    if (mem.testClearDirty(role + ":clear_page_dirty_for_io", p)) {
      int data = mem.read(role + ":writepage", p);
      file.disk().set(role + ":writepage", idx, data);
    }
  }

  /** {@code page_mkclean_one}: write-protect and clean the entry, moving D to the page. */
  private static void pageMkclean(Mm mm, String role, int v, int p) {
    NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.PROTECTION_PAGE);
    mm.invalidateRangeStart(role, r);
    String label = role + ":page_mkclean";
    mm.underPtl(label, () -> {
      Pte pte = mm.pt().get(label, v);
      if (pte.isPresent() && pte.frame() == p && (pte.writable() || pte.dirty())) {
        if (pte.dirty()) {
          mm.mem().setPageDirtyInStep(label, p);
        }
        mm.setPte(label, v, pte, pte.withWritable(false).withDirty(false));
        mm.flushTlbInStep(role + ":flush_tlb", v, v + 1);
      }
    });
    mm.invalidateRangeEnd(role, r);
  }

  /** {@code try_to_unmap_one} (CLEAR): the page may stay in the page cache. */
  private static void tryToUnmap(Mm mm, String role, int v, int p) {
    NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.CLEAR);
    mm.invalidateRangeStart(role, r);
    String label = role + ":try_to_unmap";
    boolean unmapped = mm.underPtl(label, () -> {
      Pte pte = mm.pt().get(label, v);
      if (!pte.isPresent() || pte.frame() != p) {
        return false;
      }
      if (pte.dirty()) {
        mm.mem().setPageDirtyInStep(label, p);
      }
      mm.mem().mapcountAdd(label, p, -1);
      mm.setPte(label, v, pte, Pte.NONE);
      mm.flushTlbInStep(role + ":flush_tlb", v, v + 1);
      return true;
    });
    mm.invalidateRangeEnd(role, r);
    if (unmapped) {
      mm.mem().putPage(role + ":put_page", p);
    }
  }

  private static ImmutableList<Mm> mappers(File file, String role) {
    return file.mappers().get(role + ":i_mmap");
  }

  /** The pages of {@code mm} whose VMA maps {@code file} page {@code idx} ({@code vma_address}). */
  private static int[] mappedPages(Mm mm, String role, File file, int idx) {
    String label = role + ":vma_address";
    return mm.underPtl(label, () -> {
      int[] found = new int[mm.pages()];
      int n = 0;
      for (int v = 0; v < mm.pages(); v++) {
        Vma vma = mm.vmas().get(label, v);
        if (vma != null && vma.file() == file && vma.fileIndex(v) == idx) {
          found[n++] = v;
        }
      }
      return java.util.Arrays.copyOf(found, n);
    });
  }
}

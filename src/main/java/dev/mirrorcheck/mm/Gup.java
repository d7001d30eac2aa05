package dev.mirrorcheck.mm;

import dev.mirrorcheck.ghost.Errno;

/** {@code get_user_pages_remote}: references the pages of a range, faulting them in as needed. */
public final class Gup {
  private Gup() {}

  /**
   * {@code __get_user_pages} with {@code FOLL_TOUCH} (and {@code FOLL_WRITE} if {@code write}) over
   * {@code [start, end)}; the caller holds {@code mmap_lock} for read. Each page is looked up under
   * the page-table lock ({@code follow_page_mask}) and referenced with {@code get_page}; a missing or
   * read-only entry goes through {@code handle_mm_fault} and the lookup is retried. Fills
   * {@code pages} and returns how many pages were referenced, or {@code -EFAULT} when the first page
   * cannot be.
   */
  public static int getUserPages(Mm mm, String role, int start, int end, boolean write,
      int[] pages) {
    PhysMem mem = mm.mem();
    for (int v = start; v < end; v++) {
      int page = v;
      while (true) {
        String label = role + ":follow_page";
        int r = mm.underPtl(label, () -> {
          Vma vma = mm.vmas().get(label, page);
          Pte pte = mm.pt().get(label, page);
          if (vma == null || !vma.read() || (write && !vma.write())) {
            return Errno.EFAULT;
          }
          if (!pte.isPresent() || (write && !pte.writable())) {
            return -1;
          }
          if (write && !pte.dirty()) {
            mem.setPageDirtyInStep(label, pte.frame()); // FOLL_TOUCH on a write
          }
          mem.getPage(label, pte.frame());
          return pte.frame();
        });
        if (r >= 0) {
          pages[v - start] = r;
          break;
        }
        if (r == Errno.EFAULT || CpuFault.handleMmFault(mm, role, page, write) != 0) {
          return v > start ? v - start : Errno.EFAULT;
        }
      }
    }
    return end - start;
  }
}

package dev.mirrorcheck.hmm;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.CpuFault;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Vma;

/** {@code hmm_range_fault} (mm/hmm.c, pseudo-code E). */
public final class Hmm {
  /** Internal: the walk faulted or waited and must restart from {@code last}. */
  private static final int RESTART = Integer.MIN_VALUE;

  private Hmm() {}

  /**
   * {@code hmm_range_fault}: fills {@code range.pfns()} for every page, faulting as requested; the
   * caller holds {@code mmap_lock} for read. Returns 0, {@code -EBUSY} (the subscription was
   * invalidated: retry from {@code read_begin}), {@code -EFAULT} (hole, unreadable VMA, or the CPU
   * fault failed) or {@code -EPERM} (write requested on a read-only VMA).
   */
  public static int rangeFault(Mm mm, String role, HmmRange range) {
    int[] last = {range.start()};
    while (true) {
      if (mm.notifier().checkRetry(role, range.notifier(), range.notifierSeq())) {
        return Errno.EBUSY;
      }
      int ret = walk(mm, role, range, last);
      if (ret != RESTART) {
        return ret;
      }
    }
  }

  /** {@code walk_page_range} from {@code last[0]}; updates it when it restarts. */
  private static int walk(Mm mm, String role, HmmRange range, int[] last) {
    String label = role + ":hmm_vma_walk";
    for (int v = last[0]; v < range.end(); v++) {
      int page = v;
      Object[] snap = mm.underPtl(label, () -> new Object[] {
          mm.pt().get(label, page), mm.vmas().get(label, page)});
      Pte pte = (Pte) snap[0];
      Vma vma = (Vma) snap[1];
      if (vma == null || !vma.read()) {
        // hmm_vma_walk_hole / hmm_vma_walk_test
        if (range.fault()) {
          return Errno.EFAULT;
        }
        range.pfns().set(role + ":hmm_pfn_error", v, HmmPfn.ERROR_PFN);
        continue;
      }
      if (pte.kind() == Pte.Kind.DEVICE_PRIVATE
          && mm.mem().zone(pte.frame()) == range.devPrivateOwner()) {
        range.pfns().set(role + ":hmm_pfn", v, HmmPfn.valid(pte.frame(), pte.writable()));
        continue;
      }
      boolean valid = pte.isPresent();
      boolean needFault = range.fault() && (!valid || (range.write() && !pte.writable()));
      if (!needFault) {
        range.pfns().set(role + ":hmm_pfn", v,
            valid ? HmmPfn.valid(pte.frame(), pte.writable()) : HmmPfn.NONE);
        continue;
      }
      if (pte.kind() == Pte.Kind.MIGRATION) {
        last[0] = v;
        mm.mem().waitPageUnlocked(role + ":migration_entry_wait", pte.frame());
        return RESTART;
      }
      return hmmVmaFault(mm, role, range, v, vma, last);
    }
    return 0;
  }

  /**
   * {@code hmm_vma_fault}: {@code handle_mm_fault} on every page from {@code v} to the end of its VMA
   * within the range, then restart the walk at {@code v}.
   */
  private static int hmmVmaFault(Mm mm, String role, HmmRange range, int v, Vma vma, int[] last) {
    if (range.write() && !vma.write()) {
      return Errno.EPERM;
    }
    String label = role + ":find_vma";
    int spanEnd = mm.underPtl(label, () -> {
      int e = v + 1;
      while (e < range.end() && mm.vmas().get(label, e) == vma) {
        e++;
      }
      return e;
    });
    for (int u = v; u < spanEnd; u++) {
      if (CpuFault.handleMmFault(mm, role, u, range.write()) != 0) {
        return Errno.EFAULT;
      }
    }
    last[0] = v;
    return RESTART;
  }

  /** Whether {@code pfn} is the shared zero page (for snapshots). */
  public static boolean isZeroPfn(HmmPfn pfn) {
    return pfn.valid() && pfn.frame() == PhysMem.ZERO_PAGE;
  }
}

package dev.mirrorcheck.mm;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import java.util.List;

/** The zapping mm operations: munmap, madvise(DONTNEED), exit_mmap and the OOM reaper. */
public final class Unmap {
  private Unmap() {}

  /** {@code munmap} (UNMAP): detaches the VMAs and zaps; frames may be freed before the end. */
  public static void munmap(Mm mm, int start, int end) {
    String role = "munmap";
    mm.mmapLock().downWrite(role + ":mmap_write_lock");
    zapRange(mm, role, start, end, NotifierEvent.UNMAP, true);
    mm.mmapLock().upWrite(role + ":mmap_write_unlock");
  }

  /** {@code madvise(MADV_DONTNEED)} (CLEAR): zaps but keeps the VMAs; runs under mmap_lock for read. */
  public static void madviseDontneed(Mm mm, int start, int end) {
    String role = "madvise";
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    zapRange(mm, role, start, end, NotifierEvent.CLEAR, false);
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }

  /** {@code exit} of the process owning {@code mm}: drops its {@code mm_users} reference. */
  public static void exit(Mm mm) {
    mm.exitMmput("exit");
  }

  /**
   * {@code exit_mmap}: {@code mmu_notifier_release} (RELEASE over the whole mm), then unmap every VMA,
   * under {@code mmap_lock} for write unless the kernel modelled predates that. Runs in whichever
   * thread dropped the last {@code mm_users} reference.
   */
  static void exitMmap(Mm mm, String role) {
    mm.ghost().exitMmap(mm.id()); // in the step of the mmput that ran it (S10)
    mm.notifier().release(role, mm.pages());
    boolean locked = mm.exitMmapLocked();
    if (locked) {
      mm.mmapLock().downWrite(role + ":mmap_write_lock");
    }
    zapRange(mm, role, 0, mm.pages(), NotifierEvent.UNMAP, true);
    if (locked) {
      mm.mmapLock().upWrite(role + ":mmap_write_unlock");
    }
  }

  /**
   * {@code __oom_reap_task_mm}: a non-blocking zap. Returns {@link Errno#EAGAIN} without touching
   * any PTE when a callback could not run without sleeping (O9), else 0.
   */
  public static int oomReap(Mm mm, int start, int end) {
    String role = "oom_reaper";
    if (!mm.mmapLock().tryDownRead(role + ":mmap_read_trylock")) {
      return Errno.EAGAIN;
    }
    // set before the walk, whether or not a non-blocking start then backs off: faults that would
    // map a fresh page fail from now on (check_stable_address_space)
    mm.markUnstable(role + ":set_bit_MMF_UNSTABLE");
    NotifierRange r = NotifierRange.of(start, end, NotifierEvent.UNMAP).nonBlocking();
    if (mm.invalidateRangeStart(role, r) != 0) {
      mm.mmapLock().upRead(role + ":mmap_read_unlock");
      return Errno.EAGAIN;
    }
    List<Integer> put = mm.zapPtes(role, start, end, false);
    mm.putPages(role, put);
    mm.invalidateRangeEnd(role, r);
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
    return 0;
  }

  /** Pseudo-code A for UNMAP/CLEAR: start, (split a partly covered THP), zap, flush, put, end. */
  static void zapRange(Mm mm, String role, int start, int end, NotifierEvent event,
      boolean detachVmas) {
    NotifierRange r = NotifierRange.of(start, end, event);
    mm.invalidateRangeStart(role, r);
    splitPartialThp(mm, role, start, end);
    List<Integer> put = mm.zapPtes(role, start, end, detachVmas);
    mm.putPages(role, put);
    mm.invalidateRangeEnd(role, r);
  }

  /** Splits huge mappings that {@code [start, end)} covers only partly (nested start/end, "RDMA/odp: Use mmu_range_notifier_insert()"). */
  static void splitPartialThp(Mm mm, String role, int start, int end) {
    String label = role + ":find_vma";
    int[] straddle = mm.underPtl(label, () -> new int[] {
        start > 0 && straddles(mm, label, start - 1, start) ? start : -1,
        end < mm.pages() && straddles(mm, label, end - 1, end) ? end - 1 : -1});
    for (int v : straddle) {
      if (v >= 0) {
        splitHugePmd(mm, role, v);
      }
    }
  }

  private static boolean straddles(Mm mm, String label, int inside, int outside) {
    Vma a = mm.vmas().get(label, inside);
    return a != null && a.thp() && a == mm.vmas().get(label, outside);
  }

  /**
   * {@code __split_huge_pmd}: its own CLEAR start/end over the huge page, nested inside the caller's
   * invalidation; afterwards the pages are mapped by ordinary PTEs.
   */
  static void splitHugePmd(Mm mm, String role, int v) {
    String label = role + ":find_vma";
    int[] span = mm.underPtl(label, () -> {
      Vma huge = mm.vmas().get(label, v);
      int lo = v;
      while (lo > 0 && mm.vmas().get(label, lo - 1) == huge) {
        lo--;
      }
      int hi = v + 1;
      while (hi < mm.pages() && mm.vmas().get(label, hi) == huge) {
        hi++;
      }
      return new int[] {lo, hi};
    });
    NotifierRange r = NotifierRange.of(span[0], span[1], NotifierEvent.CLEAR);
    mm.invalidateRangeStart(role + "/split", r);
    mm.underPtl(role + ":split_huge_pmd", () -> {
      Vma split = mm.vmas().get(role + ":split_huge_pmd", v).withThp(false);
      for (int i = span[0]; i < span[1]; i++) {
        mm.vmas().set(role + ":split_huge_pmd", i, split);
      }
      mm.flushTlbInStep(role + ":flush_tlb", span[0], span[1]);
    });
    mm.invalidateRangeEnd(role + "/split", r);
  }
}

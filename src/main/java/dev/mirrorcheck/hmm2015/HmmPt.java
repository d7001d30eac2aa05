package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct hmm_pt} (HMM v9 06/15 "HMM: add HMM page table v3") flattened to its last level:
 * one {@link HmmPte} per page, grouped in directories of {@code directoryPages} pages. Each
 * directory has a spinlock ({@code hmm_pt_iter_directory_lock}) that protects every bit except
 * {@code DIRTY} and the driver bits; every critical section HMM runs under it is one atomic step of
 * the model, so the lock itself is folded into those steps (taking it could only order steps that
 * are already indivisible). The directory tree and its reference counts are not modelled:
 * directories are never freed while a page table lives.
 */
public final class HmmPt {
  private final RefArray<HmmPte> ptes;
  private final int directoryPages;

  public HmmPt(Sync sync, String name, int pages, int directoryPages) {
    Preconditions.checkArgument(directoryPages >= 1, "a directory needs pages");
    this.ptes = sync.newRefArray(name + ".hmm_pte", pages, HmmPte.NONE);
    this.directoryPages = directoryPages;
  }

  /** The entries, indexed by virtual page; read with peek outside the model. */
  public RefArray<HmmPte> ptes() {
    return ptes;
  }

  public int pages() {
    return ptes.length();
  }

  /** {@code hmm_pt_level_next} (06/15): the end of {@code v}'s directory, capped at {@code end}. */
  public int directoryEnd(int v, int end) {
    return Math.min(end, (v / directoryPages + 1) * directoryPages);
  }
}

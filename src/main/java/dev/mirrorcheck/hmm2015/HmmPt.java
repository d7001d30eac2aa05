package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct hmm_pt} flattened: one {@link HmmPte} per page and one lock per directory of
 * {@code directoryPages} pages ({@code hmm_pt_iter_directory_lock}). The lock protects every bit
 * except {@code DIRTY} and the driver bits, which are set and cleared with atomic bit operations.
 */
public final class HmmPt {
  private final RefArray<HmmPte> ptes;
  private final Mutex[] locks;
  private final int directoryPages;

  public HmmPt(Sync sync, String name, int pages, int directoryPages) {
    Preconditions.checkArgument(directoryPages >= 1, "a directory needs pages");
    this.ptes = sync.newRefArray(name + ".hmm_pte", pages, HmmPte.NONE);
    this.directoryPages = directoryPages;
    this.locks = new Mutex[(pages + directoryPages - 1) / directoryPages];
    for (int d = 0; d < locks.length; d++) {
      locks[d] = sync.newMutex(name + ".dir" + d + ".lock");
    }
  }

  /** The entries, indexed by virtual page; read with peek outside the model. */
  public RefArray<HmmPte> ptes() {
    return ptes;
  }

  public int pages() {
    return ptes.length();
  }

  /** The lock of the directory holding page {@code v}. */
  public Mutex directoryLock(int v) {
    return locks[v / directoryPages];
  }

  /** {@code hmm_pt_level_next}: the end of {@code v}'s directory, capped at {@code end}. */
  public int directoryEnd(int v, int end) {
    return Math.min(end, (v / directoryPages + 1) * directoryPages);
  }
}

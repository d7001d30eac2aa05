package dev.mirrorcheck.mm;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;

/** {@code fork}: {@code dup_mmap} / {@code copy_page_range} into a fresh child address space. */
public final class Fork {
  private Fork() {}

  /**
   * Copies {@code parent}'s VMAs and entries into {@code child} (an empty mm of the same size). Private
   * writable entries are write-protected in both (COW) under a PROTECTION_PAGE invalidation of the
   * parent; shared mappings are copied as they are. Both share the frames (refcount and mapcount).
   */
  public static void fork(Mm parent, Mm child) {
    Preconditions.checkArgument(parent.pages() == child.pages(), "child must have the same size");
    String role = "fork";
    parent.mmapLock().downWrite(role + ":mmap_write_lock");
    child.mmapLock().downWrite(role + ":child_mmap_write_lock");
    NotifierRange r = NotifierRange.of(0, parent.pages(), NotifierEvent.PROTECTION_PAGE);
    parent.invalidateRangeStart(role, r);
    String label = role + ":copy_pte_range";
    parent.ptl().lock(label);
    child.ptl().lock(label);
    parent.sync().atomic(label, () -> {
      PhysMem mem = parent.mem();
      for (int v = 0; v < parent.pages(); v++) {
        Vma vma = parent.vmas().get(label, v);
        child.vmas().set(label, v, vma);
        if (vma != null && vma.shared()) {
          vma.file().addMapperInStep(label, child);
        }
        Pte pte = parent.pt().get(label, v);
        boolean cow = vma != null && !vma.shared();
        switch (pte.kind()) {
          case NONE:
            break;
          case SWAP:
            child.swapSlots().set(label, v, parent.swapSlots().get(label, v));
            child.setPte(label, v, Pte.NONE, pte);
            break;
          case MIGRATION:
            // migrations run under a mmap_lock for read; fork holds both for write
            throw new IllegalStateException("fork found a migration entry under its mmap_locks");
          case EXCLUSIVE:
            pte = DeviceExclusive.restoreInStep(parent, label, v, pte, vma);
            // fall through: copied like the present entry it now is
          default:
            mem.getPage(label, pte.frame());
            mem.mapcountAdd(label, pte.frame(), 1);
            Pte copy = pte;
            if (cow && pte.writable()) {
              copy = pte.withWritable(false);
              parent.setPte(label, v, pte, copy);
            }
            child.setPte(label, v, Pte.NONE, copy);
            break;
        }
      }
      parent.flushTlbInStep(role + ":flush_tlb", 0, parent.pages());
    });
    child.ptl().unlock(label);
    parent.ptl().unlock(label);
    parent.invalidateRangeEnd(role, r);
    child.mmapLock().upWrite(role + ":child_mmap_write_unlock");
    parent.mmapLock().upWrite(role + ":mmap_write_unlock");
  }
}

package dev.mirrorcheck.mm;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * Device-exclusive access ({@code mm/rmap.c make_device_exclusive}, {@code mm/memory.c
 * remove_device_exclusive_entry}): a device takes a page for atomic access by replacing its CPU entry
 * with a device-exclusive entry; the next CPU access faults and restores the entry under an
 * EXCLUSIVE invalidation, which revokes the device's access.
 */
public final class DeviceExclusive {
  private DeviceExclusive() {}

  /**
   * {@code make_device_exclusive} of page {@code v} for device {@code owner}; the caller holds
   * {@code mmap_lock} for read. Faults the page in writable ({@code FOLL_WRITE}, breaking COW), locks
   * it, and under an EXCLUSIVE invalidation replaces the writable entry by a device-exclusive one,
   * moving the dirty bit to the page. Returns the frame, still locked and referenced for the caller
   * to map and then release ({@link #release}), {@link Errno#EFAULT} when the page cannot be faulted
   * in writable, or {@link Errno#EOPNOTSUPP} for a page that is not anonymous (only anonymous
   * folios can be device-exclusive).
   */
  public static int make(Mm mm, String role, int v, int owner) {
    PhysMem mem = mm.mem();
    while (true) {
      int[] pages = new int[1];
      if (Gup.getUserPages(mm, role, v, v + 1, true, pages) != 1) {
        return Errno.EFAULT;
      }
      int p = pages[0];
      String check = role + ":folio_test_anon";
      boolean anon = mm.underPtl(check, () -> {
        Vma vma = mm.vmas().get(check, v);
        return vma != null && !vma.shared();
      });
      if (!anon) {
        mem.putPage(role + ":folio_put", p);
        return Errno.EOPNOTSUPP;
      }
      mem.lockPage(role + ":folio_lock", p);
      // test_hmm passes no owner: every mirror, the requester's too, drops its translation
      NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.EXCLUSIVE);
      mm.invalidateRangeStart(role, r);
      String label = role + ":make_device_exclusive";
      boolean done = mm.underPtl(label, () -> {
        Pte pte = mm.pt().get(label, v);
        if (!pte.isPresent() || pte.frame() != p || !pte.writable()) {
          return false; // the page changed since GUP: retry
        }
        if (pte.dirty()) {
          mem.setPageDirtyInStep(label, p);
        }
        mm.setPte(label, v, pte, Pte.exclusive(p, true, owner));
        mm.flushTlbInStep(role + ":flush_tlb", v, v + 1);
        return true;
      });
      mm.invalidateRangeEnd(role, r);
      if (done) {
        return p;
      }
      release(mm, role, p);
    }
  }

  /** Unlocks and drops the reference {@link #make} returned the page with. */
  public static void release(Mm mm, String role, int p) {
    mm.mem().unlockPage(role + ":folio_unlock", p);
    mm.mem().putPage(role + ":folio_put", p);
  }

  /**
   * {@code remove_device_exclusive_entry}: a CPU fault on a device-exclusive entry locks the page
   * (waiting for the device's driver to finish mapping it) and, under an EXCLUSIVE invalidation that
   * revokes the device's access, restores a present entry, writable and dirty if the exclusive entry
   * was writable ({@code restore_exclusive_pte}). Returns 0: the access is retried.
   */
  static int removeEntry(Mm mm, String role, int v, Pte orig, Vma vma) {
    PhysMem mem = mm.mem();
    int p = orig.frame();
    mem.getPage(role + ":folio_try_get", p);
    mem.lockPage(role + ":folio_lock", p);
    NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.EXCLUSIVE);
    mm.invalidateRangeStart(role, r);
    mm.underPtl(role + ":restore_exclusive_pte", () -> {
      String label = role + ":restore_exclusive_pte";
      if (mm.pt().get(label, v).equals(orig)) {
        boolean w = orig.writable() && vma.write();
        mm.setPte(label, v, orig, Pte.present(p, w, w));
      }
    });
    mm.invalidateRangeEnd(role, r);
    mem.unlockPage(role + ":folio_unlock", p);
    mem.putPage(role + ":folio_put", p);
    return 0;
  }

  /**
   * {@code try_restore_exclusive_pte} inside fork's copy step: the parent's device-exclusive entry
   * becomes present again so that it is copied (and write-protected) like any present entry.
   */
  static Pte restoreInStep(Mm mm, String label, int v, Pte orig, Vma vma) {
    boolean w = orig.writable() && vma.write();
    Pte now = Pte.present(orig.frame(), w, w);
    mm.setPte(label, v, orig, now);
    return now;
  }
}

package dev.mirrorcheck.mm;

import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * {@code handle_mm_fault} for one page, called with {@code mmap_lock} held for read. Every path
 * re-validates the entry under the page-table lock before changing it ({@code pte_same}); a lost race
 * simply returns so the caller retries. The COW break runs a nested CLEAR invalidation.
 */
public final class CpuFault {
  /** {@code VM_FAULT_SIGSEGV}/{@code VM_FAULT_ERROR}: the fault cannot be resolved. */
  public static final int VM_FAULT_ERROR = 1;
  /**
   * {@code VM_FAULT_OOM}. The model's allocator never fails (running out of frames is a bound), so
   * the CPU fault never returns it; designs that translate it keep the kernel's mapping.
   */
  public static final int VM_FAULT_OOM = 2;

  private CpuFault() {}

  /** Resolves a read or write fault at {@code v}; 0 means "retry the access". */
  public static int handleMmFault(Mm mm, String role, int v, boolean write) {
    String label = role + ":handle_mm_fault";
    Object[] snap = mm.underPtl(label, () -> new Object[] {
        mm.pt().get(label, v), mm.vmas().get(label, v)});
    Pte pte = (Pte) snap[0];
    Vma vma = (Vma) snap[1];
    if (vma == null || !vma.read() || (write && !vma.write())) {
      return VM_FAULT_ERROR;
    }
    // An if chain, not an enum switch: javac's switch map class would be CpuFault$1, the name Java
    // PathFinder gives this class's second lambda.
    Pte.Kind kind = pte.kind();
    if (kind == Pte.Kind.NONE) {
      return vma.shared() ? doSharedFault(mm, role, v, vma, write)
          : doAnonymousPage(mm, role, v, write);
    }
    if (kind == Pte.Kind.PRESENT) {
      if (write && !pte.writable()) {
        return doWpPage(mm, role, v, vma, pte);
      }
      if (write && !pte.dirty()) {
        mm.underPtl(role + ":pte_mkdirty", () -> {
          if (mm.pt().get(role + ":pte_mkdirty", v).equals(pte)) {
            mm.setPte(role + ":pte_mkdirty", v, pte, pte.withDirty(true));
          }
        });
      }
      return 0;
    }
    if (kind == Pte.Kind.MIGRATION) {
      mm.mem().waitPageUnlocked(role + ":migration_entry_wait", pte.frame());
      return 0;
    }
    if (kind == Pte.Kind.DEVICE_PRIVATE) {
      return mm.mem().pagemap(mm.mem().zone(pte.frame())).migrateToRam(mm, role, v);
    }
    if (kind == Pte.Kind.SWAP) {
      return doSwapPage(mm, role, v, vma, write);
    }
    if (kind == Pte.Kind.EXCLUSIVE) {
      return DeviceExclusive.removeEntry(mm, role, v, pte, vma);
    }
    throw new IllegalStateException("unknown pte " + pte);
  }

  /** {@code do_anonymous_page}: the zero page for reads, a new zeroed frame for writes. */
  private static int doAnonymousPage(Mm mm, String role, int v, boolean write) {
    if (!write) {
      String label = role + ":map_zero_page";
      return mm.underPtl(label, () -> {
        Pte cur = mm.pt().get(label, v);
        if (!cur.isNone()) {
          return 0; // vmf_pte_changed: another fault won
        }
        if (mm.unstableInStep(label)) {
          return VM_FAULT_ERROR; // check_stable_address_space: the OOM reaper ran
        }
        mm.setPte(label, v, cur, Pte.present(PhysMem.ZERO_PAGE, false, false));
        return 0;
      });
    }
    int q = mm.mem().alloc(role + ":alloc_page", PhysMem.SYSTEM, () -> 0);
    return installNew(mm, role + ":do_anonymous_page", v, Pte.NONE, Pte.present(q, true, true),
        true);
  }

  /** {@code do_shared_fault} / {@code do_read_fault} on a shared file mapping (write-notify). */
  private static int doSharedFault(Mm mm, String role, int v, Vma vma, boolean write) {
    int p = vma.file().findOrRead(role + ":filemap_fault", vma.fileIndex(v));
    String label = role + ":finish_fault";
    boolean mapped = mm.underPtl(label, () -> {
      Pte cur = mm.pt().get(label, v);
      if (!cur.isNone()) {
        return false;
      }
      mm.mem().mapcountAdd(label, p, 1);
      mm.setPte(label, v, cur, Pte.present(p, write, write));
      if (write) {
        mm.mem().setPageDirtyInStep(label, p); // fault_dirty_shared_page
      }
      return true;
    });
    if (!mapped) {
      mm.mem().putPage(role + ":put_page", p);
    }
    return 0;
  }

  /** {@code do_swap_page}: reads the slot into a new frame; exclusive, so writable but clean. */
  private static int doSwapPage(Mm mm, String role, int v, Vma vma, boolean write) {
    int q = mm.mem().alloc(role + ":swapin", PhysMem.SYSTEM,
        () -> mm.swapSlots().get(role + ":swap_readpage", v));
    return installNew(mm, role + ":do_swap_page", v, Pte.swap(),
        Pte.present(q, vma.write(), write), false);
  }

  /**
   * {@code do_wp_page}: a write to a read-only present entry. Shared mappings become writable and
   * dirty; an exclusive anonymous page is reused; otherwise {@code wp_page_copy} breaks COW with a
   * nested CLEAR invalidation and drops the old page after the end.
   */
  private static int doWpPage(Mm mm, String role, int v, Vma vma, Pte pte) {
    PhysMem mem = mm.mem();
    int p = pte.frame();
    if (vma.shared()) {
      String label = role + ":wp_page_shared";
      mm.underPtl(label, () -> {
        if (mm.pt().get(label, v).equals(pte)) {
          mm.setPte(label, v, pte, pte.withWritable(true).withDirty(true));
          mem.setPageDirtyInStep(label, p);
        }
      });
      return 0;
    }
    if (p != PhysMem.ZERO_PAGE) {
      String label = role + ":wp_page_reuse";
      boolean reused = mm.underPtl(label, () -> {
        if (!mm.pt().get(label, v).equals(pte) || mem.refcount(label, p) != 1) {
          return false;
        }
        mm.setPte(label, v, pte, pte.withWritable(true).withDirty(true));
        return true;
      });
      if (reused) {
        return 0;
      }
    }
    int q = mem.alloc(role + ":wp_page_copy", PhysMem.SYSTEM,
        () -> p == PhysMem.ZERO_PAGE ? 0 : mem.read(role + ":copy_user_highpage", p));
    NotifierRange r = NotifierRange.of(v, v + 1, NotifierEvent.CLEAR);
    mm.invalidateRangeStart(role + "/cow", r);
    String label = role + ":wp_page_copy";
    boolean replaced = mm.underPtl(label, () -> {
      if (!mm.pt().get(label, v).equals(pte)) {
        return false;
      }
      mem.mapcountAdd(label, q, 1);
      mem.mapcountAdd(label, p, -1);
      mm.setPte(label, v, pte, Pte.present(q, true, true));
      mm.flushTlbInStep(role + ":flush_tlb", v, v + 1);
      return true;
    });
    mm.invalidateRangeEnd(role + "/cow", r);
    mem.putPage(role + ":put_page", replaced ? p : q);
    return 0;
  }

  /**
   * Installs a freshly allocated frame if {@code pt[v]} still equals {@code expect} (and, with
   * {@code checkStable}, the OOM reaper has not marked the mm unstable: VM_FAULT_SIGBUS).
   */
  private static int installNew(Mm mm, String label, int v, Pte expect, Pte now,
      boolean checkStable) {
    int ret = mm.underPtl(label, () -> {
      Pte cur = mm.pt().get(label, v);
      if (!cur.equals(expect)) {
        return -1; // vmf_pte_changed: another fault won
      }
      if (checkStable && mm.unstableInStep(label)) {
        return VM_FAULT_ERROR; // check_stable_address_space: the OOM reaper ran
      }
      mm.mem().mapcountAdd(label, now.frame(), 1);
      mm.setPte(label, v, cur, now);
      return 0;
    });
    if (ret != 0) {
      mm.mem().putPage(label, now.frame()); // the new page goes back
    }
    return Math.max(ret, 0);
  }
}

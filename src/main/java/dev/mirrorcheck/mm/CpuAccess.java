package dev.mirrorcheck.mm;

/**
 * A user thread's loads and stores. A hit in the CPU TLB accesses memory in one step (a TLB shootdown
 * waits for the instruction in flight); a miss walks the page table under the PTL, sets the hardware
 * dirty bit on a store and fills the TLB, or takes a page fault.
 */
public final class CpuAccess {
  /** Returned when the access raised {@code SIGSEGV}. */
  public static final int SIGSEGV = Integer.MIN_VALUE;

  private CpuAccess() {}

  /** A load from page {@code v}; {@link #SIGSEGV} on a bad access. */
  public static int read(Mm mm, String role, int v) {
    return access(mm, role, v, false, 0);
  }

  /** A store of {@code value} to page {@code v}; returns 0 or {@link #SIGSEGV}. */
  public static int write(Mm mm, String role, int v, int value) {
    int r = access(mm, role, v, true, value);
    return r == SIGSEGV ? SIGSEGV : 0;
  }

  private static int access(Mm mm, String role, int v, boolean write, int value) {
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    int result;
    while (true) {
      Integer hit = tlbAccess(mm, role, v, write, value);
      if (hit != null) {
        result = hit;
        break;
      }
      String label = role + ":page_walk";
      Boolean filled = mm.underPtl(label, () -> {
        Pte pte = mm.pt().get(label, v);
        Vma vma = mm.vmas().get(label, v);
        if (vma == null || !vma.read() || (write && !vma.write())) {
          return null;
        }
        if (!pte.isPresent() || (write && !pte.writable())) {
          return false;
        }
        Pte now = write ? pte.withDirty(true) : pte;
        if (!now.equals(pte)) {
          mm.setPte(label, v, pte, now);
        }
        mm.tlb().set(label, v, now);
        return true;
      });
      if (filled == null) {
        result = SIGSEGV;
        break;
      }
      if (!filled && CpuFault.handleMmFault(mm, role, v, write) != 0) {
        result = SIGSEGV;
        break;
      }
    }
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
    return result;
  }

  /** The access through a cached translation, or null on a TLB miss. */
  private static Integer tlbAccess(Mm mm, String role, int v, boolean write, int value) {
    String label = role + (write ? ":store" : ":load");
    return Steps.atomic(mm.sync(), label, () -> {
      Pte e = mm.tlb().get(label, v);
      if (e == null || (write && !(e.writable() && e.dirty()))) {
        return null;
      }
      int r;
      if (write) {
        mm.mem().write(label, e.frame(), value);
        r = value;
      } else {
        r = mm.mem().read(label, e.frame());
      }
      mm.ghost().cpuAcc(mm.id(), v, e.frame(), write, r);
      return r;
    });
  }
}

package dev.mirrorcheck.mm;

import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import java.util.IdentityHashMap;
import java.util.Map;

/** {@code mprotect} ({@code change_protection}, PROTECTION_VMA). */
public final class Mprotect {
  private Mprotect() {}

  /**
   * Sets the permissions of pages {@code [start, end)}. Removing write access write-protects the
   * present entries between start and end; granting it leaves them read-only so the next write faults
   * (dirty tracking and COW stay with the fault path). Returns 0, or -ENOMEM-like -1 for a hole.
   */
  public static int mprotect(Mm mm, int start, int end, boolean read, boolean write) {
    String role = "mprotect";
    mm.mmapLock().downWrite(role + ":mmap_write_lock");
    NotifierRange r = NotifierRange.of(start, end, NotifierEvent.PROTECTION_VMA)
        .withNewProt(read, write);
    mm.invalidateRangeStart(role, r);
    String label = role + ":change_pte_range";
    boolean ok = mm.underPtl(label, () -> {
      Map<Vma, Vma> split = new IdentityHashMap<>();
      for (int v = start; v < end; v++) {
        Vma old = mm.vmas().get(label, v);
        if (old == null) {
          return false;
        }
        mm.vmas().set(label, v, split.computeIfAbsent(old, o -> o.withProt(read, write)));
        Pte pte = mm.pt().get(label, v);
        if (!write && pte.writable() && pte.kind() != Pte.Kind.SWAP) {
          mm.setPte(label, v, pte, pte.withWritable(false));
        }
      }
      mm.flushTlbInStep(role + ":flush_tlb", start, end);
      return true;
    });
    mm.invalidateRangeEnd(role, r);
    mm.mmapLock().upWrite(role + ":mmap_write_unlock");
    return ok ? 0 : -1;
  }
}

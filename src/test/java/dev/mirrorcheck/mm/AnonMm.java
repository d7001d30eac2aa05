package dev.mirrorcheck.mm;

import dev.mirrorcheck.mutation.Mutations;

/** The address space most concurrency tests start from: populated private anonymous memory. */
public final class AnonMm {
  private AnonMm() {}

  /**
   * An mm named {@code mm} with {@code pages} read-write anonymous pages, page v faulted in with the
   * value {@code first + v}; notifier sequence modulus 8.
   */
  public static Mm populated(PhysMem mem, Mutations mut, int pages, int first) {
    Mm mm = new Mm(mem, mut, "mm", pages, 8);
    mm.mmapAnon(0, pages, true, true);
    for (int v = 0; v < pages; v++) {
      mm.populate(v, first + v);
    }
    return mm;
  }
}

package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Vma;
import dev.mirrorcheck.sync.World;

/** S6: a device write never lands in a private page another address space still maps. */
final class CowIsolation extends BaseProperty {

  CowIsolation() {
    super("S6", "COW and fork isolation", ALL, by(CheckedBy.EVENT),
        "At every device write through a mirror of address space A to frame p: no other address "
            + "space of the subject maps p in a private (MAP_PRIVATE, copy-on-write) VMA. A PASS "
            + "means that after fork the parent's device writes went only to pages the parent "
            + "owns alone: fork's PROTECTION_PAGE invalidation removed the device's write access "
            + "and the COW break gave the parent its own copy before the device could write again "
            + "(tests anon_write_child, exclusive_cow, hmm_cow_in_device). MAP_SHARED pages are "
            + "meant to be shared and are not restricted here (S1 and S5 pin the page). With a "
            + "single address space the property holds trivially.",
        "Converse (a write through MAP_SHARED lands in the shared page): checked by the expect "
            + "clauses of anon_write_child_shared, which read the child's device write back through "
            + "the parent's CPU and device.");
  }

  @Override
  void install(World world, View view) {
    if (view.mms.size() < 2) {
      return;
    }
    view.ghost.addListener(new GhostListener() {
      @Override
      public void devAcc(GhostMirror gm, int v, DevEntry entry, boolean write, int value) {
        Mirror m = view.mirror(gm);
        if (m == null || !write) {
          return;
        }
        for (Mm other : view.mms) {
          for (int u = 0; other != m.mm && u < other.pages(); u++) {
            Pte pte = other.pt().peek(u);
            Vma vma = other.vmas().peek(u);
            boolean maps = pte.kind() != Pte.Kind.NONE && pte.kind() != Pte.Kind.SWAP
                && pte.frame() == entry.frame();
            // copy_present_pte write-protects private pages in both mms; wp_page_copy splits them
            if (maps && vma != null && !vma.shared()) {
              fail(view, m.name + " wrote frame " + entry.frame() + " at page " + v + " but "
                  + other.name() + " maps it privately at page " + u);
            }
          }
        }
      }
    });
  }
}

package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mm.Vma;
import dev.mirrorcheck.sync.World;

/** S5: the device writes only what the CPU may write. */
final class Permissions extends BaseProperty {

  Permissions() {
    super("S5", "permissions", ALL, by(CheckedBy.EVENT),
        "At every device write to page v through frame p: v's VMA is writable and the CPU entry of "
            + "v maps p writable (a present pte, an own device-private entry, or, inside the "
            + "mirror's own migrate_vma, the migration entry of p or its device-private "
            + "destination); and every translation a fault installs writable is in a writable VMA. "
            + "A PASS means that after mprotect(PROT_READ), write-protection for fork or "
            + "page_mkclean returned, the device wrote none of those pages until the CPU side "
            + "allowed it again, and a device write fault on a read-only VMA installed nothing "
            + "writable (hmm_range_fault returns -EPERM; tests anon_write_prot, exclusive_mprotect).",
        "Converse (a write fault on a writable VMA gets write access): a liveness statement, "
            + "checked by the scenarios' expect ok on device writes to writable pages (a wrong -EPERM "
            + "fails them) and by L3.");
  }

  @Override
  void install(World world, View view) {
    MigrationOwners owners = MigrationOwners.install(view, id());
    view.ghost.addListener(new GhostListener() {
      @Override
      public void devAcc(GhostMirror gm, int v, DevEntry entry, boolean write, int value) {
        Mirror m = view.mirror(gm);
        if (m == null || !write) {
          return;
        }
        Vma vma = m.mm.vmas().peek(v);
        Pte pte = m.mm.pt().peek(v);
        int owner = owners.peek(m.mm, v);
        // change_protection / do_wp_page: a write needs VM_WRITE and a writable pte
        String why = vma == null ? "page " + v + " has no VMA"
            : !vma.write() ? "its VMA is read-only"
            : Backing.unbacked(m, view.mem, entry, pte, owner, true);
        if (why != null) {
          fail(view, m.name + " wrote frame " + entry.frame() + " at page " + v + " but " + why);
        }
      }

      @Override
      public void faultInstall(GhostSub sub, long seq, int mm, int v, int frame, boolean writable) {
        Mirror m = view.mirrorOfSub(sub);
        Mm space = view.mm(mm);
        if (m == null || space == null || !writable) {
          return;
        }
        Vma vma = space.vmas().peek(v);
        // hmm_vma_fault: a write request on a VMA without VM_WRITE fails with -EPERM
        if (vma == null || !vma.write()) {
          fail(view, m.name + " fault installed page " + v + " (frame " + frame
              + ") writable but its VMA is " + (vma == null ? "gone" : "read-only"));
        }
      }
    });
  }
}

package dev.mirrorcheck.check;

import dev.mirrorcheck.driver.DevPte;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.sync.World;

/** S1: every device translation is backed by the CPU page table. */
final class MirrorCoherence extends BaseProperty {

  MirrorCoherence() {
    super("S1", "mirror coherence", ALL, by(CheckedBy.STATE_INVARIANT),
        "In every reachable state, for every mirror (dmirror xarray, ODP MTT) and every page v its "
            + "interval notifier covers: if the device page table maps v to frame p, the CPU page "
            + "table maps v to p, as a present pte or as a device-private entry of this mirror's own "
            + "device, and if the device entry is writable so is the CPU entry. The only other "
            + "accepted CPU entry is the migration entry of a migrate_vma owned by this mirror's "
            + "device (the MIGRATE event its own callback skips, lib/test_hmm.c), during which the device may "
            + "still map the source page or already map its new device-private destination "
            + "(dmirror_migrate_finalize_and_map runs before migrate_vma_finalize). A PASS means no "
            + "state has a device translation the CPU page table does not back: every callback "
            + "removed the device entries before the CPU pte changed (the v5.2 include/linux/hmm.h: the CPU page table cannot "
            + "point to a new page until the device page table is invalidated).",
        "Converse (what the CPU maps, the device maps): not a property of a mirror. The device "
            + "page table fills on demand and empties on invalidation, so a CPU entry without a "
            + "device entry is normal; that a fault installs exactly what the CPU maps is S7, and "
            + "what the device reads back is checked by the scenarios' expect clauses.");
  }

  @Override
  void install(World world, View view) {
    MigrationOwners owners = MigrationOwners.install(view, id());
    for (Mirror m : view.mirrors) {
      for (int v = m.first; v < m.end; v++) {
        int page = v;
        world.invariant(id(), () -> check(view, owners, m, page));
      }
    }
  }

  /** Reads the same three cells on every evaluation: devPT[v], cpuPT[v] and the migration owner. */
  private static String check(View view, MigrationOwners owners, Mirror m, int v) {
    DevPte e = m.mmu.pt().peek(v);
    Pte pte = m.mm.pt().peek(v);
    int owner = owners.peek(m.mm, v);
    if (e == null) {
      return null;
    }
    // hmm.h (v5.2) sync_cpu_device_pagetables: device and CPU point to the same page or one to none
    String why = Backing.unbacked(m, view.mem, e, pte, owner, false);
    return why == null ? null : m.name + " page " + v + " maps frame " + e.frame()
        + (e.writable() ? " writable" : "") + " but " + why;
  }
}

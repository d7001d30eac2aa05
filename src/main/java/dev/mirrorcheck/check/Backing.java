package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.CpuEntry;
import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.mm.PhysMem;

/**
 * The S1 relation between a device translation and the CPU entry of its page (docs/properties.md, S1, with
 * its own-migration weakening), shared by S1 (device page table) and S5 (the translation a DMA write
 * used).
 */
final class Backing {
  private Backing() {}

  /**
   * Why {@code cpu} does not back translation {@code e} of mirror {@code m} (writable use if
   * {@code write}), or null when it does. {@code migrationOwner} is the owner of the migration entry
   * the page holds, if it holds one.
   */
  static String unbacked(Mirror m, PhysMem mem, DevEntry e, CpuEntry cpu, int migrationOwner,
      boolean write) {
    boolean needW = write || e.writable();
    switch (cpu.kind()) {
      case PRESENT:
        if (cpu.frame() != e.frame()) {
          return "the CPU has " + cpu;
        }
        return needW && !cpu.writable() ? "the CPU entry " + cpu + " is read-only" : null;
      case DEVICE_PRIVATE:
        // hmm_vma_walk: a device-private entry is a mapping only for its pgmap owner (mm/hmm.c)
        if (cpu.frame() != e.frame() || mem.zone(e.frame()) != m.device) {
          return "the CPU has " + cpu;
        }
        return needW && !cpu.writable() ? "the CPU entry " + cpu + " is read-only" : null;
      case EXCLUSIVE:
        // a device-exclusive entry maps the page for the device that holds it (reference S1)
        if (cpu.frame() != e.frame() || cpu.exclusiveOwner() != m.device) {
          return "the CPU has " + cpu;
        }
        return needW && !cpu.writable() ? "the CPU entry " + cpu + " is read-only" : null;
      case MIGRATION:
        // dmirror_interval_invalidate skips MIGRATE events it owns (lib/test_hmm.c); its migration code must
        // zap the source itself and may map the destination before migrate_vma_finalize
        if (m.device < 0 || migrationOwner != m.device) {
          return "the CPU has " + cpu + (migrationOwner < 0 ? " (core migration)"
              : " (migration owned by device " + migrationOwner + ")");
        }
        if (cpu.frame() == e.frame()) {
          return needW && !cpu.writable() ? "the CPU entry " + cpu + " is read-only" : null;
        }
        return mem.zone(e.frame()) == m.device ? null : "the CPU has " + cpu;
      default:
        return "the CPU has " + cpu;
    }
  }
}

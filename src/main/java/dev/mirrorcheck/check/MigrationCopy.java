package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.World;

/** S4b: no device write to a page after migration began copying it. */
final class MigrationCopy extends BaseProperty {

  MigrationCopy() {
    super("S4b", "no lost device writes (migration copy)", ALL, by(CheckedBy.EVENT),
        "Once migration has begun copying frame p to a new frame q (copy_highpage in migrate_vma "
            + "or kernel page migration), a device write to p must be followed by a later copy of "
            + "p; otherwise the write is lost when p is freed. Checked when p is freed: no mirror "
            + "wrote p after its last copy began. A PASS means every mirror lost write access to a "
            + "page before the page was copied: foreign migrations through their MIGRATE "
            + "callback, the driver's own migrate_vma by invalidating its own mappings before the "
            + "copy (hmm.rst's migration step 3).",
        "Converse (the copy carries the last write): a read after the migration must see it; "
            + "the scenarios' expect clauses check the data (migrate_dirty_page, migrate_fault, "
            + "migrate_mixed).");
  }

  @Override
  void install(World world, View view) {
    int frames = view.mem.frames();
    // per frame: 1 + the destination of the copy in progress, or 0; mirrors that wrote after it
    IntArray copyTo = view.sync.newIntArray("check.S4b.copy_to", frames, 0);
    IntArray late = view.sync.newIntArray("check.S4b.write_after_copy", frames, 0);
    view.ghost.addListener(new GhostListener() {
      @Override
      public void copy(int from, int to) {
        copyTo.poke(from, to + 1);
        late.poke(from, 0);
      }

      @Override
      public void alloc(int frame, int gen, boolean reused) {
        copyTo.poke(frame, 0);
        late.poke(frame, 0);
      }

      @Override
      public void devAcc(GhostMirror gm, int v, DevEntry entry, boolean write, int value) {
        Mirror m = view.mirror(gm);
        int p = entry.frame();
        if (m != null && write && copyTo.peek(p) != 0) {
          late.poke(p, late.peek(p) | m.bit());
        }
      }

      @Override
      public void free(int frame, int gen) {
        int mask = late.peek(frame);
        // hmm.rst's migration step 3: the driver invalidates its device mappings before it copies
        if (mask != 0) {
          fail(view, "frame " + frame + " freed after migration copied it to frame "
              + (copyTo.peek(frame) - 1) + ": the later write by " + view.names(mask)
              + " is lost");
        }
      }
    });
  }
}

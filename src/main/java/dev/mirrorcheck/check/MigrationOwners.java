package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.IntArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Ghost cells: per address space and page, the owner of the migration whose entry the page holds (a
 * device id, or -1 for a core migration), written in the step that installs the migration entry.
 */
final class MigrationOwners {
  private final Map<Integer, IntArray> owners = new HashMap<>();

  private MigrationOwners() {}

  /** Creates the cells for every address space of {@code view} and keeps them up to date. */
  static MigrationOwners install(View view, String property) {
    MigrationOwners o = new MigrationOwners();
    for (Mm mm : view.mms) {
      o.owners.put(mm.id(),
          view.sync.newIntArray("check." + property + "." + mm.name() + ".migration_owner",
              mm.pages(), -1));
    }
    view.ghost.addListener(new GhostListener() {
      @Override
      public void migrationEntry(int mm, int v, int frame, int owner) {
        IntArray a = o.owners.get(mm);
        if (a != null) {
          a.poke(v, owner);
        }
      }
    });
    return o;
  }

  /** The owner of the migration entry at page {@code v} of {@code mm} (peek). */
  int peek(Mm mm, int v) {
    return owners.get(mm.id()).peek(v);
  }
}

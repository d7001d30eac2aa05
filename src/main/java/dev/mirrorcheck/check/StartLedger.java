package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.IntCell;
import java.util.HashMap;
import java.util.Map;

/**
 * Ghost cells per address space: {@code open}, the {@code invalidate_range_start} calls that have
 * neither ended nor failed, and {@code begun}, every start so far. A start is counted in the step that
 * increments {@code S.active}; an end or a failure once it has been reported.
 */
final class StartLedger {
  private final Map<Integer, IntCell> open = new HashMap<>();
  private final Map<Integer, IntCell> begun = new HashMap<>();

  private StartLedger() {}

  static StartLedger install(View view, String property) {
    StartLedger l = new StartLedger();
    for (Mm mm : view.mms) {
      String name = "check." + property + "." + mm.name();
      l.open.put(mm.id(), view.sync.newInt(name + ".open_starts", 0));
      l.begun.put(mm.id(), view.sync.newInt(name + ".starts", 0));
    }
    view.ghost.addListener(new GhostListener() {
      @Override
      public void start(int mm, int start, int end, String event) {
        add(l.open, mm, 1);
        add(l.begun, mm, 1);
      }

      @Override
      public void startFailed(int mm, int start, int end, String event) {
        add(l.open, mm, -1);
      }

      @Override
      public void end(int mm, int start, int end, String event) {
        add(l.open, mm, -1);
      }
    });
    return l;
  }

  private static void add(Map<Integer, IntCell> cells, int mm, int delta) {
    IntCell c = cells.get(mm);
    if (c != null) {
      c.poke(c.peek() + delta);
    }
  }

  /** Starts of {@code mm} that have neither ended nor failed (peek). */
  int open(Mm mm) {
    return open.get(mm.id()).peek();
  }

  /** Starts of {@code mm} so far (peek). */
  int begun(Mm mm) {
    return begun.get(mm.id()).peek();
  }
}

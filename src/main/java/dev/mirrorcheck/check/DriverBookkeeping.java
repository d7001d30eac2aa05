package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.World;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * S10: DMA mappings, counters, deferred work, hardware updates and mm references stay consistent.
 */
final class DriverBookkeeping extends BaseProperty {

  DriverBookkeeping() {
    super("S10", "driver bookkeeping", ALL, by(CheckedBy.EVENT, CheckedBy.END),
        "For every mirror: each dma_map of a page is matched by exactly one dma_unmap before the "
            + "page is mapped again (no leaked or doubly unmapped IOVA); whenever the driver lock is "
            + "released after changing them, npages equals the number of non-empty dma_list "
            + "entries; deferred work (destroy_unused_implicit_child_mr) is queued at most once; "
            + "no hardware page-table update (UMR) is posted on a revoked mkey; and every update "
            + "of the device page table, from faults and invalidations alike, is computed and "
            + "posted with the driver lock (dmirror->mutex, umem_mutex) held. For every mm: each "
            + "mmput drops a reference that is held, the process's own (at exit) or one that "
            + "get_task_mm or mmget_not_zero took, so mm_users never goes below zero; exit_mmap "
            + "runs only once mm_users has dropped to zero; and at the end of every complete "
            + "execution (every actor finished) no reference taken is still held and an mm whose "
            + "process exited has been torn down. A PASS means the "
            + "fixes \"RDMA/mlx5: Fix a race with mlx5_ib_update_xlt on an implicit MR\" (update_xlt "
            + "serialised), \"RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()\" "
            + "(bookkeeping under umem_mutex) and commit abb604a1a9c8 (revoke the mkey under "
            + "umem_mutex) hold in every interleaving, and that every mm reference a driver takes "
            + "(ib_umem_odp_release's get_task_mm around mmu_notifier_unregister, the page-fault "
            + "handlers' get_task_mm or mmget_not_zero) is put exactly once, and none it did not "
            + "take (get_task_mm returns NULL once exit dropped the last reference).",
        "Converse: checked in both directions; a second dma_map without the unmap and a "
            + "dma_unmap of a frame not mapped there both fire, and npages must equal the number of "
            + "entries, not just bound it; an mm reference put twice or never put both fire too.");
  }

  @Override
  void install(World world, View view) {
    Map<GhostMirror, IntArray> mapped = new IdentityHashMap<>();
    Map<GhostMirror, BoolCell> queued = new IdentityHashMap<>();
    for (Mirror m : view.mirrors) {
      mapped.put(m.ghost, view.sync.newIntArray("check.S10." + m.name + ".dma_mapped",
          m.mm.pages(), -1));
      queued.put(m.ghost, view.sync.newBool("check.S10." + m.name + ".work_queued", false));
    }
    Map<Integer, MmRefs> refs = new HashMap<>();
    for (Mm mm : view.mms) {
      refs.put(mm.id(), new MmRefs(view, mm));
    }
    view.ghost.addListener(new GhostListener() {
      @Override
      public void mmGet(int mmId) {
        MmRefs r = refs.get(mmId);
        if (r != null) {
          r.taken.poke(r.taken.peek() + 1);
        }
      }

      @Override
      public void mmPut(int mmId, int users, boolean exit) {
        MmRefs r = refs.get(mmId);
        if (r == null) {
          return;
        }
        // mmput: atomic_dec_and_test of a reference the caller holds, never of a count at zero
        if (users <= 0) {
          fail(view, r.mm.name() + " mmput with mm_users at " + users);
        }
        if (exit) {
          r.exited.poke(true);
          return;
        }
        // ib_umem_odp_release: mmput only the mm get_task_mm returned (NULL once the mm is gone)
        if (r.taken.peek() == r.put.peek()) {
          fail(view, r.mm.name() + " mmput of a reference no get_task_mm or mmget_not_zero took");
        }
        r.put.poke(r.put.peek() + 1);
      }

      @Override
      public void exitMmap(int mmId) {
        MmRefs r = refs.get(mmId);
        if (r == null) {
          return;
        }
        // mmput: only the put that drops mm_users to zero tears the mm down
        if (r.mm.users().peek() != 0) {
          fail(view, r.mm.name() + " exit_mmap while mm_users is " + r.mm.users().peek());
        }
        r.tornDown.poke(true);
      }

      @Override
      public void dmaMap(GhostMirror gm, int v, int frame) {
        IntArray a = mapped.get(gm);
        if (a == null) {
          return;
        }
        if (a.peek(v) >= 0) {
          fail(view, gm + " dma_map of frame " + frame + " for page " + v + " while frame "
              + a.peek(v) + " is still mapped there");
        }
        a.poke(v, frame);
      }

      @Override
      public void dmaUnmap(GhostMirror gm, int v, int frame) {
        IntArray a = mapped.get(gm);
        if (a == null) {
          return;
        }
        if (a.peek(v) != frame) {
          fail(view, gm + " dma_unmap of frame " + frame + " for page " + v
              + " which is not mapped there");
        }
        a.poke(v, -1);
      }

      @Override
      public void bookkeeping(GhostMirror gm, int npages, int entries) {
        // "RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()": npages and dma_list change together under umem_mutex
        if (mapped.containsKey(gm) && npages != entries) {
          fail(view, gm + " npages is " + npages + " but dma_list holds " + entries + " entries");
        }
      }

      @Override
      public void workQueued(GhostMirror gm, String work) {
        BoolCell q = queued.get(gm);
        if (q == null) {
          return;
        }
        // "RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()": the dying flag is tested and set under umem_mutex, so the work is queued once
        if (q.peek()) {
          fail(view, work + " queued twice for " + gm);
        }
        q.poke(true);
      }

      @Override
      public void hwUpdate(GhostMirror gm, boolean keyValid) {
        Mirror m = view.mirror(gm);
        if (m == null) {
          return;
        }
        // commit abb604a1a9c8: no UMR after the mkey was revoked
        if (!keyValid) {
          fail(view, "UMR posted on the revoked mkey of " + m.name);
        }
        locked(m, "UMR");
      }

      @Override
      public void devMap(GhostMirror gm, int v, DevEntry entry) {
        Mirror m = view.mirror(gm);
        if (m != null) {
          locked(m, "device page-table update of page " + v);
        }
      }

      @Override
      public void devUnmap(GhostMirror gm, int v, DevEntry entry) {
        Mirror m = view.mirror(gm);
        if (m != null) {
          locked(m, "device page-table zap of page " + v);
        }
      }

      /** the 2019 mlx5_ib_update_xlt implicit-MR fix: a hardware update is computed and posted within one driver-lock critical section. */
      private void locked(Mirror m, String what) {
        // only the interval-notifier designs serialise updates with a driver lock (Mirror.lock)
        if (m.lock != null && view.sync.currentActor() != null && !m.lock.heldByCurrentActor()) {
          fail(view, m.name + " " + what + " posted without " + m.lock.name() + " held");
        }
      }
    });
    world.atEnd(id(), () -> {
      for (MmRefs r : refs.values()) {
        String why = r.atEnd();
        if (why != null) {
          return why;
        }
      }
      return null;
    });
  }

  /**
   * Ghost cells of one mm: references taken by mmget_not_zero and put again, whether its process
   * exited (dropped its own reference) and whether exit_mmap ran. Read with peek.
   */
  private static final class MmRefs {
    final Mm mm;
    final IntCell taken;
    final IntCell put;
    final BoolCell exited;
    final BoolCell tornDown;

    MmRefs(View view, Mm mm) {
      this.mm = mm;
      String p = "check.S10." + mm.name();
      taken = view.sync.newInt(p + ".mm_refs_taken", 0);
      put = view.sync.newInt(p + ".mm_refs_put", 0);
      exited = view.sync.newBool(p + ".exited", false);
      tornDown = view.sync.newBool(p + ".exit_mmap", false);
    }

    /** Every complete execution: the references taken were put; an exited mm was torn down. */
    String atEnd() {
      int held = taken.peek() - put.peek(); // a put too many already failed at the mmput
      if (held > 0) {
        return mm.name() + ": " + held + " mm_users reference(s) taken by get_task_mm or "
            + "mmget_not_zero never put";
      }
      if (exited.peek() && !tornDown.peek()) {
        return mm.name() + ": its process exited and every reference was put, but exit_mmap "
            + "never ran";
      }
      return null;
    }
  }
}

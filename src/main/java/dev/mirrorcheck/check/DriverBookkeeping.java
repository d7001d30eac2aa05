package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.DevEntry;
import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.World;
import java.util.IdentityHashMap;
import java.util.Map;

/** S10: DMA mappings, counters, deferred work and hardware updates stay consistent. */
final class DriverBookkeeping extends BaseProperty {

  DriverBookkeeping() {
    super("S10", "driver bookkeeping", ALL, by(CheckedBy.EVENT),
        "For every mirror: each dma_map of a page is matched by exactly one dma_unmap before the "
            + "page is mapped again (no leaked or doubly unmapped IOVA); whenever the driver lock is "
            + "released after changing them, npages equals the number of non-empty dma_list "
            + "entries; deferred work (destroy_unused_implicit_child_mr) is queued at most once; "
            + "no hardware page-table update (UMR) is posted on a revoked mkey; and every update "
            + "of the device page table, from faults and invalidations alike, is computed and "
            + "posted with the driver lock (dmirror->mutex, umem_mutex) held. A PASS means the "
            + "fixes \"RDMA/mlx5: Fix a race with mlx5_ib_update_xlt on an implicit MR\" (update_xlt "
            + "serialised), \"RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()\" "
            + "(bookkeeping under umem_mutex) and commit abb604a1a9c8 (revoke the mkey under "
            + "umem_mutex) hold in every interleaving.",
        "Converse: checked in both directions; a second dma_map without the unmap and a "
            + "dma_unmap of a frame not mapped there both fire, and npages must equal the number of "
            + "entries, not just bound it.");
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
    view.ghost.addListener(new GhostListener() {
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
  }
}

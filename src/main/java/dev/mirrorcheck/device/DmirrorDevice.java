package dev.mirrorcheck.device;

import dev.mirrorcheck.mm.DevicePagemapOps;
import dev.mirrorcheck.mm.MigrateVma;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Pte;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct dmirror_device}: one device with its private memory zone (its id is the zone and the
 * {@code pgmap->owner}) and the mirrors opened on it. It is the {@code dev_pagemap_ops} of its zone.
 */
public final class DmirrorDevice implements DevicePagemapOps {
  private final int id;
  private final String name;
  private final PhysMem mem;
  private final Mutations mut;
  private final List<Dmirror> mirrors = new ArrayList<>();

  /** Registers device {@code id}'s pagemap in {@code mem} (set-up). */
  public DmirrorDevice(PhysMem mem, Mutations mut, int id, String name) {
    this.id = id;
    this.name = name;
    this.mem = mem;
    this.mut = mut;
    mem.setPagemap(id, this);
  }

  /** The device id: its private-memory zone and migration owner. */
  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public PhysMem mem() {
    return mem;
  }

  public Mutations mutations() {
    return mut;
  }

  void addMirror(Dmirror d) {
    mirrors.add(d);
  }

  /**
   * Invalidates this device's own translations of {@code [lo, hi)} in every mirror of {@code mm}: the
   * driver's duty when its own callbacks filter out its own migration (hmm.rst's migration step 3).
   */
  void invalidateOwn(Mm mm, String role, int lo, int hi) {
    for (Dmirror d : mirrors) {
      if (d.mm() == mm) {
        // dmirror_devmem_fault reaches its dmirror through the page's zone_device_data, which
        // dmirror_fops_release does not clear: before the upstream fix ("lib: test_hmm: evict device
        // pages on file close to avoid use-after-free", 2026) a CPU fault after close used the
        // freed dmirror (S9)
        mm.ghost().containerUsed(d.notifier().ghost(), role + " locks " + d.name() + "->mutex");
        d.lock().lock(role + ":lock");
        d.dmirror().teardown(role, lo, hi);
        d.lock().unlock(role + ":unlock");
      }
    }
  }

  /**
   * {@code dmirror_devmem_fault}: a CPU fault on one of this device's private pages migrates it back
   * to a new system frame (owner-filtered MIGRATE, so the driver invalidates its own mappings itself).
   */
  @Override
  public int migrateToRam(Mm mm, String role, int v) {
    String r = role + "/migrate_to_ram";
    MigrateVma m = MigrateVma.setup(mm, r, v, v + 1, id, true);
    if (!m.anyCollected()) {
      if (m.busyFrame() >= 0) {
        // do_swap_page could not lock the page and retries the fault; the model sleeps until the
        // holder unlocks it instead of spinning (the same under any fair schedule)
        mem.waitPageUnlocked(r + ":wait_on_page_locked", m.busyFrame());
      }
      return 0;
    }
    if (!mut.has(Mutation.M28)) { // M28: undoes hmm.rst's migration step 3 (invalidate before the copy)
      invalidateOwn(mm, r, v, v + 1);
    }
    m.allocAndCopy(r + ":copy_highpage", v, PhysMem.SYSTEM, m.srcWrite(v));
    m.pages();
    if (mut.has(Mutation.M28)) {
      invalidateOwn(mm, r, v, v + 1); // M28: dmirror's finalize_and_map order (invalidate after copy)
    }
    m.finalizeMigration();
    return 0;
  }

  /**
   * {@code HMM_DMIRROR_RELEASE} ({@code dmirror_device_evict_chunk}): migrates every page of
   * {@code mm} that lives in this device's memory back to system memory.
   */
  public void evict(Mm mm) {
    String role = "evict";
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    for (int v = 0; v < mm.pages(); v++) {
      int page = v;
      String label = role + ":find_device_page";
      boolean mine = mm.underPtl(label, () -> {
        Pte pte = mm.pt().get(label, page);
        return pte.kind() == Pte.Kind.DEVICE_PRIVATE && mem.zone(pte.frame()) == id;
      });
      if (mine) {
        migrateToRam(mm, role, v);
      }
    }
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }

  @Override
  public String toString() {
    return name;
  }
}

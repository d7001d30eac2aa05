package dev.mirrorcheck.mm;

import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import java.util.Arrays;

/**
 * {@code struct migrate_vma} and its three phases ({@code mm/migrate_device.c}): {@link #setup}
 * collects and unmaps the source pages into migration entries under a MIGRATE invalidation tagged with
 * the owner, the caller allocates and copies destinations ({@link #setDst}), {@link #pages} moves the
 * page flags and {@link #finalizeMigration} replaces the migration entries and releases the sources.
 * The caller holds {@code mmap_lock} for read. The arrays are the caller's own (actor-private).
 */
public final class MigrateVma {
  private final Mm mm;
  private final String role;
  private final int start;
  private final int end;
  private final int[] src;
  private final boolean[] srcWrite;
  private final int[] dst;
  private final boolean[] dstWrite;

  private MigrateVma(Mm mm, String role, int start, int end) {
    this.mm = mm;
    this.role = role;
    this.start = start;
    this.end = end;
    src = new int[end - start];
    dst = new int[end - start];
    srcWrite = new boolean[end - start];
    dstWrite = new boolean[end - start];
    Arrays.fill(src, -1);
    Arrays.fill(dst, -1);
  }

  /**
   * {@code migrate_vma_setup}: collects present system pages (or, with {@code devicePrivate}, the
   * device-private pages of {@code owner}), locks them and installs migration entries, moving the
   * hardware dirty bit to the page and flushing the TLB under the PTL ("mm/migrate_device.c: flush TLB while holding PTL").
   */
  public static MigrateVma setup(Mm mm, String role, int start, int end, int owner,
      boolean devicePrivate) {
    MigrateVma m = new MigrateVma(mm, role, start, end);
    NotifierRange r = NotifierRange.owned(start, end, NotifierEvent.MIGRATE, owner);
    mm.invalidateRangeStart(role, r);
    String label = role + ":migrate_vma_collect";
    mm.underPtl(label, () -> {
      PhysMem mem = mm.mem();
      for (int v = start; v < end; v++) {
        Pte pte = mm.pt().get(label, v);
        boolean wanted = devicePrivate
            ? pte.kind() == Pte.Kind.DEVICE_PRIVATE && mem.zone(pte.frame()) == owner
            : pte.isPresent() && pte.frame() != PhysMem.ZERO_PAGE
                && mem.zone(pte.frame()) == PhysMem.SYSTEM;
        if (!wanted || !mem.trylockPageInStep(label, pte.frame())) {
          continue;
        }
        if (pte.dirty()) {
          mem.setPageDirtyInStep(label, pte.frame()); // "copy pte dirty bit to page" ("mm/migrate_device.c: flush TLB while holding PTL" batch)
        }
        mem.mapcountAdd(label, pte.frame(), -1);
        m.src[v - start] = pte.frame();
        m.srcWrite[v - start] = pte.writable();
        mm.setPte(label, v, pte, Pte.migration(pte.frame(), pte.writable()));
        mm.ghost().migrationEntry(mm.id(), v, pte.frame(), owner);
      }
      mm.flushTlbInStep(role + ":flush_tlb", start, end);
    });
    mm.invalidateRangeEnd(role, r);
    return m;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  /** The collected source frame of page {@code v}, or -1 ({@code MIGRATE_PFN_MIGRATE} clear). */
  public int src(int v) {
    return src[v - start];
  }

  public boolean srcWrite(int v) {
    return srcWrite[v - start];
  }

  public boolean anyCollected() {
    for (int s : src) {
      if (s >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The driver's destination for page {@code v} ({@code args->dst}). */
  public void setDst(int v, int frame, boolean writable) {
    dst[v - start] = frame;
    dstWrite[v - start] = writable;
  }

  public int dst(int v) {
    return dst[v - start];
  }

  public boolean dstWrite(int v) {
    return dstWrite[v - start];
  }

  /**
   * Allocates a frame in {@code zone} with a copy of the source and records it as the destination:
   * the copy step ({@code copy_highpage}), reported as {@code Copy(src -> dst)}.
   */
  public int allocAndCopy(String label, int v, int zone, boolean writable) {
    PhysMem mem = mm.mem();
    int p = src(v);
    int q = Steps.atomic(mm.sync(), label, () -> {
      int f = mem.allocInStep(label, zone, () -> mem.read(label, p));
      if (f >= 0) {
        mm.ghost().copy(p, f);
      }
      return f;
    });
    if (q >= 0) {
      setDst(v, q, writable);
    }
    return q;
  }

  /** {@code migrate_vma_pages}: moves the dirty flag to the destination ({@code folio_migrate_flags}). */
  public void pages() {
    PhysMem mem = mm.mem();
    for (int v = start; v < end; v++) {
      int p = src(v);
      int q = dst(v);
      if (p >= 0 && q >= 0) {
        String label = role + ":migrate_folio";
        mm.sync().atomic(label, () -> {
          if (mem.isDirty(label, p)) {
            mem.setPageDirtyInStep(label, q);
          }
        });
      }
    }
  }

  /**
   * {@code migrate_vma_finalize}: replaces each migration entry by the destination (device-private or
   * present, clean) or restores the source, then unlocks the sources and drops the migrated ones,
   * which frees them. A destination whose entry vanished meanwhile (a racing zap) is dropped.
   */
  public void finalizeMigration() {
    PhysMem mem = mm.mem();
    String label = role + ":remove_migration_ptes";
    boolean[] remapped = mm.underPtl(label, () -> {
      boolean[] done = new boolean[end - start];
      for (int v = start; v < end; v++) {
        int p = src(v);
        if (p < 0) {
          continue;
        }
        Pte cur = mm.pt().get(label, v);
        if (!cur.equals(Pte.migration(p, srcWrite(v)))) {
          continue;
        }
        int q = dst(v);
        Pte now;
        if (q < 0) {
          now = Pte.present(p, srcWrite(v), false);
          mem.mapcountAdd(label, p, 1);
        } else {
          now = mem.zone(q) == PhysMem.SYSTEM ? Pte.present(q, dstWrite(v), false)
              : Pte.devicePrivate(q, dstWrite(v));
          mem.mapcountAdd(label, q, 1);
        }
        mm.setPte(label, v, cur, now);
        done[v - start] = true;
      }
      return done;
    });
    for (int v = start; v < end; v++) {
      int p = src(v);
      if (p < 0) {
        continue;
      }
      int q = dst(v);
      mem.unlockPage(role + ":unlock_page", p);
      if (q >= 0 || !remapped[v - start]) {
        mem.putPage(role + ":put_page", p);
      }
      if (q >= 0 && !remapped[v - start]) {
        mem.putPage(role + ":put_page", q);
      }
    }
  }

  /**
   * Kernel page migration of one system page (compaction, NUMA): no owner, so every mirror
   * invalidates; copies to a new system frame. Takes {@code mmap_lock} for read.
   */
  public static void migratePage(Mm mm, int v) {
    String role = "migrate";
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    MigrateVma m = setup(mm, role, v, v + 1, dev.mirrorcheck.notifier.NotifierRange.NO_OWNER, false);
    if (m.src(v) >= 0) {
      m.allocAndCopy(role + ":copy_highpage", v, PhysMem.SYSTEM, m.srcWrite(v));
    }
    m.pages();
    m.finalizeMigration();
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }
}

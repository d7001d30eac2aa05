package dev.mirrorcheck.mm;

import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code struct migrate_vma} and its three phases ({@code mm/migrate_device.c}): {@link #setup}
 * collects and unmaps the source pages into migration entries under a MIGRATE invalidation tagged with
 * the owner, and unmaps every other mapping of them through the rmap ({@code try_to_migrate}); the
 * caller allocates and copies destinations ({@link #allocAndCopy}), {@link #pages} moves the page
 * flags and {@link #finalizeMigration} replaces every migration entry ({@code remove_migration_ptes})
 * and releases the sources. Only private anonymous pages migrate. The caller holds {@code mmap_lock}
 * for read. The arrays are the caller's own (actor-private).
 */
public final class MigrateVma {
  private final Mm mm;
  private final String role;
  private final int start;
  private final int end;
  private final int owner;
  private final int[] src;
  private final boolean[] srcWrite;
  private final int[] dst;
  private final boolean[] dstWrite;
  /** Per page: the migration entries that hold a reference to the source (the rmap). */
  private final List<List<Entry>> entries;
  /** A source page {@code setup} could not lock, or -1. */
  private int busy = -1;

  /** One migration entry installed for a source page: where, and what it replaced. */
  private static final class Entry {
    final Mm mm;
    final int v;
    final Pte replaced;

    Entry(Mm mm, int v, Pte replaced) {
      this.mm = mm;
      this.v = v;
      this.replaced = replaced;
    }
  }

  private MigrateVma(Mm mm, String role, int start, int end, int owner) {
    this.mm = mm;
    this.role = role;
    this.start = start;
    this.end = end;
    this.owner = owner;
    src = new int[end - start];
    dst = new int[end - start];
    srcWrite = new boolean[end - start];
    dstWrite = new boolean[end - start];
    Arrays.fill(src, -1);
    Arrays.fill(dst, -1);
    entries = new ArrayList<>();
    for (int i = start; i < end; i++) {
      entries.add(new ArrayList<>());
    }
  }

  /**
   * {@code migrate_vma_setup}: collects present system pages of private anonymous VMAs (or, with
   * {@code devicePrivate}, the device-private pages of {@code owner}), locks them and installs
   * migration entries, moving the hardware dirty bit to the page and flushing the TLB under the PTL
   * ("mm/migrate_device.c: flush TLB while holding PTL"); then ({@code migrate_vma_unmap}) unmaps
   * the pages from every other address space that maps them and gives up on a page that something
   * else still references ({@code migrate_vma_check_page}), restoring its entries.
   */
  public static MigrateVma setup(Mm mm, String role, int start, int end, int owner,
      boolean devicePrivate) {
    MigrateVma m = new MigrateVma(mm, role, start, end, owner);
    NotifierRange r = NotifierRange.owned(start, end, NotifierEvent.MIGRATE, owner);
    mm.invalidateRangeStart(role, r);
    String label = role + ":migrate_vma_collect";
    boolean[] shared = mm.underPtl(label, () -> {
      PhysMem mem = mm.mem();
      boolean[] others = new boolean[end - start];
      for (int v = start; v < end; v++) {
        Pte pte = mm.pt().get(label, v);
        Vma vma = mm.vmas().get(label, v);
        boolean wanted = devicePrivate
            ? pte.kind() == Pte.Kind.DEVICE_PRIVATE && mem.zone(pte.frame()) == owner
            : pte.isPresent() && pte.frame() != PhysMem.ZERO_PAGE
                && mem.zone(pte.frame()) == PhysMem.SYSTEM && vma != null && !vma.shared();
        if (!wanted) {
          continue;
        }
        if (!mem.trylockPageInStep(label, pte.frame())) {
          m.busy = pte.frame();
          continue;
        }
        m.src[v - start] = pte.frame();
        m.srcWrite[v - start] = pte.writable();
        m.migrationEntryInStep(label, mm, v, pte, owner);
        others[v - start] = mem.mapcount(label, pte.frame()) > 0;
      }
      mm.flushTlbInStep(role + ":flush_tlb", start, end);
      return others;
    });
    mm.invalidateRangeEnd(role, r);
    for (int v = start; v < end; v++) {
      if (m.src(v) >= 0) {
        m.unmapOthers(v, shared[v - start]);
      }
    }
    return m;
  }

  /**
   * Replaces {@code pte} at page {@code v} of {@code where} by a migration entry inside the caller's
   * PTL step; the entry keeps the mapping's reference to the page.
   */
  private void migrationEntryInStep(String label, Mm where, int v, Pte pte, int entryOwner) {
    PhysMem mem = where.mem();
    if (pte.dirty()) {
      mem.setPageDirtyInStep(label, pte.frame()); // "copy pte dirty bit to page" ("mm/migrate_device.c: flush TLB while holding PTL" batch)
    }
    mem.mapcountAdd(label, pte.frame(), -1);
    where.setPte(label, v, pte, Pte.migration(pte.frame(), pte.writable()));
    where.ghost().migrationEntry(where.id(), v, pte.frame(), entryOwner);
    entries.get(indexOf(pte.frame())).add(new Entry(where, v, pte));
  }

  private int indexOf(int frame) {
    for (int i = 0; i < src.length; i++) {
      if (src[i] == frame) {
        return i;
      }
    }
    throw new IllegalStateException("frame " + frame + " is not being migrated");
  }

  /**
   * {@code try_to_migrate} over the rmap of page {@code v}'s source when other address spaces (a
   * fork child) still map it, each under its own CLEAR invalidation; then
   * {@code migrate_vma_check_page}: every reference must be a migration entry's, or the page stays.
   */
  private void unmapOthers(int v, boolean mappedElsewhere) {
    int p = src(v);
    PhysMem mem = mm.mem();
    if (mappedElsewhere) {
      for (Mm other : mem.mms()) {
        for (int u : mappingsOf(other, p)) {
          NotifierRange r = NotifierRange.of(u, u + 1, NotifierEvent.CLEAR);
          other.invalidateRangeStart(role + "/try_to_migrate", r);
          String label = role + ":try_to_migrate";
          other.underPtl(label, () -> {
            Pte pte = other.pt().get(label, u);
            if (mapsFrame(pte, p)) {
              migrationEntryInStep(label, other, u, pte, NotifierRange.NO_OWNER);
              other.flushTlbInStep(role + ":flush_tlb", u, u + 1);
            }
          });
          other.invalidateRangeEnd(role + "/try_to_migrate", r);
        }
      }
    }
    String label = role + ":migrate_vma_check_page";
    boolean pinned = Steps.atomic(mm.sync(), label, () ->
        mem.refcount(label, p) != entries.get(v - start).size() || mem.mapcount(label, p) != 0);
    if (pinned) {
      finishPage(v); // no destination: every entry is restored
      src[v - start] = -1;
    }
  }

  /** The pages of {@code where} that map {@code frame}, read under its PTL (the rmap walk). */
  private int[] mappingsOf(Mm where, int frame) {
    String label = role + ":rmap_walk";
    return where.underPtl(label, () -> {
      int[] found = new int[where.pages()];
      int n = 0;
      for (int u = 0; u < where.pages(); u++) {
        if (mapsFrame(where.pt().get(label, u), frame)) {
          found[n++] = u;
        }
      }
      return Arrays.copyOf(found, n);
    });
  }

  private static boolean mapsFrame(Pte pte, int frame) {
    return (pte.isPresent() || pte.kind() == Pte.Kind.DEVICE_PRIVATE) && pte.frame() == frame;
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

  /** A source page that was locked by someone else, so {@code setup} skipped it; or -1. */
  public int busyFrame() {
    return busy;
  }

  public int dst(int v) {
    return dst[v - start];
  }

  /** Whether the driver made the destination of page {@code v} writable ({@code MIGRATE_PFN_WRITE}). */
  public boolean dstWrite(int v) {
    return dstWrite[v - start];
  }

  /**
   * Allocates a frame in {@code zone} with a copy of the source and records it as the destination:
   * the copy step ({@code copy_highpage}), reported as {@code Copy(src -> dst)}. The destination is
   * locked until {@link #finalizeMigration} (the driver's {@code lock_page(dpage)}), so a CPU fault
   * on its new entry waits for the migration to finish instead of migrating it back half-done.
   */
  public int allocAndCopy(String label, int v, int zone, boolean writable) {
    PhysMem mem = mm.mem();
    int p = src(v);
    int q = Steps.atomic(mm.sync(), label, () -> {
      int f = mem.allocInStep(label, zone, () -> mem.read(label, p));
      mem.trylockPageInStep(label, f);
      mm.ghost().copy(p, f);
      return f;
    });
    dst[v - start] = q;
    dstWrite[v - start] = writable;
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
   * {@code migrate_vma_finalize}: replaces each page's migration entries, in every address space, by
   * the destination (device-private or present, clean, writable as the entry was) or restores the
   * source, then unlocks the sources and drops the migrated ones, which frees them. An entry that
   * vanished meanwhile (a racing zap) just releases its reference.
   */
  public void finalizeMigration() {
    for (int v = start; v < end; v++) {
      if (src(v) >= 0) {
        finishPage(v);
      }
    }
  }

  /**
   * Ends page {@code v}'s migration: its entries go to the destination (or back to the source when
   * there is none), the source is unlocked, and the references that no mapping holds any more are
   * dropped: a migrated source's, a vanished entry's, and the destination's allocation reference.
   */
  private void finishPage(int v) {
    int p = src(v);
    int q = dst(v);
    int kept = removeMigrationPtes(v);
    PhysMem mem = mm.mem();
    if (q >= 0) {
      // the allocation's reference goes before the unlock (the kernel drops it right after): a CPU
      // fault in between would only find the page pinned and retry, which the model would spin on
      mem.putPage(role + ":put_page", q);
    }
    mem.unlockPage(role + ":unlock_page", p);
    if (q >= 0) {
      mem.unlockPage(role + ":unlock_page", q);
    }
    int held = entries.get(v - start).size();
    for (int i = q >= 0 ? 0 : kept; i < held; i++) {
      mem.putPage(role + ":put_page", p);
    }
  }

  /**
   * {@code remove_migration_ptes} for page {@code v}'s source: one PTL step per address space holding
   * its entries. Returns how many entries were still in place.
   */
  private int removeMigrationPtes(int v) {
    int p = src(v);
    int q = dst(v);
    PhysMem mem = mm.mem();
    List<Entry> list = entries.get(v - start);
    int kept = 0;
    List<Mm> done = new ArrayList<>();
    for (Entry first : list) {
      if (done.contains(first.mm)) {
        continue;
      }
      done.add(first.mm);
      Mm where = first.mm;
      String label = role + ":remove_migration_ptes";
      kept += where.underPtl(label, () -> {
        int n = 0;
        for (Entry e : list) {
          if (e.mm != where) {
            continue;
          }
          Pte cur = where.pt().get(label, e.v);
          if (!cur.equals(Pte.migration(p, e.replaced.writable()))) {
            continue;
          }
          Pte now;
          if (q < 0) {
            now = e.replaced.withDirty(false);
            mem.mapcountAdd(label, p, 1);
          } else {
            now = mem.zone(q) == PhysMem.SYSTEM ? Pte.present(q, e.replaced.writable(), false)
                : Pte.devicePrivate(q, e.replaced.writable());
            mem.mapcountAdd(label, q, 1);
            mem.getPage(label, q);
          }
          where.setPte(label, e.v, cur, now);
          n++;
        }
        return n;
      });
    }
    return kept;
  }

  /** The owner the MIGRATE invalidation carried. */
  public int owner() {
    return owner;
  }

  /**
   * Kernel page migration of one anonymous system page (compaction, NUMA): no owner, so every mirror
   * invalidates; copies to a new system frame. Takes {@code mmap_lock} for read.
   */
  public static void migratePage(Mm mm, int v) {
    String role = "migrate";
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    MigrateVma m = setup(mm, role, v, v + 1, NotifierRange.NO_OWNER, false);
    if (m.src(v) >= 0) {
      m.allocAndCopy(role + ":copy_highpage", v, PhysMem.SYSTEM, m.srcWrite(v));
    }
    m.pages();
    m.finalizeMigration();
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }
}

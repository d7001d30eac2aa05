package dev.mirrorcheck.mm;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;

/**
 * A file (or shmem object) and its {@code address_space}: the page cache (frame per file page, or -1),
 * the on-disk content, and the reverse map of address spaces that map it.
 */
public final class File {
  private final Sync sync;
  private final PhysMem mem;
  private final String name;
  private final IntArray cache;
  private final IntArray disk;
  private final RefCell<ImmutableList<Mm>> mappers;

  public File(PhysMem mem, String name, int pages) {
    this.sync = mem.sync();
    this.mem = mem;
    this.name = name;
    this.cache = sync.newIntArray(name + ".i_pages", pages, -1);
    this.disk = sync.newIntArray(name + ".disk", pages, 0);
    this.mappers = sync.newRef(name + ".i_mmap", ImmutableList.of());
  }

  public String name() {
    return name;
  }

  public PhysMem mem() {
    return mem;
  }

  public int pages() {
    return cache.length();
  }

  /** On-disk content ({@code pread} after writeback); also settable during set-up. */
  public IntArray disk() {
    return disk;
  }

  /** The page-cache frame of {@code idx}, or -1. */
  public IntArray cache() {
    return cache;
  }

  /** The address spaces mapping this file ({@code i_mmap}). */
  public RefCell<ImmutableList<Mm>> mappers() {
    return mappers;
  }

  void addMapperInStep(String label, Mm mm) {
    ImmutableList<Mm> cur = mappers.get(label);
    if (!cur.contains(mm)) {
      mappers.set(label, ImmutableList.<Mm>builder().addAll(cur).add(mm).build());
    }
  }

  /** {@code pread} of file page {@code idx}: the page cache if cached, else the disk. */
  public int pread(String label, int idx) {
    return Steps.atomic(sync, label, () -> {
      int p = cache.get(label, idx);
      return p >= 0 ? mem.read(label, p) : disk.get(label, idx);
    });
  }

  /**
   * {@code filemap_fault} lookup: the cached frame with a reference taken, reading it from disk into a
   * new frame on a miss. One step (the {@code i_pages} lock).
   */
  public int findOrRead(String label, int idx) {
    return Steps.atomic(sync, label, () -> {
      int p = cache.get(label, idx);
      if (p >= 0) {
        mem.getPage(label, p);
        return p;
      }
      int q = mem.allocInStep(label, PhysMem.SYSTEM, () -> disk.get(label, idx));
      cache.set(label, idx, q);
      mem.getPage(label, q); // the page cache's reference plus the caller's
      return q;
    });
  }

  /** {@code find_get_page}: the cached frame with a reference, or -1. */
  public int findGet(String label, int idx) {
    return Steps.atomic(sync, label, () -> {
      int p = cache.get(label, idx);
      if (p >= 0) {
        mem.getPage(label, p);
      }
      return p;
    });
  }

  /**
   * {@code __remove_mapping}: drops {@code frame} from the cache if it is clean and only the cache
   * and the caller hold it. One step. Returns whether it was removed.
   */
  public boolean removeIfClean(String label, int idx, int frame) {
    return Steps.atomic(sync, label, () -> {
      if (mem.isDirty(label, frame) || mem.refcount(label, frame) != 2
          || cache.get(label, idx) != frame) {
        return false;
      }
      cache.set(label, idx, -1);
      mem.putPageInStep(label, frame);
      return true;
    });
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.mm;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.function.IntSupplier;

/**
 * Physical memory: {@code struct page} state for every frame. Frame 0 is the shared zero page, then
 * come the system frames, then each device's private frames. A frame's {@code owner} cell holds its
 * allocation generation, positive while allocated and negated once freed, so a translation that
 * recorded the generation can tell a reused frame from the one it mapped.
 */
public final class PhysMem {
  /** The zone of ordinary system memory. */
  public static final int SYSTEM = -1;
  /** {@code ZERO_PAGE(0)}: never freed, never written. */
  public static final int ZERO_PAGE = 0;

  private final Sync sync;
  private final Ghost ghost;
  private final int[] zone;
  private final IntArray owner;
  private final IntArray refcount;
  private final IntArray mapcount;
  private final IntArray dirty;
  private final IntArray content;
  private final IntArray locked;
  private final WaitQueue pageWq;
  private final DevicePagemapOps[] pagemaps;
  /** Every address space using this memory: the rmap walks of migration look through them. */
  private final java.util.List<Mm> mms = new java.util.ArrayList<>();
  /** Devices that may register a pagemap (with or without private memory). */
  public static final int MAX_DEVICES = 8;

  /**
   * @param systemFrames ordinary frames besides the zero page
   * @param deviceFrames private frames of device 0, 1, ... (its zone id is its index)
   */
  public PhysMem(Sync sync, int systemFrames, int... deviceFrames) {
    this.sync = sync;
    int n = 1 + systemFrames;
    for (int d : deviceFrames) {
      n += d;
    }
    zone = new int[n];
    int f = 1 + systemFrames;
    java.util.Arrays.fill(zone, 0, f, SYSTEM);
    for (int d = 0; d < deviceFrames.length; d++) {
      for (int i = 0; i < deviceFrames[d]; i++) {
        zone[f++] = d;
      }
    }
    this.ghost = new Ghost(sync, n);
    owner = sync.newIntArray("page.owner", n, 0);
    refcount = sync.newIntArray("page.refcount", n, 0);
    mapcount = sync.newIntArray("page.mapcount", n, 0);
    dirty = sync.newIntArray("page.dirty", n, 0);
    content = sync.newIntArray("page.content", n, 0);
    locked = sync.newIntArray("page.locked", n, 0);
    pageWq = sync.newWaitQueue("page_waitqueue");
    pagemaps = new DevicePagemapOps[MAX_DEVICES];
    owner.poke(ZERO_PAGE, 1);
    refcount.poke(ZERO_PAGE, 1);
  }

  public Sync sync() {
    return sync;
  }

  public Ghost ghost() {
    return ghost;
  }

  public int frames() {
    return zone.length;
  }

  /** {@link #SYSTEM} or the id of the device owning this private frame. */
  public int zone(int frame) {
    return zone[frame];
  }

  /** Registers device {@code dev}'s {@code dev_pagemap_ops} (set-up only). */
  public void setPagemap(int dev, DevicePagemapOps ops) {
    pagemaps[dev] = Preconditions.checkNotNull(ops);
  }

  /** Registers an address space (set-up: its constructor does it). */
  void addMm(Mm mm) {
    Preconditions.checkState(sync.currentActor() == null, "address spaces are created at set-up");
    mms.add(mm);
  }

  /** The address spaces using this memory, in creation order. */
  java.util.List<Mm> mms() {
    return java.util.Collections.unmodifiableList(mms);
  }

  public DevicePagemapOps pagemap(int dev) {
    return Preconditions.checkNotNull(pagemaps[dev], "device %s has no pagemap", dev);
  }

  // ------------------------------------------------------------------ allocation

  /**
   * {@code alloc_page}: one step taking the lowest free frame of {@code zoneId} (zone lock section),
   * with refcount 1 and content from {@code init}. A zone of the model is far smaller than a real
   * machine's, so running out of it is a bound of the model, not an {@code -ENOMEM} the protocol
   * must handle: the execution ends as a bound hit (see {@link Sync#boundReached}).
   */
  public int alloc(String label, int zoneId, IntSupplier init) {
    return Steps.atomic(sync, label, () -> allocInStep(label, zoneId, init));
  }

  /** {@link #alloc} inside the caller's step. */
  public int allocInStep(String label, int zoneId, IntSupplier init) {
    int f = tryAllocInStep(label, zoneId, init);
    if (f < 0) {
      outOf(label, zoneId);
    }
    return f;
  }

  private void outOf(String label, int zoneId) {
    int n = 0;
    for (int f = 0; f < zone.length; f++) {
      if (zone[f] == zoneId) {
        n++;
        owner.get(label, f); // the exhaustion depends on every frame of the zone being in use
      }
    }
    String what = zoneId == SYSTEM
        ? "out of system frames (frames: " + (n - 1) + ") at " + label + "; raise 'frames'"
        : "out of device " + zoneId + "'s private frames (device-frames: " + n + ") at " + label
            + "; raise 'device-frames'";
    if (sync.currentActor() == null) {
      throw new IllegalStateException(what);
    }
    sync.boundReached(what);
  }

  /** The lowest free frame of {@code zoneId}, allocated inside the caller's step, or -1. */
  private int tryAllocInStep(String label, int zoneId, IntSupplier init) {
    for (int f = 1; f < zone.length; f++) {
      if (zone[f] != zoneId || owner.peek(f) > 0) {
        continue;
      }
      int prev = owner.get(label, f);
      int gen = Math.abs(prev) + 1;
      owner.set(label, f, gen);
      refcount.set(label, f, 1);
      mapcount.set(label, f, 0);
      dirty.set(label, f, 0);
      content.set(label, f, init.getAsInt());
      ghost.alloc(f, gen, prev != 0);
      return f;
    }
    return -1;
  }

  /** {@code get_page}. */
  public void getPage(String label, int frame) {
    if (frame != ZERO_PAGE) {
      refcount.getAndAdd(label, frame, 1);
    }
  }

  /** {@code put_page}: one step; frees the frame when the last reference goes. */
  public void putPage(String label, int frame) {
    if (frame != ZERO_PAGE) {
      sync.atomic(label, () -> putPageInStep(label, frame));
    }
  }

  /** {@link #putPage} inside the caller's step. */
  public void putPageInStep(String label, int frame) {
    if (frame == ZERO_PAGE) {
      return;
    }
    int r = refcount.get(label, frame) - 1;
    Preconditions.checkState(r >= 0, "%s: put_page of free frame %s", label, frame);
    refcount.set(label, frame, r);
    if (r == 0) {
      int gen = owner.get(label, frame);
      owner.set(label, frame, -gen);
      ghost.free(frame, gen);
    }
  }

  /** Mapcount change inside the caller's step ({@code page_add/remove_rmap}). */
  public void mapcountAdd(String label, int frame, int delta) {
    if (frame != ZERO_PAGE) {
      mapcount.set(label, frame, mapcount.get(label, frame) + delta);
    }
  }

  // ------------------------------------------------------------------ flags and content

  /** {@code set_page_dirty}. */
  public void setPageDirty(String label, int frame) {
    sync.atomic(label, () -> setPageDirtyInStep(label, frame));
  }

  /** {@link #setPageDirty} inside the caller's step. */
  public void setPageDirtyInStep(String label, int frame) {
    if (frame != ZERO_PAGE) {
      dirty.set(label, frame, 1);
      ghost.setDirty(frame);
    }
  }

  /** {@code TestClearPageDirty} before writeback; a clean event when it was dirty. */
  public boolean testClearDirty(String label, int frame) {
    return Steps.atomic(sync, label, () -> {
      boolean d = dirty.get(label, frame) != 0;
      if (d) {
        dirty.set(label, frame, 0);
        ghost.clean(frame);
      }
      return d;
    });
  }

  public boolean isDirty(String label, int frame) {
    return dirty.get(label, frame) != 0;
  }

  public int read(String label, int frame) {
    return content.get(label, frame);
  }

  public void write(String label, int frame, int value) {
    content.set(label, frame, value);
  }

  public int refcount(String label, int frame) {
    return refcount.get(label, frame);
  }

  /** {@code page_mapcount}. */
  public int mapcount(String label, int frame) {
    return mapcount.get(label, frame);
  }

  // ------------------------------------------------------------------ page lock

  /** {@code lock_page}: sleeps while another holder has it. */
  public void lockPage(String label, int frame) {
    while (true) {
      pageWq.waitUntil(label, () -> locked.get(label, frame) == 0);
      if (locked.compareAndSet(label, frame, 0, 1)) {
        return;
      }
    }
  }

  /** {@code trylock_page} inside the caller's step. */
  public boolean trylockPageInStep(String label, int frame) {
    return locked.compareAndSet(label, frame, 0, 1);
  }

  /** {@code unlock_page}: wakes waiters (migration_entry_wait, lock_page). */
  public void unlockPage(String label, int frame) {
    locked.set(label, frame, 0);
    pageWq.wakeAll(label);
  }

  /** {@code migration_entry_wait}: sleeps until {@code frame} is unlocked. */
  public void waitPageUnlocked(String label, int frame) {
    pageWq.waitUntil(label, () -> locked.get(label, frame) == 0);
  }

  // ------------------------------------------------------------------ views for properties

  /** Allocation generation, positive while allocated; read with peek. */
  public IntArray ownerCells() {
    return owner;
  }

  public IntArray contentCells() {
    return content;
  }

  public IntArray dirtyCells() {
    return dirty;
  }

  public IntArray refcountCells() {
    return refcount;
  }

  public IntArray mapcountCells() {
    return mapcount;
  }

  /** Whether {@code frame} is allocated with generation {@code gen} (peek; for invariants). */
  public boolean liveAt(int frame, int gen) {
    return owner.peek(frame) == gen;
  }

  /** The current allocation generation of {@code frame} (peek). */
  public int generation(int frame) {
    return Math.abs(owner.peek(frame));
  }
}

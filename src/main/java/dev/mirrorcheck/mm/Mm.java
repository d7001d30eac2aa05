package dev.mirrorcheck.mm;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.notifier.Subscriptions;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code struct mm_struct}: one address space of {@code pages} virtual pages with its page table and
 * page-table lock, per-page VMAs, {@code mmap_lock}, a CPU TLB, swap slots, {@code mm_users} and its
 * mmu notifier subscriptions. VMA changes are published under the page-table lock as well as under
 * {@code mmap_lock} for write, so walkers that hold either see a consistent pair.
 */
public final class Mm {
  private final int id;
  private final String name;
  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final Mutations mut;
  private final RwSem mmapLock;
  private final Mutex ptl;
  private final RefArray<Pte> pt;
  private final RefArray<Vma> vmas;
  private final RefArray<Pte> tlb;
  private final IntArray swap;
  private final IntCell users;
  private final BoolCell unstable;
  private final Subscriptions notifier;
  private final Map<Class<?>, Object> attached = new IdentityHashMap<>();
  private boolean exitMmapLocked = true;

  /** A fresh address space with no mappings and one user (the process). */
  public Mm(PhysMem mem, Mutations mut, String name, int pages, int seqModulus) {
    Preconditions.checkArgument(pages >= 1, "an mm needs pages");
    this.sync = mem.sync();
    this.mem = mem;
    this.ghost = mem.ghost();
    this.mut = Preconditions.checkNotNull(mut);
    this.id = ghost.newMmId();
    this.name = name;
    this.mmapLock = sync.newRwSem(name + ".mmap_lock", true);
    this.ptl = sync.newMutex(name + ".ptl");
    this.pt = sync.newRefArray(name + ".pt", pages, Pte.NONE);
    this.vmas = sync.newRefArray(name + ".vma", pages, null);
    this.tlb = sync.newRefArray(name + ".tlb", pages, null);
    this.swap = sync.newIntArray(name + ".swap", pages, 0);
    this.users = sync.newInt(name + ".mm_users", 1);
    this.unstable = sync.newBool(name + ".MMF_UNSTABLE", false);
    this.notifier = new Subscriptions(sync, ghost, mut, id, name, seqModulus);
    mem.addMm(this);
  }

  public Mm(PhysMem mem, Mutations mut, String name, int pages) {
    this(mem, mut, name, pages, 0);
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public int pages() {
    return pt.length();
  }

  public Sync sync() {
    return sync;
  }

  public PhysMem mem() {
    return mem;
  }

  public Ghost ghost() {
    return ghost;
  }

  public Mutations mutations() {
    return mut;
  }

  public RwSem mmapLock() {
    return mmapLock;
  }

  public Mutex ptl() {
    return ptl;
  }

  /** {@code mm->notifier_subscriptions}. */
  public Subscriptions notifier() {
    return notifier;
  }

  /** The page table; read with peek outside the model. */
  public RefArray<Pte> pt() {
    return pt;
  }

  public RefArray<Vma> vmas() {
    return vmas;
  }

  /** The CPU TLB (cached translations of the CPUs running this mm). */
  public RefArray<Pte> tlb() {
    return tlb;
  }

  public IntArray swapSlots() {
    return swap;
  }

  public IntCell users() {
    return users;
  }

  /** {@code set_bit(MMF_UNSTABLE)} (__oom_reap_task_mm): the reaped contents are gone for good. */
  void markUnstable(String label) {
    unstable.set(label, true);
  }

  /**
   * {@code check_stable_address_space}, inside a fault's page-table-lock step: whether the OOM
   * reaper marked the mm unstable, so the fault must not map a fresh page (VM_FAULT_SIGBUS).
   */
  boolean unstableInStep(String label) {
    return unstable.get(label);
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Per-mm state of a core extension, such as {@code mm->hmm} of the 2015 HMM patchset, allocated
   * during set-up on first request; its run-time state lives in facade cells of the object itself.
   */
  public <T> T attachment(Class<T> type, Supplier<T> create) {
    Object o = attached.get(type);
    if (o == null) {
      Preconditions.checkState(sync.currentActor() == null, "%s attached after set-up", type);
      o = Preconditions.checkNotNull(create.get());
      attached.put(type, o);
    }
    return type.cast(o);
  }

  /**
   * Set-up only: this kernel's {@code exit_mmap} zaps without {@code mmap_lock}, as every kernel did
   * before v6.1 (the 2015 design runs on 4.2). By default it takes the lock for write, as today.
   */
  public void exitMmapWithoutMmapLock() {
    Preconditions.checkState(sync.currentActor() == null, "exit_mmap locking changed after set-up");
    exitMmapLocked = false;
  }

  /** Whether {@code exit_mmap} takes {@code mmap_lock} for write around its zap. */
  boolean exitMmapLocked() {
    return exitMmapLocked;
  }

  // ------------------------------------------------------------------ set-up (no actor runs yet)

  /** {@code mmap(MAP_PRIVATE|MAP_ANONYMOUS)} of pages {@code [start, end)} during set-up. */
  public Vma mmapAnon(int start, int end, boolean read, boolean write) {
    Vma v = Vma.anon(read, write);
    for (int i = start; i < end; i++) {
      vmas.set("setup:mmap", i, v);
    }
    return v;
  }

  /** Marks the VMA at {@code start} as mapped by one huge page (set-up). */
  public void setThp(int start, int end) {
    Vma v = vmas.peek(start).withThp(true);
    for (int i = start; i < end; i++) {
      vmas.set("setup:thp", i, v);
    }
  }

  /** {@code mmap(MAP_SHARED)} of {@code file} page {@code pgoff + v} at page v, during set-up. */
  public Vma mmapShared(File file, int start, int end, int pgoff, boolean read, boolean write) {
    Vma v = Vma.shared(file, pgoff, read, write);
    for (int i = start; i < end; i++) {
      vmas.set("setup:mmap", i, v);
    }
    sync.atomic("setup:i_mmap", () -> file.addMapperInStep("setup:i_mmap", this));
    return v;
  }

  /**
   * Set-up shortcut for a CPU write of {@code value} to an anonymous page: allocates a frame and maps
   * it writable and dirty, as a completed write fault would.
   */
  public int populate(int v, int value) {
    Preconditions.checkState(pt.peek(v).isNone(), "page %s already populated", v);
    int f = mem.alloc("setup:populate", PhysMem.SYSTEM, () -> value);
    sync.atomic("setup:populate", () -> mem.mapcountAdd("setup:populate", f, 1));
    pt.set("setup:populate", v, Pte.present(f, vmas.peek(v).write(), true));
    return f;
  }

  // ------------------------------------------------------------------ locking helpers

  /** {@code pte_offset_map_lock ... pte_unmap_unlock} around {@code body}, as one step. */
  public <T> T underPtl(String label, Supplier<T> body) {
    return Steps.locked(sync, ptl, label, body);
  }

  public void underPtl(String label, Runnable body) {
    Steps.locked(sync, ptl, label, body);
  }

  /** Changes {@code pt[v]} inside the caller's step, reporting the change to the ghost. */
  void setPte(String label, int v, Pte old, Pte now) {
    pt.set(label, v, now);
    ghost.pteChange(id, v, old, now);
  }

  /** {@code flush_tlb_range}, inside the caller's step (under the PTL, "mm/migrate_device.c: flush TLB while holding PTL"). */
  void flushTlbInStep(String label, int start, int end) {
    for (int v = start; v < end; v++) {
      if (tlb.get(label, v) != null) {
        tlb.set(label, v, null);
      }
    }
  }

  /** {@code mmget_not_zero}. */
  public boolean mmgetNotZero(String label) {
    // atomic_inc_not_zero: one atomic read-modify-write (its cmpxchg loop retries only on a race)
    return Steps.atomic(sync, label, () -> {
      int u = users.get(label);
      if (u == 0) {
        return false;
      }
      users.set(label, u + 1);
      ghost.mmGet(id);
      return true;
    });
  }

  /** {@code mmput}: the last user tears the address space down ({@code exit_mmap}). */
  public void mmput(String role) {
    put(role, false);
  }

  /** {@code exit_mm}'s {@code mmput}: the process drops its own reference. */
  void exitMmput(String role) {
    put(role, true);
  }

  private void put(String role, boolean exit) {
    int u = users.getAndAdd(role + ":mmput", -1);
    ghost.mmPut(id, u, exit); // S10: still the decrement's step, no operation in between
    if (u == 1) {
      Unmap.exitMmap(this, role);
    }
  }

  // ------------------------------------------------------------------ notifier

  public int invalidateRangeStart(String role, NotifierRange range) {
    return notifier.invalidateRangeStart(role, range);
  }

  public void invalidateRangeEnd(String role, NotifierRange range) {
    notifier.invalidateRangeEnd(role, range);
  }

  /** {@code mmu_notifier_register}: {@code mmap_write_lock}, then the hlist insertion. */
  public void mmuNotifierRegister(String role, MmuNotifier mn) {
    mmapLock.downWrite(role + ":mmap_write_lock");
    notifier.hlistAdd(role, mn);
    mmapLock.upWrite(role + ":mmap_write_unlock");
  }

  /** {@code mmu_notifier_unregister_no_release} + {@code synchronize_srcu}. */
  public void mmuNotifierUnregister(String role, MmuNotifier mn) {
    notifier.hlistRemove(role, mn);
  }

  // ------------------------------------------------------------------ zap

  /**
   * {@code zap_pte_range} plus the TLB flush, one PTL section: clears the entries of
   * {@code [start, end)}, moves hardware dirty bits to the pages, optionally detaches the VMAs, and
   * returns the frames whose mapping reference the caller must drop after the flush.
   */
  List<Integer> zapPtes(String role, int start, int end, boolean detachVmas) {
    String label = role + ":zap_pte_range";
    return underPtl(label, () -> {
      List<Integer> put = new ArrayList<>();
      for (int v = start; v < end; v++) {
        Pte old = pt.get(label, v);
        if (!old.isNone()) {
          if (old.mapsFrame()) { // zap_nonpresent_ptes: device-private and exclusive too
            if (old.dirty()) {
              mem.setPageDirtyInStep(label, old.frame());
            }
            mem.mapcountAdd(label, old.frame(), -1);
            put.add(old.frame());
          }
          setPte(label, v, old, Pte.NONE);
        }
        if (detachVmas) {
          vmas.set(role + ":detach_vma", v, null);
        }
      }
      flushTlbInStep(role + ":flush_tlb", start, end);
      return put;
    });
  }

  /** {@code tlb_finish_mmu}: drops the mapping references; frames may be freed here (include/linux/mmu_notifier.h). */
  void putPages(String role, List<Integer> frames) {
    for (int f : frames) {
      mem.putPage(role + ":put_page", f);
    }
  }
}

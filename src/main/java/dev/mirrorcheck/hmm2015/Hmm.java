package dev.mirrorcheck.hmm2015;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * {@code struct hmm} of one mm (HMM v9 05/15 "HMM: introduce heterogeneous memory management v4",
 * with the device-fault fields of 08/15 "HMM: add device page fault support v4"; the v10 posting
 * says only "minor fixes" and its text is lost, so v9 stands for it): the mirror list under
 * {@code rwsem}, {@code device_faults} with their {@code backoff} under the {@code lock} spinlock,
 * {@code ndevice_faults}, {@code wait_queue}, the reference count and the classic
 * {@code mmu_notifier} through which invalidations reach the mirrors.
 *
 * <p>The memory is allocated with the mm during set-up ({@link #of}); {@code mm->hmm} points to it
 * from the first mirror's {@code hmm_init} until {@code hmm_destroy}. The spinlock's critical
 * sections are single atomic steps, so the lock is folded into them. v9's {@code
 * hmm_mirror_register} reads {@code hmm_ref(hmm)} of its still-NULL local instead of {@code
 * mm->hmm}, so every registration would allocate a new {@code struct hmm}; the model follows the
 * evident intent (reuse {@code mm->hmm}), which differs only when a second mirror registers.
 */
public final class Hmm {
  /** Device faults that may be registered at once in one mm (backoff flags allocated up front). */
  public static final int MAX_DEVICE_FAULTS = 8;

  private final Mm mm;
  private final Sync sync;
  private final Ghost ghost;
  private final Mutations mut;
  private final RwSem rwsem;
  private final RefCell<ImmutableList<DeviceFault>> deviceFaults;
  private final IntCell ndeviceFaults;
  private final IntArray backoff;
  private final WaitQueue waitQueue;
  private final RefCell<ImmutableList<HmmMirror>> mirrors;
  private final IntCell kref;
  private final BoolCell attached;
  private final IntCell notifiers;
  private final MmuNotifier mn;

  private Hmm(Mm mm) {
    this.mm = mm;
    this.sync = mm.sync();
    this.ghost = mm.ghost();
    this.mut = mm.mutations();
    String name = mm.name() + ".hmm";
    rwsem = sync.newRwSem(name + ".rwsem", true);
    deviceFaults = sync.newRef(name + ".device_faults", ImmutableList.of());
    ndeviceFaults = sync.newInt(name + ".ndevice_faults", 0);
    backoff = sync.newIntArray(name + ".backoff", MAX_DEVICE_FAULTS, 0);
    waitQueue = sync.newWaitQueue(name + ".wait_queue");
    mirrors = sync.newRef(name + ".mirrors", ImmutableList.of());
    kref = sync.newInt(name + ".kref", 0);
    attached = sync.newBool(name + ".mm_hmm", false);
    notifiers = sync.newInt(name + ".notifiers", 0);
    mn = new MmuNotifier(name + ".mmu_notifier", new HmmNotifier(this), ghost);
    mm.notifier().trackActiveRanges(); // the HMM kernel carries 02/15 (active ranges)
    mm.exitMmapWithoutMmapLock(); // HMM v10 applies to 4.2-rc6, whose exit_mmap takes no mmap_sem
  }

  /** The mm's {@code struct hmm}, allocated during set-up. */
  public static Hmm of(Mm mm) {
    return mm.attachment(Hmm.class, () -> new Hmm(mm));
  }

  public Mm mm() {
    return mm;
  }

  Sync sync() {
    return sync;
  }

  Ghost ghost() {
    return ghost;
  }

  Mutations mutations() {
    return mut;
  }

  /** The registered device faults; read with peek. */
  public RefCell<ImmutableList<DeviceFault>> deviceFaultsCell() {
    return deviceFaults;
  }

  /** Number of registered device faults whose backoff is set (peek; for end checks). */
  public int backedOffPeek() {
    int n = 0;
    for (DeviceFault f : deviceFaults.peek()) {
      n += backoff.peek(f.slot());
    }
    return n;
  }

  /** The {@code backoff} flags of registered faults, indexed by {@link DeviceFault#slot()}. */
  public IntArray backoffSlots() {
    return backoff;
  }

  public IntCell ndeviceFaults() {
    return ndeviceFaults;
  }

  public RefCell<ImmutableList<HmmMirror>> mirrorsCell() {
    return mirrors;
  }

  /** {@code hmm->rwsem} (05/15): serialises the mirror list against {@code hmm_update}'s walk. */
  RwSem rwsem() {
    return rwsem;
  }

  /** Whether {@code mm->hmm} points to this {@code struct hmm}; read with peek. */
  public BoolCell attachedCell() {
    return attached;
  }

  public MmuNotifier mmuNotifier() {
    return mn;
  }

  // ------------------------------------------------------------------ mirror list (05/15)

  /** {@code hmm_mirror_register} (05/15) during set-up: {@code hmm_init} for the first mirror. */
  void addMirrorAtSetup(HmmMirror m) {
    if (!attached.peek()) {
      mm.notifier().hlistAddAtSetup(mn);
      attached.set("setup:hmm_init", true);
    }
    kref.set("setup:hmm_ref", kref.peek() + 1);
    mirrors.set("setup:hmm_add_mirror", plus(m, mirrors.peek()));
    m.dead().set("setup:hmm_add_mirror", false);
  }

  /**
   * {@code hmm_mirror_register} (05/15) at run time: under {@code mmap_sem} for write, {@code
   * hmm_init} ({@code __mmu_notifier_register}) unless {@code mm->hmm} is set, else {@code
   * hmm_ref}; then {@code hmm_add_mirror} puts the mirror at the head of the list under {@code
   * rwsem} for write.
   */
  void addMirror(String role, HmmMirror m) {
    mm.mmapLock().downWrite(role + ":mmap_write_lock");
    boolean init = Steps.atomic(sync, role + ":mm_hmm", () -> {
      String label = role + ":mm_hmm";
      boolean fresh = !attached.get(label);
      kref.set(label, fresh ? 1 : kref.get(label) + 1); // kref_init or hmm_ref
      return fresh;
    });
    if (init) {
      mm.notifier().hlistAdd(role, mn);
      attached.set(role + ":hmm_init", true);
    }
    rwsem.downWrite(role + ":hmm_rwsem_write");
    sync.atomic(role + ":hmm_add_mirror", () -> {
      String label = role + ":hmm_add_mirror";
      mirrors.set(label, plus(m, mirrors.get(label)));
      m.dead().set(label, false);
    });
    rwsem.upWrite(role + ":hmm_rwsem_unlock");
    mm.mmapLock().upWrite(role + ":mmap_write_unlock");
  }

  /**
   * The removal in {@code hmm_mirror_kill} (07/15): under {@code rwsem} for write, so it waits for
   * every {@code hmm_update} walking the list; returns whether {@code m} was still on it.
   */
  boolean removeMirror(String role, HmmMirror m) {
    rwsem.downWrite(role + ":hmm_rwsem_write");
    boolean removed = Steps.atomic(sync, role + ":hlist_del_init", () -> {
      String label = role + ":hlist_del_init";
      ImmutableList<HmmMirror> ms = mirrors.get(label);
      if (!ms.contains(m)) {
        return false;
      }
      mirrors.set(label, minus(ms, m));
      m.dead().set(label, true); // hmm_mirror_is_dead: hlist_unhashed(&mirror->mlist)
      return true;
    });
    rwsem.upWrite(role + ":hmm_rwsem_unlock");
    return removed;
  }

  /**
   * {@code hmm_unref} (05/15): the last reference runs {@code hmm_destroy}: under {@code mmap_sem}
   * for write {@code mm->hmm = NULL}, then {@code mmu_notifier_unregister_no_release} (the memory
   * goes with {@code mmu_notifier_call_srcu}, which the model needs not wait for).
   */
  void unref(String role) {
    if (kref.getAndAdd(role + ":hmm_unref", -1) != 1) {
      return;
    }
    mm.mmapLock().downWrite(role + ":mmap_write_lock");
    attached.set(role + ":hmm_destroy", false);
    mm.mmapLock().upWrite(role + ":mmap_write_unlock");
    mm.notifier().hlistRemoveNoRelease(role, mn);
  }

  // ------------------------------------------------------------------ device faults (08/15)

  /**
   * {@code hmm_device_fault_start} (08/15): {@code mmu_notifier_range_wait_valid}, then under the
   * spinlock registers the fault (backoff clear) if no active invalidation overlaps it, else {@code
   * -EAGAIN}.
   */
  int deviceFaultStart(String role, HmmMirror mirror, HmmEvent event) {
    if (mut.has(Mutation.M1)) {
      return deviceFaultStartValidFlag(role, mirror, event);
    }
    mm.notifier().rangeWaitValid(role, event.start(), event.end());
    if (mut.has(Mutation.M25)) {
      return 0; // M25: undoes hmm_device_fault_start: the fault never joins device_faults
    }
    boolean ok = Steps.atomic(sync, role + ":hmm_device_fault_start", () -> {
      String label = role + ":hmm_device_fault_start";
      if (!mm.notifier().rangeIsValidInStep(label, event.start(), event.end())) {
        return false;
      }
      registerInStep(label, mirror, event, false);
      return true;
    });
    waitQueue.wakeAll(role + ":wake_up");
    return ok ? 0 : Errno.EAGAIN;
  }

  /**
   * M1's registration, the 2019 {@code hmm_range_register} transplanted: wait until no invalidation
   * runs, then register with {@code valid = !hmm->notifiers} (backoff is the negated valid flag).
   */
  private int deviceFaultStartValidFlag(String role, HmmMirror mirror, HmmEvent event) {
    // M1: undoes 02/15's range tracking (the 2019 hmm_range->valid scheme instead; see HmmNotifier)
    waitQueue.waitUntil(role + ":hmm_range_wait_until_valid",
        () -> notifiers.get(role + ":read_notifiers") == 0);
    sync.atomic(role + ":hmm_range_register", () -> {
      String label = role + ":hmm_range_register";
      registerInStep(label, mirror, event, notifiers.get(label) != 0);
    });
    waitQueue.wakeAll(role + ":wake_up");
    return 0;
  }

  /** Adds {@code event} to {@code device_faults} with a free backoff slot, inside the step. */
  private void registerInStep(String label, HmmMirror mirror, HmmEvent event, boolean backedOff) {
    ImmutableList<DeviceFault> fs = deviceFaults.get(label);
    int slot = 0;
    while (slotUsed(fs, slot)) {
      slot++;
    }
    if (slot >= MAX_DEVICE_FAULTS) {
      throw new IllegalStateException("more than " + MAX_DEVICE_FAULTS + " device faults");
    }
    backoff.set(label, slot, backedOff ? 1 : 0);
    deviceFaults.set(label, plus(fs, new DeviceFault(mirror, event, slot)));
    ndeviceFaults.set(label, ndeviceFaults.get(label) + 1);
    event.setSlot(slot);
    ghost.deviceFaultStart(mirror.ghostMirror(), event, event.start(), event.end());
  }

  private static boolean slotUsed(ImmutableList<DeviceFault> fs, int slot) {
    for (DeviceFault f : fs) {
      if (f.slot() == slot) {
        return true;
      }
    }
    return false;
  }

  /** {@code hmm_device_fault_end} (08/15): the fault leaves {@code device_faults}; waiters look. */
  void deviceFaultEnd(String role, HmmMirror mirror, HmmEvent event) {
    if (mut.has(Mutation.M25)) {
      return; // M25: never registered (see deviceFaultStart)
    }
    sync.atomic(role + ":hmm_device_fault_end", () -> {
      String label = role + ":hmm_device_fault_end";
      deviceFaults.set(label, without(deviceFaults.get(label), event));
      ndeviceFaults.set(label, ndeviceFaults.get(label) - 1);
      event.setSlot(-1);
      ghost.deviceFaultEnd(mirror.ghostMirror(), event);
    });
    waitQueue.wakeAll(role + ":wake_up");
  }

  /** {@code event->backoff} (08/15), read locklessly. */
  boolean backoff(String role, HmmEvent event) {
    return Steps.atomic(sync, role + ":read_backoff",
        () -> backoffInStep(role + ":read_backoff", event));
  }

  /** {@code event->backoff} for the ghost, without a read of the model (peek). */
  boolean backoffPeek(HmmEvent event) {
    return event.slot() >= 0 && backoff.peek(event.slot()) != 0;
  }

  /** {@code event->backoff} inside the caller's step; false for an unregistered event. */
  boolean backoffInStep(String label, HmmEvent event) {
    return event.slot() >= 0 && backoff.get(label, event.slot()) != 0;
  }

  // ------------------------------------------------------------------ invalidation (07/15, 08/15)

  /**
   * {@code hmm_update} (07/15, 08/15): nothing once {@code mm->hmm} no longer points here;
   * otherwise invalidation takes precedence over device faults ({@code hmm_wait_device_fault}),
   * then, with {@code rwsem} held for read, every mirror's device and mirror page table are
   * updated. The device update never fails in the model, so the kill of a failing mirror is not
   * reached; the final {@code wake_up} changes no condition anyone sleeps on and is left out.
   */
  public void update(String role, HmmEvent event) {
    boolean live = mut.has(Mutation.M1) ? markInvalid(role, event) : waitDeviceFault(role, event);
    if (!live) {
      return; // "Is this hmm already fully stop ?"
    }
    rwsem.downRead(role + ":hmm_rwsem_read");
    ImmutableList<HmmMirror> ms = mirrors.get(role + ":hmm_mirrors");
    for (HmmMirror m : ms) {
      m.update(role, event);
    }
    rwsem.upRead(role + ":hmm_rwsem_unlock");
  }

  /**
   * {@code hmm_wait_device_fault} (08/15): sets {@code backoff} on every registered fault
   * overlapping {@code event} and sleeps until {@code ndevice_faults} changes, until no overlapping
   * fault is registered. Its first step also reads {@code mm->hmm} for {@code hmm_update}'s early
   * return (nothing another thread does between the two reads changes the outcome: {@code
   * hmm_destroy} runs only once no mirror, and so no registered fault, is left). Returns whether
   * this {@code struct hmm} is still the mm's.
   */
  private boolean waitDeviceFault(String role, HmmEvent event) {
    boolean first = true;
    while (true) {
      boolean check = first;
      int[] waitFor = {0};
      boolean live = Steps.atomic(sync, role + ":hmm_wait_device_fault", () -> {
        String label = role + ":hmm_wait_device_fault";
        if (check && !attached.get(label)) {
          return false;
        }
        waitFor[0] = setBackoffInStep(label, event);
        return true;
      });
      if (!live) {
        return false;
      }
      first = false;
      if (waitFor[0] == 0) {
        return true;
      }
      int n = waitFor[0];
      waitQueue.waitUntil(role + ":hmm_wait_device_fault_sleep",
          () -> ndeviceFaults.get(role + ":read_ndevice_faults") != n);
    }
  }

  /** Sets backoff on the faults overlapping {@code event}; ndevice_faults if any, else 0. */
  private int setBackoffInStep(String label, HmmEvent event) {
    int waitFor = 0;
    for (DeviceFault f : deviceFaults.get(label)) {
      if (f.event().overlaps(event.start(), event.end())) {
        if (backoff.get(label, f.slot()) == 0) {
          backoff.set(label, f.slot(), 1);
          ghost.deviceFaultBackoff(f.mirror().ghostMirror(), f.event());
        }
        waitFor = ndeviceFaults.get(label);
      }
    }
    return waitFor;
  }

  /** M1: {@code range->valid = false} on overlapping faults, without waiting for them. */
  private boolean markInvalid(String role, HmmEvent event) {
    // M1: undoes hmm_wait_device_fault's wait (the 2019 scheme never waits for faults)
    return Steps.atomic(sync, role + ":hmm_invalidate_range_start", () -> {
      String label = role + ":hmm_invalidate_range_start";
      if (!attached.get(label)) {
        return false;
      }
      setBackoffInStep(label, event);
      return true;
    });
  }

  /** M1 only: {@code hmm->notifiers++} at the start of every invalidation. */
  void notifiersInc(String role) {
    sync.atomic(role + ":hmm_notifiers_inc", () -> notifiers.set(role + ":hmm_notifiers_inc",
        notifiers.get(role + ":hmm_notifiers_inc") + 1));
  }

  /**
   * M1 only: {@code hmm_invalidate_range_end}: {@code hmm->notifiers--}; the last one marks every
   * registered fault valid again (backoff cleared) and wakes the waiters: the 2019 ABA.
   */
  void notifiersDec(String role) {
    sync.atomic(role + ":hmm_invalidate_range_end", () -> {
      String label = role + ":hmm_invalidate_range_end";
      int n = notifiers.get(label) - 1;
      notifiers.set(label, n);
      if (n == 0) {
        for (DeviceFault f : deviceFaults.get(label)) {
          backoff.set(label, f.slot(), 0);
        }
      }
    });
    waitQueue.wakeAll(role + ":wake_up");
  }

  /**
   * {@code hmm_notifier_release} (05/15, 07/15, 08/15), called by exit_mmap's {@code
   * mmu_notifier_release}: takes a reference (none left: {@code hmm_destroy} is under way, nothing
   * to do), then pops mirror after mirror off the list under {@code rwsem} and, with the lock
   * dropped, unmaps everything and calls {@code device->ops->release}. It waits for no registered
   * device fault and sets no {@code backoff}.
   */
  void release(String role) {
    boolean ref = Steps.atomic(sync, role + ":hmm_ref", () -> {
      int k = kref.get(role + ":hmm_ref");
      if (k == 0) {
        return false;
      }
      kref.set(role + ":hmm_ref", k + 1);
      return true;
    });
    if (!ref) {
      return;
    }
    while (true) {
      rwsem.downWrite(role + ":hmm_rwsem_write");
      HmmMirror m = Steps.atomic(sync, role + ":hlist_del_init", () -> {
        String label = role + ":hlist_del_init";
        ImmutableList<HmmMirror> ms = mirrors.get(label);
        if (ms.isEmpty()) {
          return null;
        }
        mirrors.set(label, minus(ms, ms.get(0)));
        ms.get(0).dead().set(label, true);
        return ms.get(0);
      });
      rwsem.upWrite(role + ":hmm_rwsem_unlock");
      if (m == null) {
        break;
      }
      m.unmapAndRelease(role);
    }
    unref(role);
  }

  // ------------------------------------------------------------------ list helpers

  /** {@code hlist_add_head}: {@code item} first. */
  static <T> ImmutableList<T> plus(T item, ImmutableList<T> list) {
    return ImmutableList.<T>builder().add(item).addAll(list).build();
  }

  /** {@code list_add_tail}: {@code item} last. */
  static <T> ImmutableList<T> plus(ImmutableList<T> list, T item) {
    return ImmutableList.<T>builder().addAll(list).add(item).build();
  }

  static <T> ImmutableList<T> minus(ImmutableList<T> list, T item) {
    ImmutableList.Builder<T> b = ImmutableList.builder();
    for (T t : list) {
      if (t != item) {
        b.add(t);
      }
    }
    return b.build();
  }

  private static ImmutableList<DeviceFault> without(ImmutableList<DeviceFault> list, HmmEvent e) {
    ImmutableList.Builder<DeviceFault> b = ImmutableList.builder();
    for (DeviceFault f : list) {
      if (f.event() != e) {
        b.add(f);
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return mm.name() + ".hmm";
  }
}

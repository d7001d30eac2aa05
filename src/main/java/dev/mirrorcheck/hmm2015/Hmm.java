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
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * {@code struct hmm} of one mm (HMM v9/v10): {@code device_faults} with their
 * {@code backoff}, {@code ndevice_faults}, {@code lock}, {@code wait_queue}, the mirror list and the
 * classic {@code mmu_notifier} through which invalidations reach the mirrors. Allocated with the mm
 * during set-up ({@link #of}); {@code mm->hmm} becomes non-NULL when the first mirror registers.
 */
public final class Hmm {
  /** Device faults that may be registered at once in one mm (backoff flags allocated up front). */
  public static final int MAX_DEVICE_FAULTS = 8;

  private final Mm mm;
  private final Sync sync;
  private final Ghost ghost;
  private final Mutations mut;
  private final Mutex lock;
  private final RefCell<ImmutableList<DeviceFault>> deviceFaults;
  private final IntCell ndeviceFaults;
  private final IntArray backoff;
  private final WaitQueue waitQueue;
  private final RefCell<ImmutableList<HmmMirror>> mirrors;
  private final BoolCell registered;
  private final IntCell notifiers;
  private final MmuNotifier mn;

  private Hmm(Mm mm) {
    this.mm = mm;
    this.sync = mm.sync();
    this.ghost = mm.ghost();
    this.mut = mm.mutations();
    String name = mm.name() + ".hmm";
    lock = sync.newMutex(name + ".lock");
    deviceFaults = sync.newRef(name + ".device_faults", ImmutableList.of());
    ndeviceFaults = sync.newInt(name + ".ndevice_faults", 0);
    backoff = sync.newIntArray(name + ".backoff", MAX_DEVICE_FAULTS, 0);
    waitQueue = sync.newWaitQueue(name + ".wait_queue");
    mirrors = sync.newRef(name + ".mirrors", ImmutableList.of());
    registered = sync.newBool(name + ".registered", false);
    notifiers = sync.newInt(name + ".notifiers", 0);
    mn = new MmuNotifier(name + ".mmu_notifier", new HmmNotifier(this));
    mm.notifier().trackActiveRanges(); // the HMM v10 kernel carries 02/15
  }

  /** {@code mm->hmm}: the mm's {@code struct hmm}, allocated during set-up. */
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

  public MmuNotifier mmuNotifier() {
    return mn;
  }

  // ------------------------------------------------------------------ mirror registration

  /** {@code hmm_mirror_register} during set-up: the first mirror registers the notifier. */
  void addMirrorAtSetup(HmmMirror m) {
    if (!registered.peek()) {
      mm.notifier().hlistAddAtSetup(mn);
      registered.set("setup:hmm_init", true);
    }
    mirrors.set("setup:hmm_mirror_register", plus(mirrors.peek(), m));
  }

  /**
   * {@code hmm_mirror_register}: with {@code mmap_lock} held for write, {@code hmm_init} registers
   * the mmu notifier if this is the mm's first mirror; then the mirror joins the list.
   */
  void addMirror(String role, HmmMirror m) {
    mm.mmapLock().downWrite(role + ":mmap_write_lock");
    if (!registered.get(role + ":mm_hmm")) {
      mm.notifier().hlistAdd(role, mn);
      registered.set(role + ":hmm_init", true);
    }
    Steps.locked(sync, lock, role + ":hmm_add_mirror",
        () -> mirrors.set(role + ":hmm_add_mirror", plus(mirrors.get(role + ":hmm_add_mirror"), m)));
    mm.mmapLock().upWrite(role + ":mmap_write_unlock");
  }

  /** {@code hmm_del_mirror_locked}: returns whether {@code m} was still on the list. */
  boolean removeMirror(String role, HmmMirror m) {
    return Steps.locked(sync, lock, role + ":hmm_del_mirror", () -> {
      ImmutableList<HmmMirror> ms = mirrors.get(role + ":hmm_del_mirror");
      if (!ms.contains(m)) {
        return false;
      }
      mirrors.set(role + ":hmm_del_mirror", minus(ms, m));
      m.dead().set(role + ":hmm_del_mirror", true);
      return true;
    });
  }

  // ------------------------------------------------------------------ device faults (HMM v9 (2015))

  /**
   * {@code hmm_device_fault_start}: waits until no active invalidation overlaps the fault, then under
   * {@code hmm->lock} registers it (backoff clear) if that still holds, else returns
   * {@code -EAGAIN}.
   */
  int deviceFaultStart(String role, HmmMirror mirror, HmmEvent event) {
    if (mut.has(Mutation.M1)) {
      return deviceFaultStartValidFlag(role, mirror, event);
    }
    mm.notifier().rangeWaitValid(role, event.start(), event.end());
    if (mut.has(Mutation.M25)) {
      return 0; // M25: undoes HMM v9's hmm_device_fault_start: the fault never joins device_faults
    }
    lock.lock(role + ":hmm_lock");
    boolean ok = Steps.atomic(sync, role + ":hmm_device_fault_start", () -> {
      String label = role + ":hmm_device_fault_start";
      if (!mm.notifier().rangeIsValidInStep(label, event.start(), event.end())) {
        return false;
      }
      registerInStep(label, mirror, event, false);
      return true;
    });
    lock.unlock(role + ":hmm_unlock");
    waitQueue.wakeAll(role + ":wake_up");
    return ok ? 0 : Errno.EAGAIN;
  }

  /**
   * M1's registration, the 2019 {@code hmm_range_register} transplanted: wait until no invalidation
   * runs, then register with {@code valid = !hmm->notifiers} (backoff is the negated valid flag).
   */
  private int deviceFaultStartValidFlag(String role, HmmMirror mirror, HmmEvent event) {
    // M1: undoes 02/15's range tracking (J. Gunthorpe's May 2019 hmm review's hmm_range->valid scheme instead; see HmmNotifier)
    waitQueue.waitUntil(role + ":hmm_range_wait_until_valid",
        () -> notifiers.get(role + ":read_notifiers") == 0);
    Steps.locked(sync, lock, role + ":hmm_range_register", () -> {
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

  /** {@code hmm_device_fault_end}: the fault leaves {@code device_faults}; waiters re-check. */
  void deviceFaultEnd(String role, HmmMirror mirror, HmmEvent event) {
    if (mut.has(Mutation.M25)) {
      return; // M25: never registered (see deviceFaultStart)
    }
    Steps.locked(sync, lock, role + ":hmm_device_fault_end", () -> {
      String label = role + ":hmm_device_fault_end";
      deviceFaults.set(label, without(deviceFaults.get(label), event));
      ndeviceFaults.set(label, ndeviceFaults.get(label) - 1);
      event.setSlot(-1);
      ghost.deviceFaultEnd(mirror.ghostMirror(), event);
    });
    waitQueue.wakeAll(role + ":wake_up");
  }

  /** {@code event->backoff}, read locklessly. */
  boolean backoff(String role, HmmEvent event) {
    return Steps.atomic(sync, role + ":read_backoff",
        () -> backoffInStep(role + ":read_backoff", event));
  }

  /** {@code event->backoff} inside the caller's step; false for an unregistered event. */
  boolean backoffInStep(String label, HmmEvent event) {
    return event.slot() >= 0 && backoff.get(label, event.slot()) != 0;
  }

  // ------------------------------------------------------------------ invalidation (hmm_update)

  /**
   * {@code hmm_update}: invalidation takes precedence over device faults ({@code
   * hmm_wait_device_fault}), then every mirror's device and mirror page table are updated.
   */
  public void update(String role, HmmEvent event) {
    if (mut.has(Mutation.M1)) {
      markInvalid(role, event);
    } else {
      waitDeviceFault(role, event);
    }
    ImmutableList<HmmMirror> ms = mirrors.get(role + ":hmm_mirrors");
    for (HmmMirror m : ms) {
      m.update(role, event);
    }
  }

  /**
   * {@code hmm_wait_device_fault}: sets {@code backoff} on every registered fault overlapping
   * {@code event} and sleeps until {@code ndevice_faults} changes, until no overlapping fault is
   * registered.
   */
  private void waitDeviceFault(String role, HmmEvent event) {
    while (true) {
      lock.lock(role + ":hmm_lock");
      int waitFor = Steps.atomic(sync, role + ":hmm_wait_device_fault", () ->
          setBackoffInStep(role + ":hmm_wait_device_fault", event));
      lock.unlock(role + ":hmm_unlock");
      if (waitFor == 0) {
        return;
      }
      waitQueue.waitUntil(role + ":hmm_wait_device_fault_sleep",
          () -> ndeviceFaults.get(role + ":read_ndevice_faults") != waitFor);
    }
  }

  /** Sets backoff on the faults overlapping {@code event}; returns ndevice_faults if any, else 0. */
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
  private void markInvalid(String role, HmmEvent event) {
    // M1: undoes hmm_wait_device_fault's wait (the 2019 scheme never waits for faults)
    Steps.locked(sync, lock, role + ":hmm_invalidate_range_start",
        () -> setBackoffInStep(role + ":hmm_invalidate_range_start", event));
  }

  /** M1 only: {@code hmm->notifiers++} at the start of every invalidation. */
  void notifiersInc(String role) {
    Steps.locked(sync, lock, role + ":hmm_notifiers_inc",
        () -> notifiers.set(role + ":hmm_notifiers_inc",
            notifiers.get(role + ":hmm_notifiers_inc") + 1));
  }

  /**
   * M1 only: {@code hmm_invalidate_range_end}: {@code hmm->notifiers--}; the last one marks every
   * registered fault valid again (backoff cleared) and wakes the waiters: the ABA of J. Gunthorpe's May 2019 hmm review.
   */
  void notifiersDec(String role) {
    Steps.locked(sync, lock, role + ":hmm_invalidate_range_end", () -> {
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

  /** {@code hmm_notifier_release}: every mirror is killed (exit_mmap). */
  void release(String role) {
    while (true) {
      HmmMirror m = Steps.locked(sync, lock, role + ":hmm_del_mirror", () -> {
        String label = role + ":hmm_del_mirror";
        ImmutableList<HmmMirror> ms = mirrors.get(label);
        if (ms.isEmpty()) {
          return null;
        }
        mirrors.set(label, minus(ms, ms.get(0)));
        ms.get(0).dead().set(label, true);
        return ms.get(0);
      });
      if (m == null) {
        return;
      }
      m.kill(role);
    }
  }

  // ------------------------------------------------------------------ list helpers

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

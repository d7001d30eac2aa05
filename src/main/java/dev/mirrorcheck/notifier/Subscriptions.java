package dev.mirrorcheck.notifier;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * {@code struct mmu_notifier_subscriptions} (mm/mmu_notifier.c, pseudo-code B): the interval part, the classic hlist
 * of {@link MmuNotifier}s run after the interval callbacks (under SRCU) and, in a kernel carrying HMM
 * v10's "mmu_notifier: keep track of active invalidation ranges" (02/15), the list of active
 * invalidation ranges that classic starts publish before their callbacks (H. Eran's Dec 2014 review).
 * {@code seq} is the kernel's {@code unsigned long}, 64 bits, which no bounded scenario wraps; a
 * study of wrap-around can count modulo a small power of two instead, and then every wrap is
 * reported to the facade as a bound the execution depends on. It is odd exactly while an
 * invalidation epoch is open. Short {@code S.lock} critical sections are one atomic step under the
 * lock; the end of an epoch applies the deferred list in further steps under the lock, as the kernel
 * does between {@code seq++} and {@code spin_unlock}.
 *
 * <p>Every method takes the caller's role (e.g. {@code "fault"}, {@code "inval"}) to label its steps.
 */
public final class Subscriptions {
  /** The kernel's initial {@code invalidate_seq}. */
  static final int INITIAL_SEQ = 2;

  private final Sync sync;
  private final Ghost ghost;
  private final Mutations mut;
  private final int mm;
  private final long mask;
  private final int modulus;
  private final Mutex lock;
  private final LongCell seq;
  private final IntCell active;
  private final RefCell<ImmutableList<IntervalNotifier>> itree;
  private final RefCell<ImmutableList<Deferred>> deferred;
  private final WaitQueue wq;
  private final RefCell<ImmutableList<MmuNotifier>> hlist;
  private final Srcu srcu;
  private final RefCell<ImmutableList<NotifierRange>> ranges;
  private final WaitQueue rangeWq;
  private final BoolCell hasNotifiers;
  private boolean trackRanges;

  /**
   * @param mm the ghost id of the owning address space
   * @param seqModulus 0 for the kernel's 64-bit counter, or a power of two of at least 4 to study
   *     wrap-around
   */
  public Subscriptions(Sync sync, Ghost ghost, Mutations mut, int mm, String name, int seqModulus) {
    Preconditions.checkArgument(seqModulus == 0 || (seqModulus >= 4 && Integer.bitCount(seqModulus) == 1),
        "seq modulus must be 0 (64 bits) or a power of two >= 4, got %s", seqModulus);
    this.sync = sync;
    this.ghost = ghost;
    this.mut = mut;
    this.mm = mm;
    this.mask = seqModulus == 0 ? -1L : seqModulus - 1;
    this.modulus = seqModulus;
    this.lock = sync.newMutex(name + ".S.lock");
    this.seq = sync.newLong(name + ".S.seq", INITIAL_SEQ & mask);
    this.active = sync.newInt(name + ".S.active", 0);
    this.itree = sync.newRef(name + ".S.itree", ImmutableList.of());
    this.deferred = sync.newRef(name + ".S.deferred", ImmutableList.of());
    this.wq = sync.newWaitQueue(name + ".S.wq");
    this.hlist = sync.newRef(name + ".S.hlist", ImmutableList.of());
    this.srcu = new Srcu(sync, name + ".srcu");
    this.ranges = sync.newRef(name + ".ranges", ImmutableList.of());
    this.rangeWq = sync.newWaitQueue(name + ".ranges_wq");
    this.hasNotifiers = sync.newBool(name + ".mmu_notifier_mm", false);
  }

  /** A queued insert or remove, applied when the epoch ends ({@code deferred_item}). */
  public static final class Deferred {
    private final IntervalNotifier sub;
    private final boolean insert;

    Deferred(IntervalNotifier sub, boolean insert) {
      this.sub = sub;
      this.insert = insert;
    }

    public IntervalNotifier sub() {
      return sub;
    }

    public boolean insert() {
      return insert;
    }

    @Override
    public String toString() {
      return (insert ? "+" : "-") + sub.name();
    }
  }

  // ------------------------------------------------------------------ invalidation

  /**
   * {@code __mmu_notifier_invalidate_range_start}: {@code mn_itree_invalidate} opens or joins an
   * epoch and runs the interval callbacks, then the classic hlist notifiers run. Returns 0, or
   * {@link Errno#EAGAIN} when a non-blockable callback refused, in which case the accounting is
   * undone and no end may follow.
   */
  public int invalidateRangeStart(String role, NotifierRange range) {
    return start(role, range, null);
  }

  /** The start; {@code classicOut[0]}, when given, receives the hlist the start walked. */
  private int start(String role, NotifierRange range, Object[] classicOut) {
    Object[] out = new Object[3];
    boolean classicEvent = range.event() != NotifierEvent.RELEASE;
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":mn_itree_inv_start_range", () -> {
      ImmutableList<MmuNotifier> hl = hlist.get(role + ":read_hlist");
      out[2] = hl;
      if (!range.blockable() && !hl.isEmpty()) {
        return; // __oom_reap_task_mm before 4.19 backs off an mm with classic notifiers
      }
      active.set(role + ":active_inc", active.get(role + ":read_active") + 1);
      ImmutableList<IntervalNotifier> subs = overlapping(itree.get(role + ":itree_walk"), range);
      if (!subs.isEmpty()) {
        long s = seq.get(role + ":read_seq");
        if ((s & 1) == 0) {
          seq.set(role + ":seq_open_epoch", s | 1);
        }
      }
      out[0] = subs;
      out[1] = seq.get(role + ":read_seq");
      ghost.start(mm, range.start(), range.end(), range.event().name());
      // 02/15 publishes whenever mm_has_notifiers(mm): also after exit's release emptied the hlist
      boolean publish = trackRanges && classicEvent
          && (!hl.isEmpty() || hasNotifiers.get(role + ":mm_has_notifiers"));
      if (publish && (!mut.has(Mutation.M2) || hl.isEmpty())) {
        publishRangeInStep(role, range); // H. Eran's Dec 2014 review: active before any callback
      }
      if (!hl.isEmpty() && classicEvent) {
        srcu.readLockInStep(role + ":srcu_read_lock");
        ghost.classicWalk(mm, hl);
      }
    });
    lock.unlock(role + ":S.unlock");
    @SuppressWarnings("unchecked")
    ImmutableList<MmuNotifier> hl = (ImmutableList<MmuNotifier>) out[2];
    if (classicOut != null) {
      classicOut[0] = hl;
    }
    if (out[0] == null) {
      return Errno.EAGAIN;
    }
    @SuppressWarnings("unchecked")
    ImmutableList<IntervalNotifier> subs = (ImmutableList<IntervalNotifier>) out[0];
    long cur = (Long) out[1];
    for (IntervalNotifier sub : subs) {
      ghost.cbBegin(sub.ghost(), range.start(), range.end(), range.event().name(), cur);
      boolean ok = sub.ops().invalidate(sub, range, cur);
      ghost.cbEnd(sub.ghost(), range.start(), range.end(), ok);
      if (!ok) {
        if (range.blockable()) {
          throw new IllegalStateException(sub + ": invalidate callback failed on a blockable range");
        }
        if (mut.has(Mutation.M17)) {
          ghost.startFailed(mm, range.start(), range.end(), range.event().name());
          return Errno.EAGAIN; // M17: undoes "mm/hmm: Fix error flows in hmm_invalidate_range_start" (the failure path must end its own accounting)
        }
        endItree(role, null, null, () -> ghost.startFailed(mm, range.start(), range.end(),
            range.event().name()));
        return Errno.EAGAIN;
      }
    }
    if (!hl.isEmpty() && classicEvent) {
      hlistInvalidateRangeStart(role, hl, range);
    }
    return 0;
  }

  /** {@code mn_hlist_invalidate_range_start}: the classic callbacks inside the SRCU read section. */
  private void hlistInvalidateRangeStart(String role, ImmutableList<MmuNotifier> hl,
      NotifierRange range) {
    for (MmuNotifier mn : hl) {
      ghost.classicCbBegin(mn.ghost(), "invalidate_range_start");
      mn.ops().invalidateRangeStart(mn, range);
      ghost.classicCbEnd(mn.ghost(), "invalidate_range_start");
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    if (trackRanges && mut.has(Mutation.M2)) {
      // M2: undoes H. Eran's Dec 2014 review (Eran, Dec 2014): the active range is published after the callbacks ran
      lock.lock(role + ":S.lock");
      sync.atomic(role + ":publish_range", () -> publishRangeInStep(role, range));
      lock.unlock(role + ":S.unlock");
    }
  }

  /** {@code list_add_tail(&range->list, &mm->mmu_notifier_mm->ranges)}, inside the caller's step. */
  private void publishRangeInStep(String role, NotifierRange range) {
    ranges.set(role + ":ranges_add", plus(ranges.get(role + ":read_ranges"), range));
  }

  /**
   * {@code __mmu_notifier_invalidate_range_end}: ends the interval accounting, runs the interval
   * notifiers' classic end ops, then the hlist end ops under SRCU; last, removes the range from the
   * active list and wakes the faults waiting for it (02/15: after the callbacks).
   */
  public void invalidateRangeEnd(String role, NotifierRange range) {
    Object[] classic = new Object[2];
    ImmutableList<IntervalNotifier> subs = endItree(role, range, classic,
        () -> ghost.end(mm, range.start(), range.end(), range.event().name()));
    for (IntervalNotifier sub : overlapping(subs, range)) {
      sub.ops().invalidateRangeEnd(sub, range);
    }
    @SuppressWarnings("unchecked")
    ImmutableList<MmuNotifier> hint = (ImmutableList<MmuNotifier>) classic[0];
    if (!hint.isEmpty() && range.event() != NotifierEvent.RELEASE) {
      // mn_hlist_invalidate_end: the hlist is walked inside the SRCU read section
      for (MmuNotifier mn : hlistReadLocked(role)) {
        ghost.classicCbBegin(mn.ghost(), "invalidate_range_end");
        mn.ops().invalidateRangeEnd(mn, range);
        ghost.classicCbEnd(mn.ghost(), "invalidate_range_end");
      }
      srcu.readUnlock(role + ":srcu_read_unlock");
    }
    if ((Boolean) classic[1]) {
      lock.lock(role + ":S.lock");
      sync.atomic(role + ":ranges_del", () -> ranges.set(role + ":ranges_del",
          minus(ranges.get(role + ":read_ranges"), range)));
      lock.unlock(role + ":S.unlock");
      rangeWq.wakeAll(role + ":ranges_wake_up");
    }
  }

  /**
   * {@code mn_itree_inv_end}: {@code active--}; the last one closes the epoch ({@code seq++}), applies
   * the deferred list under the lock, unlocks and wakes every sleeper. Returns the interval set.
   * {@code report} tells the ghost inside the step that decrements {@code active}; when
   * {@code classic} is given, the same step reads the hlist into {@code classic[0]} and whether
   * {@code range} is on the active list into {@code classic[1]}.
   */
  private ImmutableList<IntervalNotifier> endItree(String role, NotifierRange range,
      Object[] classic, Runnable report) {
    Object[] out = new Object[3];
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":mn_itree_inv_end", () -> {
      if (classic != null) {
        classic[0] = hlist.get(role + ":read_hlist");
        classic[1] = ranges.get(role + ":read_ranges").contains(range);
      }
      int a = active.get(role + ":read_active") - 1;
      active.set(role + ":active_dec", a);
      long s = seq.get(role + ":read_seq");
      boolean close = a == 0 && (s & 1) == 1;
      if (close) {
        seq.set(role + ":seq_close_epoch", wrapped(s + 1, "S.seq", s));
      }
      out[0] = close ? deferred.get(role + ":read_deferred") : ImmutableList.of();
      out[1] = itree.get(role + ":read_itree");
      out[2] = close;
      report.run();
    });
    @SuppressWarnings("unchecked")
    ImmutableList<Deferred> todo = (ImmutableList<Deferred>) out[0];
    for (Deferred d : todo) {
      sync.atomic(role + ":apply_deferred", () -> {
        ghost.subTouched(d.sub().ghost());
        ImmutableList<IntervalNotifier> t = itree.get(role + ":read_itree");
        itree.set(role + (d.insert() ? ":interval_tree_insert" : ":interval_tree_remove"),
            d.insert() ? plus(t, d.sub()) : minus(t, d.sub()));
        deferred.set(role + ":hlist_del", minus(deferred.get(role + ":read_deferred"), d));
      });
    }
    lock.unlock(role + ":S.unlock");
    if ((Boolean) out[2]) {
      wq.wakeAll(role + ":wake_up_all");
    }
    @SuppressWarnings("unchecked")
    ImmutableList<IntervalNotifier> subs = (ImmutableList<IntervalNotifier>) out[1];
    return subs;
  }

  // ------------------------------------------------------------------ collision detection

  /**
   * {@code mmu_interval_read_begin}: the epoch of the last invalidation that hit {@code sub}; sleeps
   * (without any driver lock held, O5) while that epoch is still open.
   */
  public long readBegin(String role, IntervalNotifier sub) {
    long[] out = new long[2];
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":read_begin", () -> {
      out[0] = sub.seqCell().get(role + ":read_sub_seq");
      out[1] = out[0] == seq.get(role + ":read_seq") ? 1 : 0;
      ghost.readBegin(sub.ghost(), out[0]);
    });
    lock.unlock(role + ":S.unlock");
    long s = out[0];
    if (out[1] == 1 && !mut.has(Mutation.M6)) { // M6: undoes the read_begin sleep of mm/mmu_notifier.c
      wq.waitUntil(role + ":read_begin_wait", () -> seq.get(role + ":read_seq") != s);
    }
    return s;
  }

  /** {@code mmu_interval_read_retry}: must be called with the driver lock held (O3). */
  public boolean readRetry(String role, IntervalNotifier sub, long s) {
    return collided(sub, s, sub.seqCell().get(role + ":read_retry"));
  }

  /** {@code mmu_interval_check_retry}: the lockless hint; true is reliable, false is not. */
  public boolean checkRetry(String role, IntervalNotifier sub, long s) {
    return collided(sub, s, sub.seqCell().get(role + ":check_retry"));
  }

  /** Reports a collision to the ghost inside the step that read the subscription's sequence. */
  private boolean collided(IntervalNotifier sub, long s, long now) {
    if (now != s) {
      ghost.collision(sub.ghost(), s);
      return true;
    }
    return false;
  }

  /** {@code mmu_interval_set_seq}: under the driver lock, unconditionally (O2). */
  public void setSeq(String role, IntervalNotifier sub, long cur) {
    sub.seqCell().set(role + ":set_seq", cur);
  }

  // ------------------------------------------------------------------ lifetime

  /** {@code mmu_interval_notifier_insert} (mm/mmu_notifier.c {@code __mmu_interval_notifier_insert}). */
  public void insert(String role, IntervalNotifier sub) {
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":interval_notifier_insert", () -> {
      long s = seq.get(role + ":read_seq");
      if (active.get(role + ":read_active") > 0) {
        if ((s & 1) == 1) {
          deferred.set(role + ":defer_insert",
              plus(deferred.get(role + ":read_deferred"), new Deferred(sub, true)));
        } else {
          s |= 1; // the new range must be assumed invalidated by the running start
          itree.set(role + ":interval_tree_insert", plus(itree.get(role + ":read_itree"), sub));
          ghost.subTouched(sub.ghost()); // before the epoch bit: no walker holds the tree yet
          seq.set(role + ":seq_open_epoch", s);
        }
        sub.seqCell().set(role + ":init_sub_seq", s);
      } else {
        sub.seqCell().set(role + ":init_sub_seq", wrapped(s - 1, sub.name() + ".seq", s));
        itree.set(role + ":interval_tree_insert", plus(itree.get(role + ":read_itree"), sub));
        ghost.subTouched(sub.ghost());
      }
    });
    lock.unlock(role + ":S.unlock");
  }

  /** {@code mmu_interval_notifier_insert} during world set-up, before any actor runs (no epoch). */
  public void insertAtSetup(IntervalNotifier sub) {
    Preconditions.checkState(active.peek() == 0, "insertAtSetup with an open invalidation");
    sub.seqCell().set("setup:interval_notifier_insert", wrapped(seq.peek() - 1, sub.name() + ".seq",
        seq.peek()));
    itree.set("setup:interval_notifier_insert", plus(itree.peek(), sub));
  }

  /**
   * {@code mmu_interval_notifier_remove}: once it returns no callback for {@code sub} runs or will
   * run. An open epoch defers the removal and waits for the epoch to end, re-checked under
   * {@code S.lock} (commit 319561669a59).
   */
  public void remove(String role, IntervalNotifier sub) {
    long[] waitSeq = {-1};
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":interval_notifier_remove", () -> {
      long s = seq.get(role + ":read_seq");
      if ((s & 1) == 1) {
        if (!itree.get(role + ":read_itree").contains(sub)) {
          deferred.set(role + ":cancel_insert", minusSub(deferred.get(role + ":read_deferred"), sub));
        } else {
          deferred.set(role + ":defer_remove",
              plus(deferred.get(role + ":read_deferred"), new Deferred(sub, false)));
          waitSeq[0] = s;
        }
      } else {
        ghost.subTouched(sub.ghost());
        itree.set(role + ":interval_tree_remove", minus(itree.get(role + ":read_itree"), sub));
      }
    });
    lock.unlock(role + ":S.unlock");
    long w = waitSeq[0];
    if (w >= 0) {
      while (true) {
        wq.waitUntil(role + ":remove_wait", () -> seq.get(role + ":read_seq") != w);
        if (mut.has(Mutation.M18)) {
          break; // M18: undoes commit 319561669a59: the epoch end must be observed under S.lock
        }
        boolean[] released = new boolean[1];
        lock.lock(role + ":S.lock");
        sync.atomic(role + ":seq_released", () -> {
          released[0] = seq.get(role + ":seq_released") != w;
        });
        lock.unlock(role + ":S.unlock");
        if (released[0]) {
          break;
        }
      }
    }
    // after the step that took sub out (or, deferred, the re-check that saw its epoch end): S9 checks
    ghost.subRemoved(sub.ghost());
  }

  /**
   * {@code __mmu_notifier_release}: exit_mmap's whole-mm invalidation of the interval notifiers
   * ({@code mn_itree_release}), then every classic notifier's {@code ->release}, their removal from
   * the hlist and an SRCU grace period ({@code mn_hlist_release}).
   */
  public void release(String role, int pages) {
    NotifierRange all = NotifierRange.of(0, pages, NotifierEvent.RELEASE);
    Object[] classic = new Object[1];
    start(role, all, classic);
    invalidateRangeEnd(role, all);
    @SuppressWarnings("unchecked")
    ImmutableList<MmuNotifier> hint = (ImmutableList<MmuNotifier>) classic[0];
    if (hint.isEmpty()) {
      return;
    }
    // mn_hlist_release: ->release of every notifier found on the hlist inside the SRCU section
    ImmutableList<MmuNotifier> hl = hlistReadLocked(role);
    for (MmuNotifier mn : hl) {
      ghost.classicCbBegin(mn.ghost(), "release");
      mn.ops().release(mn);
      ghost.classicCbEnd(mn.ghost(), "release");
    }
    srcu.readUnlock(role + ":srcu_read_unlock");
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":hlist_del_init_rcu", () -> {
      ImmutableList<MmuNotifier> now = hlist.get(role + ":read_hlist");
      for (MmuNotifier mn : hl) {
        now = minus(now, mn);
      }
      hlist.set(role + ":hlist_del_init_rcu", now);
    });
    lock.unlock(role + ":S.unlock");
    srcu.synchronize(role + ":synchronize_srcu");
    ghost.classicUnlinked(hl, true);
  }

  /** {@code srcu_read_lock} and the hlist read of the walk that follows it, in one step. */
  private ImmutableList<MmuNotifier> hlistReadLocked(String role) {
    Object[] out = new Object[1];
    sync.atomic(role + ":srcu_read_lock", () -> {
      srcu.readLockInStep(role + ":srcu_read_lock");
      ImmutableList<MmuNotifier> now = hlist.get(role + ":read_hlist");
      ghost.classicWalk(mm, now); // S9: whom the walk will call
      out[0] = now;
    });
    @SuppressWarnings("unchecked")
    ImmutableList<MmuNotifier> now = (ImmutableList<MmuNotifier>) out[0];
    return now;
  }

  // ------------------------------------------------------------------ classic notifiers

  /**
   * The hlist insertion of {@code mmu_notifier_register}; the caller holds {@code mmap_lock} for
   * write, which with {@code mm_take_all_locks} keeps every start/end pair out.
   */
  public void hlistAdd(String role, MmuNotifier mn) {
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":hlist_add_head_rcu", () -> {
      hlist.set(role + ":hlist_add_head_rcu", plus(hlist.get(role + ":read_hlist"), mn));
      hasNotifiers.set(role + ":mmu_notifier_mm", true);
      ghost.classicLinked(mn);
    });
    lock.unlock(role + ":S.unlock");
  }

  /** {@code mmu_notifier_register} during world set-up, before any actor runs. */
  public void hlistAddAtSetup(MmuNotifier mn) {
    Preconditions.checkState(sync.currentActor() == null, "hlistAddAtSetup after set-up");
    hlist.set("setup:mmu_notifier_register", plus(hlist.peek(), mn));
    hasNotifiers.set("setup:mmu_notifier_mm", true);
  }

  /**
   * {@code mmu_notifier_unregister_no_release} then {@code synchronize_srcu}: once it returns no
   * callback of {@code mn} runs or will run.
   */
  public void hlistRemove(String role, MmuNotifier mn) {
    hlistRemoveNoRelease(role, mn);
    srcu.synchronize(role + ":synchronize_srcu");
    ghost.classicUnlinked(ImmutableList.of(mn), true);
  }

  /**
   * {@code mmu_notifier_unregister_no_release}: off the hlist, no grace period (callbacks already
   * running may still finish; the owner frees its memory with {@code mmu_notifier_call_srcu}).
   */
  public void hlistRemoveNoRelease(String role, MmuNotifier mn) {
    lock.lock(role + ":S.lock");
    sync.atomic(role + ":hlist_del_init_rcu", () ->
        hlist.set(role + ":hlist_del_init_rcu", minus(hlist.get(role + ":read_hlist"), mn)));
    lock.unlock(role + ":S.unlock");
    ghost.classicUnlinked(ImmutableList.of(mn), false);
  }

  // ------------------------------------------------------------------ active ranges (HMM v10 02/15)

  /**
   * Set-up only: this kernel carries HMM v10's "mmu_notifier: keep track of active invalidation
   * ranges" (02/15), so every start that has classic notifiers publishes its range.
   */
  public void trackActiveRanges() {
    Preconditions.checkState(sync.currentActor() == null, "trackActiveRanges after set-up");
    trackRanges = true;
  }

  /**
   * {@code mmu_notifier_range_is_valid}, inside the caller's step: no active invalidation overlaps
   * {@code [start, end)}.
   */
  public boolean rangeIsValidInStep(String label, int start, int end) {
    for (NotifierRange r : ranges.get(label)) {
      if (r.overlaps(start, end)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code mmu_notifier_range_wait_valid}: while an active range overlaps {@code [start, end)},
   * sleeps until the number of active ranges changes, then looks again. The test is one step under
   * {@code mmu_notifier_mm->lock}; the lock is folded into it, since every other holder changes the
   * range list in a single step too.
   */
  public void rangeWaitValid(String role, int start, int end) {
    while (true) {
      int[] n = {-1};
      sync.atomic(role + ":range_is_valid", () -> {
        if (!rangeIsValidInStep(role + ":range_is_valid", start, end)) {
          n[0] = ranges.get(role + ":nranges").size();
        }
      });
      if (n[0] < 0) {
        return;
      }
      rangeWq.waitUntil(role + ":range_wait_valid",
          () -> ranges.get(role + ":nranges").size() != n[0]);
    }
  }

  // ------------------------------------------------------------------ views for properties

  /** {@code S.seq}; read with peek. */
  public LongCell seqCell() {
    return seq;
  }

  /** {@code S.active}; read with peek. */
  public IntCell activeCell() {
    return active;
  }

  /** The interval set; read with peek. */
  public RefCell<ImmutableList<IntervalNotifier>> itreeCell() {
    return itree;
  }

  /** The deferred insert/remove list; read with peek. */
  public RefCell<ImmutableList<Deferred>> deferredCell() {
    return deferred;
  }

  /** The classic notifiers ({@code mm->mmu_notifier_mm->list}); read with peek. */
  public RefCell<ImmutableList<MmuNotifier>> hlistCell() {
    return hlist;
  }

  /** The SRCU that protects the classic notifiers' callbacks. */
  public Srcu srcu() {
    return srcu;
  }

  /** The active invalidation ranges ({@code mmu_notifier_mm->ranges}); read with peek. */
  public RefCell<ImmutableList<NotifierRange>> rangesCell() {
    return ranges;
  }

  /**
   * {@code value} reduced to the counter's width. A reduction that changes it is a wrap: the
   * execution now depends on the study modulus, so a violation later in it is a bound artifact.
   */
  private long wrapped(long value, String counter, long from) {
    long v = value & mask;
    if (v != value) {
      sync.boundTouched("sequence wrapped: " + counter + " went from " + from + " to " + v
          + " at seq-modulus " + modulus);
    }
    return v;
  }

  // ------------------------------------------------------------------ immutable list helpers

  private static ImmutableList<IntervalNotifier> overlapping(
      ImmutableList<IntervalNotifier> subs, NotifierRange range) {
    ImmutableList.Builder<IntervalNotifier> b = ImmutableList.builder();
    for (IntervalNotifier s : subs) {
      if (s.overlaps(range.start(), range.end())) {
        b.add(s);
      }
    }
    return b.build();
  }

  private static <T> ImmutableList<T> plus(ImmutableList<T> list, T item) {
    return ImmutableList.<T>builder().addAll(list).add(item).build();
  }

  private static <T> ImmutableList<T> minus(ImmutableList<T> list, T item) {
    ImmutableList.Builder<T> b = ImmutableList.builder();
    for (T t : list) {
      if (t != item) {
        b.add(t);
      }
    }
    return b.build();
  }

  private static ImmutableList<Deferred> minusSub(ImmutableList<Deferred> list, IntervalNotifier sub) {
    ImmutableList.Builder<Deferred> b = ImmutableList.builder();
    for (Deferred d : list) {
      if (d.sub() != sub) {
        b.add(d);
      }
    }
    return b.build();
  }
}

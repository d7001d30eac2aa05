package dev.mirrorcheck.ghost;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.Sync;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's ghost state and event hub. Ghost cells:
 *
 * <ul>
 *   <li>{@code devWrote[p]}: bit mask of mirrors that wrote frame {@code p} since its last
 *       {@code Clean} or {@code Copy} (S4);
 *   <li>{@code writeSinceDirty[p]}: bit mask of mirrors that wrote {@code p} since its last
 *       {@code SetDirty} (S4a);
 *   <li>per mirror and page, {@link GhostMirror#invGen()} (S2), compared with the generation recorded
 *       in each device translation at install time.
 * </ul>
 *
 * <p>Listeners are registered during world set-up, before any actor runs.
 */
public final class Ghost {
  private final Sync sync;
  private final IntArray devWrote;
  private final IntArray writeSinceDirty;
  private final List<GhostListener> listeners = new ArrayList<>();
  private ImmutableList<GhostListener> active = ImmutableList.of();
  private int mirrors;
  private int mms;

  public Ghost(Sync sync, int frames) {
    this.sync = sync;
    this.devWrote = sync.newIntArray("ghost.devWrote", frames, 0);
    this.writeSinceDirty = sync.newIntArray("ghost.writeSinceDirty", frames, 0);
  }

  public Sync sync() {
    return sync;
  }

  /** Adds a listener; call during set-up only. */
  public void addListener(GhostListener listener) {
    listeners.add(Preconditions.checkNotNull(listener));
    active = ImmutableList.copyOf(listeners);
  }

  /** A fresh ghost id for an address space (set-up only). */
  public int newMmId() {
    return mms++;
  }

  /** Registers a device mirror over {@code pages} virtual pages of address space {@code mm}. */
  public GhostMirror newMirror(String name, int mm, int pages) {
    Preconditions.checkState(mirrors < 31, "at most 31 mirrors");
    return new GhostMirror(sync, mirrors++, name, mm, pages);
  }

  /** Ghost identity of a subscription covering {@code [start, end)}; {@code mirror} may be null. */
  public GhostSub newSub(String name, int start, int end, GhostMirror mirror) {
    return new GhostSub(sync, name, start, end, mirror);
  }

  /** Bit mask of mirrors that wrote {@code frame} since its last clean or copy. */
  public IntArray devWrote() {
    return devWrote;
  }

  /** Bit mask of mirrors that wrote {@code frame} since its last {@code SetDirty}. */
  public IntArray writeSinceDirty() {
    return writeSinceDirty;
  }

  /** Ghost identity of a classic (hlist) notifier (set-up only). */
  public GhostClassic newClassic(String name) {
    return new GhostClassic(sync, name);
  }

  // ------------------------------------------------------------------ events

  public void start(int mm, int start, int end, String event) {
    for (GhostListener l : active) l.start(mm, start, end, event);
  }

  public void startFailed(int mm, int start, int end, String event) {
    for (GhostListener l : active) l.startFailed(mm, start, end, event);
  }

  public void end(int mm, int start, int end, String event) {
    for (GhostListener l : active) l.end(mm, start, end, event);
  }

  public void cbBegin(GhostSub sub, int start, int end, String event, long curSeq) {
    for (GhostListener l : active) l.cbBegin(sub, start, end, event, curSeq);
  }

  public void cbEnd(GhostSub sub, int start, int end, boolean ok) {
    for (GhostListener l : active) l.cbEnd(sub, start, end, ok);
  }

  /** Bumps {@code lastInvDone} for every page of {@code [start, end)} the mirror covers. */
  public void callbackReturned(GhostMirror mirror, int start, int end) {
    IntArray gen = mirror.invGen();
    for (int v = Math.max(0, start); v < Math.min(end, gen.length()); v++) {
      gen.poke(v, gen.peek(v) + 1);
    }
    for (GhostListener l : active) l.callbackReturned(mirror, start, end);
  }

  public void pteChange(int mm, int v, CpuEntry old, CpuEntry now) {
    for (GhostListener l : active) l.pteChange(mm, v, old, now);
  }

  public void migrationEntry(int mm, int v, int frame, int owner) {
    for (GhostListener l : active) l.migrationEntry(mm, v, frame, owner);
  }

  public void free(int frame, int gen) {
    for (GhostListener l : active) l.free(frame, gen);
  }

  public void alloc(int frame, int gen, boolean reused) {
    for (GhostListener l : active) l.alloc(frame, gen, reused);
  }

  public void devMap(GhostMirror mirror, int v, DevEntry entry) {
    for (GhostListener l : active) l.devMap(mirror, v, entry);
  }

  public void devUnmap(GhostMirror mirror, int v, DevEntry entry) {
    for (GhostListener l : active) l.devUnmap(mirror, v, entry);
  }

  /** A device access; a write also records {@code devWrote} and {@code writeSinceDirty}. */
  public void devAcc(GhostMirror mirror, int v, DevEntry entry, boolean write, int value) {
    if (write) {
      int p = entry.frame();
      int bit = 1 << mirror.id();
      devWrote.poke(p, devWrote.peek(p) | bit);
      writeSinceDirty.poke(p, writeSinceDirty.peek(p) | bit);
    }
    for (GhostListener l : active) l.devAcc(mirror, v, entry, write, value);
  }

  public void dmaMap(GhostMirror mirror, int v, int frame) {
    for (GhostListener l : active) l.dmaMap(mirror, v, frame);
  }

  public void dmaUnmap(GhostMirror mirror, int v, int frame) {
    for (GhostListener l : active) l.dmaUnmap(mirror, v, frame);
  }

  public void setDirty(int frame) {
    writeSinceDirty.poke(frame, 0);
    for (GhostListener l : active) l.setDirty(frame);
  }

  /** Listeners see the ghost state as it was before the clean, then {@code devWrote} resets. */
  public void clean(int frame) {
    for (GhostListener l : active) l.clean(frame);
    devWrote.poke(frame, 0);
  }

  public void copy(int from, int to) {
    for (GhostListener l : active) l.copy(from, to);
    devWrote.poke(from, 0);
    devWrote.poke(to, 0);
  }

  public void cpuAcc(int mm, int v, int frame, boolean write, int value) {
    for (GhostListener l : active) l.cpuAcc(mm, v, frame, write, value);
  }

  public void readBegin(GhostSub sub, long seq) {
    for (GhostListener l : active) l.readBegin(sub, seq);
  }

  public void collision(GhostSub sub, long seq) {
    for (GhostListener l : active) l.collision(sub, seq);
  }

  public void faultRet(GhostSub sub, int start, int end, int rc) {
    for (GhostListener l : active) l.faultRet(sub, start, end, rc);
  }

  public void faultInstall(GhostSub sub, long seq, int mm, int v, int frame, boolean writable) {
    for (GhostListener l : active) l.faultInstall(sub, seq, mm, v, frame, writable);
  }

  public void subRemoved(GhostSub sub) {
    for (GhostListener l : active) l.subRemoved(sub);
  }

  /** The container of {@code sub} is freed (kfree after remove returned). */
  public void subFreed(GhostSub sub) {
    sub.freedCell().poke(true);
  }

  /**
   * Inside the step that read the hlist a start, end or release is about to call: {@code walked}
   * is the list it read (one call, so that no model code exists only to report it).
   */
  public void classicWalk(int mm, Iterable<? extends GhostClassic.Owner> walked) {
    for (GhostClassic.Owner o : walked) {
      for (GhostListener l : active) l.classicWalk(mm, o.ghost());
    }
  }

  /** A callback ({@code op}) of the classic notifier {@code mn} begins. */
  public void classicCbBegin(GhostClassic mn, String op) {
    for (GhostListener l : active) l.classicCbBegin(mn, op);
  }

  /** That callback returns. */
  public void classicCbEnd(GhostClassic mn, String op) {
    for (GhostListener l : active) l.classicCbEnd(mn, op);
  }

  /**
   * The removal of {@code mn} from its hlist returned; {@code graced}: the SRCU grace period after
   * it too ({@code mmu_notifier_unregister}, exit's release), not only the unlink
   * ({@code mmu_notifier_unregister_no_release}).
   */
  public void classicUnlinked(Iterable<? extends GhostClassic.Owner> removed, boolean graced) {
    for (GhostClassic.Owner o : removed) {
      GhostClassic mn = o.ghost();
      for (GhostListener l : active) l.classicUnlinked(mn, graced);
      mn.unlinkedCell().poke(true);
      if (graced) {
        mn.gracedCell().poke(true);
      }
    }
  }

  /**
   * {@code mmu_notifier_register} put {@code mn} on its hlist again (legacy ODP re-registers its
   * ucontext's notifier with the first umem after the last one's release unregistered it): S9's
   * clause starts over, since the unregistration's grace period already waited for the old walks.
   */
  public void classicLinked(GhostClassic.Owner added) {
    GhostClassic mn = added.ghost();
    mn.unlinkedCell().poke(false);
    mn.gracedCell().poke(false);
  }

  public void subTouched(GhostSub sub) {
    for (GhostListener l : active) l.subTouched(sub);
  }

  /** A driver path dereferences the container of {@code sub} ({@code what}: how). */
  public void containerUsed(GhostSub sub, String what) {
    for (GhostListener l : active) l.containerUsed(sub, what);
  }

  public void mmGet(int mm) {
    for (GhostListener l : active) l.mmGet(mm);
  }

  public void mmPut(int mm, int users, boolean exit) {
    for (GhostListener l : active) l.mmPut(mm, users, exit);
  }

  public void exitMmap(int mm) {
    for (GhostListener l : active) l.exitMmap(mm);
  }

  public void hwUpdate(GhostMirror mirror, boolean keyValid) {
    for (GhostListener l : active) l.hwUpdate(mirror, keyValid);
  }

  public void workQueued(GhostMirror mirror, String work) {
    for (GhostListener l : active) l.workQueued(mirror, work);
  }

  public void bookkeeping(GhostMirror mirror, int npages, int mapped) {
    for (GhostListener l : active) l.bookkeeping(mirror, npages, mapped);
  }

  public void deviceFaultStart(GhostMirror mirror, Object fault, int start, int end) {
    for (GhostListener l : active) l.deviceFaultStart(mirror, fault, start, end);
  }

  public void deviceFaultBackoff(GhostMirror mirror, Object fault) {
    for (GhostListener l : active) l.deviceFaultBackoff(mirror, fault);
  }

  public void deviceFaultUpdate(GhostMirror mirror, Object fault, boolean backoff) {
    for (GhostListener l : active) l.deviceFaultUpdate(mirror, fault, backoff);
  }

  public void deviceFaultEnd(GhostMirror mirror, Object fault) {
    for (GhostListener l : active) l.deviceFaultEnd(mirror, fault);
  }
}

package dev.mirrorcheck.ghost;

/**
 * Receives the model events of docs/properties.md as they happen, inside the step that performs them. Page
 * ranges are {@code [start, end)} in virtual pages; {@code mm} is an address space's ghost id. Every
 * method defaults to doing nothing; property checkers override what they need and may call
 * {@code sync.check} to fail the running actor.
 */
public interface GhostListener {

  /** {@code invalidate_range_start} began its callbacks ({@code S.seq} already odd if it hit). */
  default void start(int mm, int start, int end, String event) {}

  /**
   * A non-blocking start returned -EAGAIN: a correct core reports it inside the step that undoes
   * its accounting, the M17 core without undoing it.
   */
  default void startFailed(int mm, int start, int end, String event) {}

  /**
   * {@code invalidate_range_end} finished its accounting: reported inside the step that decrements
   * {@code S.active}, before the classic end ops run.
   */
  default void end(int mm, int start, int end, String event) {}

  /** The core is about to call {@code ops->invalidate} of {@code sub} with epoch {@code curSeq}. */
  default void cbBegin(GhostSub sub, int start, int end, String event, long curSeq) {}

  /** {@code ops->invalidate} of {@code sub} returned {@code ok}. */
  default void cbEnd(GhostSub sub, int start, int end, boolean ok) {}

  /** A mirror's callback returned for pages {@code [start, end)} (owner-filtered skips excluded). */
  default void callbackReturned(GhostMirror mirror, int start, int end) {}

  /** A CPU page-table entry changed. */
  default void pteChange(int mm, int v, CpuEntry old, CpuEntry now) {}

  /**
   * {@code migrate_vma_collect} replaced page {@code v}'s entry by a migration entry for
   * {@code frame} on behalf of {@code owner} (a device id, or -1 for a core migration without owner),
   * inside the step that changed the entry (S1's own-migration window).
   */
  default void migrationEntry(int mm, int v, int frame, int owner) {}

  /** Frame {@code frame} was freed at allocation generation {@code gen}. */
  default void free(int frame, int gen) {}

  /** Frame {@code frame} was allocated (generation {@code gen}); {@code reused} if it was used before. */
  default void alloc(int frame, int gen, boolean reused) {}

  /** A device translation became device-visible. */
  default void devMap(GhostMirror mirror, int v, DevEntry entry) {}

  /** A device translation was removed from the device page table. */
  default void devUnmap(GhostMirror mirror, int v, DevEntry entry) {}

  /** The device accessed {@code entry.frame()} through {@code entry} (possibly a stale TLB copy). */
  default void devAcc(GhostMirror mirror, int v, DevEntry entry, boolean write, int value) {}

  /** The driver DMA-mapped (or, for {@code dmaUnmap}, unmapped) a frame for page {@code v}. */
  default void dmaMap(GhostMirror mirror, int v, int frame) {}

  default void dmaUnmap(GhostMirror mirror, int v, int frame) {}

  default void setDirty(int frame) {}

  /** Writeback cleared the frame's dirty flag. */
  default void clean(int frame) {}

  /** Migration started copying {@code from} into {@code to}. */
  default void copy(int from, int to) {}

  /** A CPU load or store through the CPU page table. */
  default void cpuAcc(int mm, int v, int frame, boolean write, int value) {}

  /** {@code mmu_interval_read_begin(sub)} sampled {@code seq}, inside its {@code S.lock} step. */
  default void readBegin(GhostSub sub, long seq) {}

  /**
   * {@code mmu_interval_read_retry} or {@code mmu_interval_check_retry} found {@code sub} invalidated
   * since {@code seq}, inside the step that read the subscription's sequence: the caller retries.
   */
  default void collision(GhostSub sub, long seq) {}

  /** A device fault handler (or snapshot) over {@code [start, end)} returned {@code rc}. */
  default void faultRet(GhostSub sub, int start, int end, int rc) {}

  /**
   * A fault passed {@code read_retry(sub, seq)} and installs {@code frame} for page {@code v}
   * (S7: the snapshot must still equal {@code cpuPT[v]}).
   */
  default void faultInstall(GhostSub sub, long seq, int mm, int v, int frame, boolean writable) {}

  /**
   * {@code mmu_interval_notifier_remove(sub)} returns: reported inside its last {@code S.lock} step
   * (the M18 remove reports it after its lockless wait).
   */
  default void subRemoved(GhostSub sub) {}

  /** The notifier core touched {@code sub}'s tree node (deferred insert/remove). */
  default void subTouched(GhostSub sub) {}

  /**
   * A driver path dereferences the object that contains {@code sub} ({@code what} says how), for
   * instance {@code dmirror_devmem_fault} following a device page's {@code zone_device_data} to its
   * {@code struct dmirror}.
   */
  default void containerUsed(GhostSub sub, String what) {}

  /** A start, end or release read the hlist and found {@code mn} on it: it will call it. */
  default void classicWalk(int mm, GhostClassic mn) {}

  /** A callback of a classic notifier begins ({@code op}: invalidate_range_start, _end, release). */
  default void classicCbBegin(GhostClassic mn, String op) {}

  /** That callback returns. */
  default void classicCbEnd(GhostClassic mn, String op) {}

  /** The removal of a classic notifier returned; {@code graced}: after its SRCU grace period. */
  default void classicUnlinked(GhostClassic mn, boolean graced) {}

  /** A hardware page-table update (UMR) was posted for a mirror whose key is {@code keyValid}. */
  default void hwUpdate(GhostMirror mirror, boolean keyValid) {}

  /** Deferred driver work (e.g. implicit-child destroy) was queued. */
  default void workQueued(GhostMirror mirror, String work) {}

  /** The driver lock is about to be released: its bookkeeping must be consistent (S10). */
  default void bookkeeping(GhostMirror mirror, int npages, int mapped) {}

  /** {@code mmget_not_zero} ({@code get_task_mm}) took an {@code mm_users} reference of {@code mm}. */
  default void mmGet(int mm) {}

  /**
   * {@code mmput} of {@code mm} found {@code users} references (before its decrement);
   * {@code exit}: the process dropping its own reference, not one taken by {@code mmGet}.
   */
  default void mmPut(int mm, int users, boolean exit) {}

  /** {@code exit_mmap} of {@code mm} begins, in the step of the {@code mmput} that ran it. */
  default void exitMmap(int mm) {}

  /**
   * 2015 HMM ({@code hmm_device_fault_start}): device fault {@code fault} of {@code mirror} over
   * {@code [start, end)} was added to {@code hmm->device_faults}, inside the {@code hmm->lock} step.
   * Faults are told apart by identity.
   */
  default void deviceFaultStart(GhostMirror mirror, Object fault, int start, int end) {}

  /**
   * 2015 HMM ({@code hmm_wait_device_fault}): an invalidation set the {@code backoff} of the
   * registered, overlapping fault {@code fault}, inside its {@code hmm->lock} step.
   */
  default void deviceFaultBackoff(GhostMirror mirror, Object fault) {}

  /**
   * 2015 HMM ({@code hmm_mirror_handle_fault}): fault {@code fault} calls {@code device->update} for
   * itself; {@code backoff} is its backoff flag read in the same step. The v10 code re-checks
   * backoff after the walk but not after {@code hmm_mirror_dma_map}, so a backoff set during the DMA
   * mapping is seen here as true; the invalidation still waits for the fault to leave.
   */
  default void deviceFaultUpdate(GhostMirror mirror, Object fault, boolean backoff) {}

  /** 2015 HMM ({@code hmm_device_fault_end}): {@code fault} left {@code hmm->device_faults}. */
  default void deviceFaultEnd(GhostMirror mirror, Object fault) {}
}

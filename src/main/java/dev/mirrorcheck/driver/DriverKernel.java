package dev.mirrorcheck.driver;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.hmm.Hmm;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.MigrateVma;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import java.util.function.Supplier;

/**
 * The kernel and the device as one mirror's {@link MirrorDriver} sees them: the mirrored mm, the
 * mirror's interval notifier (one over the whole address space), {@code hmm_range_fault}, migration
 * to device-private memory, and the device's translation hardware ({@link #devicePageTable()}: device page table, TLB, in-flight DMA, IOMMU mappings).
 * Methods carry the kernel's names; each is one or more scheduling points labelled
 * {@code role + ":" + step}. Locks, wait queues and shared cells of the driver's own come from
 * {@link #sync()}.
 *
 * <p>Created by mirrorcheck for each mirror; a driver receives it in its constructor.
 */
public final class DriverKernel {
  private final Mm mm;
  private final String name;
  private final int deviceId;
  private IntervalNotifier notifier;
  private DeviceMmu pt;
  private Mutex ptLock;

  /**
   * A kernel for the mirror {@code name} of {@code mm} on device {@code deviceId} (its
   * device-private memory zone and migration owner; {@link HmmRange#NO_OWNER} for a device without
   * device-private memory, such as an RDMA NIC); {@link #bind} completes it.
   */
  public DriverKernel(Mm mm, String name, int deviceId) {
    this.mm = mm;
    this.name = name;
    this.deviceId = deviceId;
  }

  /**
   * Set-up, by the mirror that owns this kernel, once its notifier and translation hardware exist
   * (after the driver's constructor: its locks are created first). Drivers never call it.
   */
  public void bind(IntervalNotifier notifier, DeviceMmu mmu) {
    Preconditions.checkState(this.notifier == null, "%s is bound already", name);
    this.notifier = notifier;
    this.pt = mmu;
  }

  /** The facade: {@code newMutex}, {@code newRwSem}, {@code newWaitQueue}, cells, {@code atomic}. */
  public Sync sync() {
    return mm.sync();
  }

  /** {@link Sync#atomic} returning a value: {@code body} runs as one indivisible step. */
  public <T> T atomic(String label, Supplier<T> body) {
    return Steps.atomic(mm.sync(), label, body);
  }

  /** The mirror's name, for naming the driver's own objects ({@code name + ".mutex"}). */
  public String name() {
    return name;
  }

  /** The device's id: its device-private memory zone and {@code pgmap->owner}. */
  public int deviceId() {
    return deviceId;
  }

  /** Number of virtual pages of the mirrored address space. */
  public int pages() {
    return mm.pages();
  }

  /** The mirrored address space (for {@code migrate_vma_*} and the drivers that walk it). */
  public Mm mm() {
    return mm;
  }

  /**
   * Declares the lock that serialises this driver's device page-table updates
   * ({@code dmirror->mutex}, {@code svmm->mutex}); set-up only. The properties then also check that
   * every update is made with it held. Drivers without one leave it undeclared.
   */
  public void setPageTableLock(Mutex lock) {
    ptLock = Preconditions.checkNotNull(lock);
  }

  /** The declared page-table lock, or null. */
  public Mutex pageTableLock() {
    return ptLock;
  }

  /** The device's translation hardware for this mirror. */
  public DeviceMmu devicePageTable() {
    return pt;
  }

  // ------------------------------------------------------------------ mm

  /** {@code mmget_not_zero}: false once the mm is exiting; else hold it until {@link #mmput}. */
  public boolean mmgetNotZero(String role) {
    return mm.mmgetNotZero(role + ":mmget_not_zero");
  }

  /** {@code mmput}. */
  public void mmput(String role) {
    mm.mmput(role);
  }

  /** {@code mmap_read_lock}. */
  public void mmapReadLock(String role) {
    mm.mmapLock().downRead(role + ":mmap_read_lock");
  }

  /** {@code mmap_read_unlock}. */
  public void mmapReadUnlock(String role) {
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
  }

  // ------------------------------------------------------------------ interval notifier

  /** {@code mmu_interval_notifier_insert}: the notifier starts receiving invalidations. */
  public void mmuIntervalNotifierInsert(String role) {
    mm.notifier().insert(role, notifier);
  }

  /** {@code mmu_interval_notifier_remove}: waits for an invalidation in progress to end. */
  public void mmuIntervalNotifierRemove(String role) {
    mm.notifier().remove(role, notifier);
  }

  /** {@code mmu_interval_read_begin}: waits out an invalidation in progress, returns the sequence. */
  public long mmuIntervalReadBegin(String role) {
    return mm.notifier().readBegin(role, notifier);
  }

  /**
   * {@code mmu_interval_read_retry}: whether an invalidation started since {@code seq}; call with
   * the page-table lock held, just before installing.
   */
  public boolean mmuIntervalReadRetry(String role, long seq) {
    return mm.notifier().readRetry(role, notifier, seq);
  }

  /** {@code mmu_interval_check_retry}: the same test without the lock, as an early-out only. */
  public boolean mmuIntervalCheckRetry(String role, long seq) {
    return mm.notifier().checkRetry(role, notifier, seq);
  }

  /** {@code mmu_interval_set_seq}: records {@code curSeq} from the invalidate callback. */
  public void mmuIntervalSetSeq(String role, long curSeq) {
    mm.notifier().setSeq(role, notifier, curSeq);
  }

  /** First page the notifier covers (0: it covers the whole mm). */
  public int notifierStart() {
    return notifier.start();
  }

  /** One past the last page the notifier covers. */
  public int notifierEnd() {
    return notifier.end();
  }

  // ------------------------------------------------------------------ hmm

  /**
   * A {@code struct hmm_range} over {@code [start, end)} of this mirror's notifier, sampled at
   * {@code notifierSeq}, with {@code flags} ({@link HmmRange#REQ_FAULT}, {@link HmmRange#REQ_WRITE};
   * 0 snapshots without faulting) and this device as {@code dev_private_owner}.
   */
  public HmmRange hmmRange(long notifierSeq, int start, int end, int flags) {
    return new HmmRange(notifier, notifierSeq, start, end, flags, HmmPfns.local(start, end),
        deviceId);
  }

  /**
   * {@code hmm_range_fault} (call with the mmap lock held for read): fills {@code range.pfns()}.
   * Returns 0, {@code -EBUSY} when an invalidation collided (start again from
   * {@link #mmuIntervalReadBegin}), {@code -EFAULT} or {@code -EPERM}.
   */
  public int hmmRangeFault(String role, HmmRange range) {
    return Hmm.rangeFault(mm, role, range);
  }

  /**
   * {@link #hmmRange(long, int, int, int)} filling the driver's own {@code hmm_pfns} array instead of
   * a private one: {@code umem_odp->pfn_list}, which every fault of the umem shares and
   * {@code hmm_range_fault} writes without the driver lock, so only what {@code read_retry} validated
   * under that lock may be used.
   */
  public HmmRange hmmRange(long notifierSeq, int start, int end, int flags, HmmPfns pfns) {
    return new HmmRange(notifier, notifierSeq, start, end, flags, pfns, deviceId);
  }

  /**
   * Installs page {@code v} -> {@code frame} in the device page table inside the caller's step, for a
   * driver that installs from its own DMA list ({@code umem_odp->dma_list}) rather than from an
   * {@link HmmRange}: {@code frame} came from {@code hmm_range_fault} sampled at {@code notifierSeq}
   * and was validated by {@code mmu_interval_read_retry} under the page-table lock. The properties
   * hold the install to that sample (S7), as {@link DeviceMmu#installInStep(String, HmmRange, int,
   * boolean)} does; the page is DMA-mapped if it is not already.
   */
  public void installInStep(String label, long notifierSeq, int v, int frame, boolean writable) {
    pt.installInStep(label, v, pt.entry(v, frame, writable));
    mm.ghost().faultInstall(notifier.ghost(), notifierSeq, mm.id(), v, frame, writable);
  }

  // ------------------------------------------------------------------ the driver's own bookkeeping

  /**
   * Inside the caller's step, with the page-table lock held: the driver's count of mapped pages
   * ({@code umem_odp->npages}) against the entries of its DMA list it counts. S10 fails when they
   * differ, i.e. when the two were not changed together under the lock.
   */
  public void npagesInStep(int npages, int entries) {
    mm.ghost().bookkeeping(pt.ghost(), npages, entries);
  }

  /**
   * Inside the caller's step: the driver queued the deferred work {@code work} of this mirror
   * ({@code queue_work}, e.g. {@code destroy_unused_implicit_child_mr}). S10 fails when a mirror's
   * work is queued twice.
   */
  public void queueWorkInStep(String work) {
    mm.ghost().workQueued(pt.ghost(), work);
  }

  // ------------------------------------------------------------------ migration

  /**
   * {@code migrate_vma_setup} of {@code [start, end)} with this device as the {@code pgmap_owner}:
   * collects and isolates the pages (to device memory when {@code fromDevice} is false, back to
   * system memory when true), then {@code allocAndCopy}, {@link MigrateVma#pages()}
   * ({@code migrate_vma_pages}) and {@link MigrateVma#finalizeMigration()}
   * ({@code migrate_vma_finalize}). The MIGRATE invalidation carries this device as owner.
   */
  public MigrateVma migrateVmaSetup(String role, int start, int end, boolean fromDevice) {
    return MigrateVma.setup(mm, role, start, end, deviceId, fromDevice);
  }

  /** {@code set_page_dirty} of a frame, inside the caller's step. */
  public void setPageDirtyInStep(String label, int frame) {
    mm.mem().setPageDirtyInStep(label, frame);
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.odp;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.DriverNotifierOps;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct ib_umem_odp} for pages {@code [start, end)} of an mm, with its mlx5 MR: the interval
 * notifier, {@code umem_mutex}, {@code pfn_list} (HMM output, shared, written without the mutex),
 * {@code dma_list}, {@code npages}, {@code private} (the MR, null once deregistered) and, for an
 * implicit-MR child, the {@code dying} flag of its deferred destroy. The mlx5 driver code that works
 * on them is a {@link dev.mirrorcheck.driver.MirrorDriver} ({@link Mlx5OdpDriver}); this class runs
 * it as {@code Dmirror} runs a GPU driver, recording for the properties what its calls returned.
 */
public final class IbUmemOdp {
  private final Mm mm;
  private final int start;
  private final int end;
  private final String name;
  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final Mutations mut;
  private final OdpContext ctx;
  private final boolean implicitChild;
  private final Mutex umemMutex;
  private final RefArray<HmmPfn> pfnList;
  private final RefArray<DmaEntry> dmaList;
  private final IntCell npages;
  private final RefCell<Mlx5Mr> priv;
  private final BoolCell dying;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final IntervalNotifier notifier;
  private final DriverKernel kernel;
  private final Mlx5OdpDriver driver;
  private final Mlx5Mr mr;
  private final Mlx5ImplicitMr parent;

  /**
   * {@code ib_umem_odp_get} + {@code mlx5_ib_reg_user_mr} (set-up): the umem, its MR and notifier;
   * call {@link #registerAtSetup} or {@link #register} to insert the notifier.
   *
   * @param implicitChild a stand-alone child of an implicit MR in the Linux 5.4 form: the
   *     invalidation that empties it queues its destruction once ({@code dying}); the work is not run
   */
  public IbUmemOdp(Mm mm, Mutations mut, OdpContext ctx, String name, int start, int end,
      boolean implicitChild) {
    this(mm, mut, ctx, name, start, end, implicitChild, null);
  }

  /** A child MR of {@code parent} (an entry of the MR cache, allocated by a page fault). */
  IbUmemOdp(Mm mm, Mutations mut, OdpContext ctx, String name, int start, int end,
      Mlx5ImplicitMr parent) {
    this(mm, mut, ctx, name, start, end, false, parent);
  }

  private IbUmemOdp(Mm mm, Mutations mut, OdpContext ctx, String name, int start, int end,
      boolean implicitChild, Mlx5ImplicitMr parent) {
    this.parent = parent;
    this.mm = mm;
    this.start = start;
    this.end = end;
    this.name = name;
    this.sync = mm.sync();
    this.mem = mm.mem();
    this.ghost = mm.ghost();
    this.mut = mut;
    this.ctx = ctx;
    this.implicitChild = implicitChild;
    umemMutex = sync.newMutex(name + ".umem_mutex");
    pfnList = sync.newRefArray(name + ".pfn_list", end - start, HmmPfn.NONE);
    dmaList = sync.newRefArray(name + ".dma_list", end - start, null);
    npages = sync.newInt(name + ".npages", 0);
    dying = sync.newBool(name + ".dying", false);
    gm = ghost.newMirror(name, mm.id(), mm.pages());
    mmu = new DeviceMmu(mem, gm, name + ".mtt", mm.pages());
    mr = new Mlx5Mr(sync, this, name + ".mr", ctx.device(), mut, parent == null);
    priv = sync.newRef(name + ".private", mr);
    kernel = new DriverKernel(mm, name, HmmRange.NO_OWNER);
    driver = new Mlx5OdpDriver(kernel, this);
    notifier = new IntervalNotifier(sync, name + ".notifier", start, end,
        new DriverNotifierOps(driver, ghost, mmu, HmmRange.NO_OWNER),
        ghost.newSub(name + ".notifier", start, end, gm));
    kernel.bind(notifier, mmu);
  }

  public Mm mm() {
    return mm;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public String name() {
    return name;
  }

  Mutations mutations() {
    return mut;
  }

  OdpContext context() {
    return ctx;
  }

  boolean implicitChild() {
    return implicitChild;
  }

  /** The implicit MR this umem is a child MR of ({@code mr->parent}), or null. */
  public Mlx5ImplicitMr parent() {
    return parent;
  }

  public Mutex umemMutex() {
    return umemMutex;
  }

  /** {@code pfn_list}, indexed by page - start. */
  public RefArray<HmmPfn> pfnList() {
    return pfnList;
  }

  /** {@code dma_list}, indexed by page - start. */
  public RefArray<DmaEntry> dmaList() {
    return dmaList;
  }

  public IntCell npages() {
    return npages;
  }

  /** {@code umem_odp->private}: the MR, or null after deregistration. */
  public RefCell<Mlx5Mr> privateMr() {
    return priv;
  }

  public BoolCell dying() {
    return dying;
  }

  /** The MR (still the object after deregistration; its key is then revoked). */
  public Mlx5Mr mr() {
    return mr;
  }

  /** The MTTs and the HCA's translation cache. */
  public DeviceMmu mmu() {
    return mmu;
  }

  public IntervalNotifier notifier() {
    return notifier;
  }

  public GhostMirror ghostMirror() {
    return gm;
  }

  /** The shared {@code pfn_list} as {@code range->hmm_pfns}. */
  HmmPfns pfns() {
    return new PfnList(pfnList, start);
  }

  /** {@code pfn_list} indexed by virtual page (a named class: JPF names anonymous ones Outer$N). */
  private static final class PfnList implements HmmPfns {
    private final RefArray<HmmPfn> list;
    private final int start;

    PfnList(RefArray<HmmPfn> list, int start) {
      this.list = list;
      this.start = start;
    }

    @Override
    public HmmPfn get(String label, int v) {
      return list.get(label, v - start);
    }

    @Override
    public void set(String label, int v, HmmPfn pfn) {
      list.set(label, v - start, pfn);
    }
  }

  /** Number of non-empty {@code dma_list} entries, by peek (S10 bookkeeping). */
  int mappedPeek() {
    int n = 0;
    for (int k = 0; k < end - start; k++) {
      if (dmaList.peek(k) != null) {
        n++;
      }
    }
    return n;
  }

  /** Whether a {@code dma_list} entry of {@code [lo, hi)} is set, inside the caller's step. */
  boolean anyMappedInStep(String label, int lo, int hi) {
    for (int v = lo; v < hi; v++) {
      if (dmaList.get(label, v - start) != null) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ registration

  /** Inserts the notifier during world set-up. */
  public IbUmemOdp registerAtSetup() {
    mm.notifier().insertAtSetup(notifier);
    return this;
  }

  /** Registration at run time: {@code mmu_interval_notifier_insert} under {@code umem_rwsem}. */
  public void register() {
    ctx.umemRwsem().downWrite("reg:umem_rwsem_write");
    kernel.mmuIntervalNotifierInsert("reg");
    ctx.umemRwsem().upWrite("reg:umem_rwsem_unlock");
  }

  // ------------------------------------------------------------------ the driver's entry points

  /** The kernel and MTTs as the driver sees them. */
  DriverKernel kernel() {
    return kernel;
  }

  /** The mlx5 driver of this umem. */
  public Mlx5OdpDriver driver() {
    return driver;
  }

  /**
   * {@code pagefault_real_mr} through the driver: a fault of {@code [start, end)} (writable if
   * {@code write}), or with {@code fault} false a snapshot-mode prefetch; the result is recorded.
   */
  int pagefaultRealMr(String role, int start, int end, boolean write, boolean fault) {
    int rc = fault ? driver.fault(role, start, end, write) : driver.prefetchNoFault(role, start, end);
    ghost.faultRet(notifier.ghost(), start, end, rc);
    return rc;
  }

  /** Deregistration: the driver's teardown, then the umem is freed. */
  void dereg() {
    driver.release("dereg");
    sync.atomic("dereg:kfree", () -> ghost.subFreed(notifier.ghost()));
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.legacyodp;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.odp.UnboundWq;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;

/**
 * The ODP part of {@code struct ib_ucontext} (v4.x, the v4 umem_odp.c): the interval tree of the process's ODP
 * umems under {@code umem_rwsem}, the atomic {@code notifier_count} of running invalidations, the
 * {@code no_private_counters} list of umems registered while one ran, {@code odp_mrs_count}, and the
 * classic {@code mmu_notifier} registered with the first umem. It also carries what it uses of its
 * device ({@code mlx5_ib_dev}): {@code mr_srcu} and the {@code system_unbound_wq} prefetch work runs
 * on, shared by the contexts of one HCA.
 */
public final class IbUcontext {
  private final Mm mm;
  private final String name;
  private final Sync sync;
  private final RwSem umemRwsem;
  private final RefCell<ImmutableList<IbUmem>> umemTree;
  private final IntCell notifierCount;
  private final RefCell<ImmutableList<IbUmem>> noPrivateCounters;
  private final IntCell odpMrsCount;
  private final MmuNotifier mn;
  private final MrSrcu mrSrcu;
  private final UnboundWq wq;

  /** A context on an HCA of its own. */
  public IbUcontext(Mm mm, String name) {
    this(mm, name, new MrSrcu(mm.sync(), name + ".mr_srcu"), new UnboundWq(mm.sync()));
  }

  /** A context of {@code mm} on the HCA whose {@code mr_srcu} and work queue these are. */
  public IbUcontext(Mm mm, String name, MrSrcu mrSrcu, UnboundWq wq) {
    this.mm = mm;
    this.name = name;
    this.sync = mm.sync();
    umemRwsem = sync.newRwSem(name + ".umem_rwsem", true);
    umemTree = sync.newRef(name + ".umem_tree", ImmutableList.of());
    notifierCount = sync.newInt(name + ".notifier_count", 0);
    noPrivateCounters = sync.newRef(name + ".no_private_counters", ImmutableList.of());
    odpMrsCount = sync.newInt(name + ".odp_mrs_count", 0);
    mn = new MmuNotifier(name + ".mn", new UmemNotifiers(this), mm.ghost());
    this.mrSrcu = mrSrcu;
    this.wq = wq;
  }

  public Mm mm() {
    return mm;
  }

  public String name() {
    return name;
  }

  Sync sync() {
    return sync;
  }

  public RwSem umemRwsem() {
    return umemRwsem;
  }

  /** The ODP umems; read with peek. */
  public RefCell<ImmutableList<IbUmem>> umemTree() {
    return umemTree;
  }

  public IntCell notifierCount() {
    return notifierCount;
  }

  public RefCell<ImmutableList<IbUmem>> noPrivateCounters() {
    return noPrivateCounters;
  }

  public IntCell odpMrsCount() {
    return odpMrsCount;
  }

  /** {@code context->mn}. */
  public MmuNotifier mmuNotifier() {
    return mn;
  }

  /** {@code mlx5_ib_dev->mr_srcu}. */
  public MrSrcu mrSrcu() {
    return mrSrcu;
  }

  /** {@code system_unbound_wq}. */
  UnboundWq wq() {
    return wq;
  }

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

  @Override
  public String toString() {
    return name;
  }
}

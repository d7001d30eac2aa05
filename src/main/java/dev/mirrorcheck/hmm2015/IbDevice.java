package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.notifier.Srcu;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An mlx5 {@code struct ib_device} with the ODP-on-HMM RFC's additions (v1 33/36 and 34/36): {@code
 * hmm_dev} registered with the mlx5 callbacks ({@code mlx5_dev_init_odp_hmm}), the {@code
 * ib_mirrors} list and {@code hmm_mutex}; plus {@code mlx5_ib_dev->mr_srcu}, which page-fault
 * handlers hold while they use an MR (Linux 4.1 mlx5).
 */
public final class IbDevice {
  private final String name;
  private final Sync sync;
  private final Mutex hmmMutex;
  private final RefCell<ImmutableList<IbMirror>> ibMirrors;
  private final Srcu mrSrcu;
  private final Mlx5HmmOps ops;
  private final HmmDevice hmmDev;
  private final Map<Mm, IbMirror> allocated = new IdentityHashMap<>();
  private final Map<Mm, IbUcontextHmm> contexts = new IdentityHashMap<>();

  public IbDevice(Sync sync, String name) {
    this.name = name;
    this.sync = sync;
    hmmMutex = sync.newMutex(name + ".hmm_mutex");
    ibMirrors = sync.newRef(name + ".ib_mirrors", ImmutableList.of());
    mrSrcu = new Srcu(sync, name + ".mr_srcu");
    ops = new Mlx5HmmOps();
    hmmDev = new HmmDevice(name + ".hmm_dev", ops);
  }

  public String name() {
    return name;
  }

  Sync sync() {
    return sync;
  }

  public Mutex hmmMutex() {
    return hmmMutex;
  }

  /** The live {@code ib_mirror}s; read with peek. */
  public RefCell<ImmutableList<IbMirror>> ibMirrors() {
    return ibMirrors;
  }

  /** {@code mlx5_ib_dev->mr_srcu}. */
  public Srcu mrSrcu() {
    return mrSrcu;
  }

  public HmmDevice hmmDevice() {
    return hmmDev;
  }

  /**
   * The memory of this device's {@code ib_mirror} for {@code mm}, allocated during set-up on first
   * request; whether it is live is {@link #ibMirrors()}'s business ({@code ib_umem_odp_get}).
   */
  IbMirror mirrorFor(Mm mm) {
    IbMirror m = allocated.get(mm);
    if (m == null) {
      Preconditions.checkState(sync.currentActor() == null, "ib_mirror allocated after set-up");
      m = new IbMirror(this, mm, name + "." + mm.name() + ".ib_mirror");
      allocated.put(mm, m);
      ops.bind(m);
    }
    return m;
  }

  /**
   * The uverbs context of {@code mm}'s process on this device (one opened file), created during
   * set-up on first request.
   */
  public IbUcontextHmm ucontext(Mm mm) {
    IbUcontextHmm c = contexts.get(mm);
    if (c == null) {
      Preconditions.checkState(sync.currentActor() == null, "ucontext created after set-up");
      c = new IbUcontextHmm(this, mm, name + "." + mm.name() + ".ucontext");
      contexts.put(mm, c);
    }
    return c;
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.hmm2015;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct ib_mirror} (ODP-on-HMM RFC v1 33/36 "IB/odp/hmm: add core infiniband structure and
 * helper for ODP with HMM", {@code umem_rwsem} as 34/36 renamed it; the RFC v2 text is lost): the
 * one HMM mirror of a process on an IB device (several ucontexts of a process must share it: HMM
 * allows one mirror per device and mm), with a reference count held by the ucontext that created
 * it and by each of its umems, the interval tree of its ODP umems and {@code umem_rwsem}.
 */
public final class IbMirror {
  private final IbDevice device;
  private final Mm mm;
  private final String name;
  private final HmmMirror base;
  private final IntCell kref;
  private final RefCell<ImmutableList<IbUmemHmm>> umemTree;
  private final RwSem umemRwsem;

  IbMirror(IbDevice device, Mm mm, String name) {
    Sync sync = mm.sync();
    this.device = device;
    this.mm = mm;
    this.name = name;
    this.base = new HmmMirror(device.hmmDevice(), mm, name);
    this.kref = sync.newInt(name + ".kref", 0);
    this.umemTree = sync.newRef(name + ".umem_tree", ImmutableList.of());
    this.umemRwsem = sync.newRwSem(name + ".umem_rwsem", true);
  }

  public IbDevice device() {
    return device;
  }

  public Mm mm() {
    return mm;
  }

  public String name() {
    return name;
  }

  /** {@code ib_mirror->base}. */
  public HmmMirror base() {
    return base;
  }

  /** References: the creating ucontext's and one per umem; read with peek. */
  public IntCell kref() {
    return kref;
  }

  public RefCell<ImmutableList<IbUmemHmm>> umemTree() {
    return umemTree;
  }

  public RwSem umemRwsem() {
    return umemRwsem;
  }

  /**
   * {@code ib_mirror_unref} (33/36): {@code kref_put}, outside {@code hmm_mutex}; the last
   * reference runs {@code ib_mirror_destroy}: {@code hmm_mirror_unregister} first, then the unlink
   * from the device's list under {@code hmm_mutex}.
   */
  void unref(String role) {
    if (kref.getAndAdd(role + ":ib_mirror_unref", -1) != 1) {
      return;
    }
    base.unregister(role);
    device.hmmMutex().lock(role + ":hmm_mutex");
    String label = role + ":ib_mirror_list_del";
    sync().atomic(label, () -> device.ibMirrors().set(label,
        Hmm.minus(device.ibMirrors().get(role + ":ib_mirrors"), this)));
    device.hmmMutex().unlock(role + ":hmm_mutex_unlock");
  }

  /** {@code ib_mirror_ref} (33/36): {@code kref_get_unless_zero}, inside the caller's step. */
  boolean refInStep(String label) {
    int k = kref.get(label);
    if (k == 0) {
      return false;
    }
    kref.set(label, k + 1);
    return true;
  }

  /** {@code ib_mirror_ref} as a step of its own. */
  boolean ref(String role) {
    return Steps.atomic(sync(), role + ":ib_mirror_ref", () -> refInStep(role + ":ib_mirror_ref"));
  }

  private Sync sync() {
    return mm.sync();
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.mirrorcheck.hmm2015;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct ib_mirror} (RFC patch 33): the one HMM mirror of a process on an IB device (several
 * ucontexts of a process must share it: HMM allows one mirror per device and mm), with a reference
 * count, the interval tree of its ODP umems and {@code umem_rwsem}.
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

  /** Umems using this mirror; read with peek. */
  public IntCell kref() {
    return kref;
  }

  public RefCell<ImmutableList<IbUmemHmm>> umemTree() {
    return umemTree;
  }

  public RwSem umemRwsem() {
    return umemRwsem;
  }

  @Override
  public String toString() {
    return name;
  }
}

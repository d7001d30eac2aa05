package dev.mirrorcheck.check;

import dev.mirrorcheck.driver.DevPte;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.hmm2015.HmmMirror;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.sync.Mutex;

/**
 * What the checkers need of one mirror, whatever its design: its address space, translation
 * hardware, the ghost identity of its range, its interval notifier (modern designs only), the driver
 * lock that serialises its hardware updates (modern designs only: 2015 updates are single atomic
 * hmm_pt steps, legacy ones are ordered by notifiers_count), the device whose private memory and migrations it owns (-1 for ODP) and
 * the pages it covers.
 */
final class Mirror {
  /** Whether a fault validated at {@code seq} may still install (the design's retry predicate). */
  @FunctionalInterface
  interface Retry {
    /** Null when a fault sampled at {@code seq} is still valid, else what invalidated it (peek). */
    String stale(long seq);
  }

  final String name;
  final Mm mm;
  final DeviceMmu mmu;
  final GhostMirror ghost;
  final GhostSub sub;
  final IntervalNotifier notifier; // null: no interval notifier (2015 and legacy designs)
  final Retry retry; // null: the design validates without a sequence (2015 backoff)
  final Mutex lock; // null: no driver lock around hardware updates
  final int device;
  final int first;
  final int end;

  private Mirror(String name, Mm mm, DeviceMmu mmu, GhostMirror ghost, GhostSub sub,
      IntervalNotifier notifier, Retry retry, Mutex lock, int device, int first, int end) {
    this.name = name;
    this.mm = mm;
    this.mmu = mmu;
    this.ghost = ghost;
    this.sub = sub;
    this.notifier = notifier;
    this.retry = retry;
    this.lock = lock;
    this.device = device;
    this.first = first;
    this.end = end;
  }

  private static Mirror interval(String name, Mm mm, DeviceMmu mmu, GhostMirror ghost,
      IntervalNotifier n, Mutex lock, int device) {
    // mmu_interval_read_retry: any callback since read_begin moved i.seq
    Retry retry = seq -> {
      long now = n.seqCell().peek();
      return now == seq ? null : "the notifier is at seq " + now;
    };
    return new Mirror(name, mm, mmu, ghost, n.ghost(), n, retry, lock, device, n.start(), n.end());
  }

  static Mirror of(Dmirror d) {
    return interval(d.name(), d.mm(), d.mmu(), d.ghostMirror(), d.notifier(), d.lock(),
        d.device().id());
  }

  static Mirror of(IbUmemOdp u) {
    return interval(u.name(), u.mm(), u.mmu(), u.ghostMirror(), u.notifier(), u.umemMutex(), -1);
  }

  static Mirror of(IbUmemHmm u) {
    return new Mirror(u.name(), u.mm(), u.mmu(), u.ghostMirror(), u.ghostSub(), null, null, null,
        -1, u.start(), u.end());
  }

  /**
   * The 2015 HMM mirror behind a process's MRs: it owns the DMA mappings its MRs' MTTs use (its own
   * device page table stays empty), so the DMA-mapping checks see them.
   */
  static Mirror of(HmmMirror m) {
    return new Mirror(m.name(), m.mm(), m.iommu(), m.ghostMirror(), null, null, null, null, -1, 0,
        m.mm().pages());
  }

  static Mirror of(IbUmem u) {
    // ib_umem_mmu_notifier_retry: an open invalidation or a completed one since the sample
    Retry retry = seq -> {
      int count = u.notifiersCount().peek();
      int now = u.notifiersSeq().peek();
      return count != 0 ? "notifiers_count is " + count
          : now != seq ? "notifiers_seq is " + now : null;
    };
    // no lock clause: the zap runs outside umem_mutex and is ordered against the fault's MTT
    // update by notifiers_count, raised under umem_mutex before it (include/rdma/ib_umem_odp.h; S7 checks the predicate)
    return new Mirror(u.name(), u.mm(), u.mmu(), u.ghostMirror(), u.ghostSub(), null, retry, null,
        -1, u.start(), u.end());
  }

  /** This mirror's bit in the ghost's per-frame masks. */
  int bit() {
    return 1 << ghost.id();
  }

  /** Whether this mirror maps {@code frame} writable at some page other than {@code except} (peek). */
  boolean mapsWritable(int frame, int except) {
    boolean found = false;
    for (int v = first; v < end; v++) {
      DevPte e = mmu.pt().peek(v);
      found |= v != except && e != null && e.writable() && e.frame() == frame;
    }
    return found;
  }

  @Override
  public String toString() {
    return name;
  }
}

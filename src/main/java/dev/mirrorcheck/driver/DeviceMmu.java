package dev.mirrorcheck.driver;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.RefArray;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's translation hardware for one mirror: the device page table (dmirror's xarray, mlx5's
 * MTTs), a device TLB, the translations in-flight DMAs are using (any number per page: each access
 * has its own record, as engines and queues of real hardware do) and the IOMMU mappings the driver
 * made. The driver updates it under its own lock; the DMA engine uses it without any lock.
 */
public final class DeviceMmu {
  /** Returned by {@link #access} when the DMA raised a device page fault. */
  public static final int FAULT = Integer.MIN_VALUE;

  private final Sync sync;
  private final PhysMem mem;
  private final Ghost ghost;
  private final GhostMirror gm;
  private final RefArray<DevPte> pt;
  private final RefArray<DevPte> tlb;
  private final RefArray<ImmutableList<DevPte>> inflight;
  private final IntArray dmaAddr;
  private final WaitQueue dmaWq;

  public DeviceMmu(PhysMem mem, GhostMirror gm, String name, int pages) {
    this(mem, gm, name, pages, null);
  }

  /**
   * A translation engine whose DMA goes through the IOMMU mappings {@code iommu} owns (null: its
   * own). Several engines may share one owner's mappings, as the MRs of one process on a 2015 HCA
   * share the DMA addresses HMM keeps in its mirror page table; the mapping calls stay the owner's.
   */
  public DeviceMmu(PhysMem mem, GhostMirror gm, String name, int pages, DeviceMmu iommu) {
    this.sync = mem.sync();
    this.mem = mem;
    this.ghost = mem.ghost();
    this.gm = gm;
    pt = sync.newRefArray(name + ".devpt", pages, null);
    tlb = sync.newRefArray(name + ".devtlb", pages, null);
    inflight = sync.newRefArray(name + ".inflight", pages, ImmutableList.<DevPte>of());
    dmaAddr = iommu == null ? sync.newIntArray(name + ".dma", pages, -1) : iommu.dmaAddr;
    dmaWq = sync.newWaitQueue(name + ".dma_done");
  }

  /** A removed translation, for the DMA-unmap and dirty pass after the flush. */
  public static final class Zapped {
    private final int v;
    private final DevPte entry;

    Zapped(int v, DevPte entry) {
      this.v = v;
      this.entry = entry;
    }

    public int v() {
      return v;
    }

    public DevPte entry() {
      return entry;
    }
  }

  public GhostMirror ghost() {
    return gm;
  }

  public int pages() {
    return pt.length();
  }

  // ------------------------------------------------------------------ driver side (driver lock held)

  /** A translation of {@code frame} for page {@code v} stamped with the current ghost generations. */
  public DevPte entry(int v, int frame, boolean writable) {
    return new DevPte(frame, writable, mem.generation(frame), gm.invGen().peek(v));
  }

  /** An atomic translation of a page the device holds exclusively, stamped like {@link #entry}. */
  public DevPte atomicEntry(int v, int frame) {
    return DevPte.atomic(frame, mem.generation(frame), gm.invGen().peek(v));
  }

  /**
   * Installs {@code e} for {@code v} inside the caller's step, DMA-mapping a new system frame; the
   * update also drops the device TLB's copy of the old translation (as a UMR update does), so a
   * device that faulted on a stale read-only copy sees the upgrade.
   */
  public void installInStep(String label, int v, DevPte e) {
    DevPte old = pt.get(label, v);
    if (old != null && old.frame() != e.frame()) {
      dmaUnmapInStep(label, v);
    }
    dmaMapInStep(label, v, e.frame());
    pt.set(label, v, e);
    if (tlb.get(label, v) != null) {
      tlb.set(label, v, null);
    }
    ghost.devMap(gm, v, e);
  }

  /**
   * Installs, inside the caller's step, the translation {@code hmm_range_fault} returned in
   * {@code range} for page {@code v} ({@code writable} as the driver decides: a driver that grants
   * more than the snapshot holds is caught by the properties), DMA-mapping it as
   * {@link #installInStep(String, int, DevPte)} does. The range's {@code notifier_seq} is what the
   * properties hold the install to: call this only after {@code mmu_interval_read_retry} under the
   * page-table lock said the range is still valid.
   */
  public void installInStep(String label, HmmRange range, int v, boolean writable) {
    HmmPfn pfn = range.pfns().get(label, v);
    if (!pfn.valid()) {
      throw new IllegalArgumentException(gm + " installs page " + v
          + " that hmm_range_fault did not return valid (" + pfn + ")");
    }
    installInStep(label, v, entry(v, pfn.frame(), writable));
    ghost.faultInstall(range.notifier().ghost(), range.notifierSeq(), gm.mm(), v, pfn.frame(),
        writable);
  }

  /**
   * Installs {@code e} for {@code v} inside the caller's step without touching the IOMMU: the caller
   * owns the page's DMA mapping (the 2015 HMM core maps pages into its {@code hmm_pt} itself).
   */
  public void installMappedInStep(String label, int v, DevPte e) {
    pt.set(label, v, e);
    if (tlb.get(label, v) != null) {
      tlb.set(label, v, null);
    }
    ghost.devMap(gm, v, e);
  }

  /**
   * Inside the caller's step: the driver posts an update of these translations to the device through
   * a key ({@code mlx5r_umr_post_send_wait}: a UMR against the MR's mkey), {@code keyValid} being
   * whether the key is still valid. S10 fails on an update through a revoked key, and on one made
   * without the declared page-table lock.
   */
  public void postUpdateInStep(boolean keyValid) {
    ghost.hwUpdate(gm, keyValid);
  }

  /** The current translation of {@code v}, inside the caller's step. */
  public DevPte lookupInStep(String label, int v) {
    return pt.get(label, v);
  }

  /** Zaps {@code [lo, hi)}, optionally flushing the device TLB with it; one HW update (UMR ZAP). */
  public List<Zapped> zapInStep(String label, int lo, int hi, boolean flushTlb) {
    List<Zapped> out = new ArrayList<>();
    for (int v = lo; v < hi; v++) {
      DevPte e = pt.get(label, v);
      if (e != null) {
        pt.set(label, v, null);
        ghost.devUnmap(gm, v, e);
        out.add(new Zapped(v, e));
      }
    }
    if (flushTlb) {
      flushTlbInStep(label, lo, hi);
    }
    return out;
  }

  /** Device TLB invalidation for {@code [lo, hi)}. */
  public void flushTlbInStep(String label, int lo, int hi) {
    for (int v = lo; v < hi; v++) {
      if (tlb.get(label, v) != null) {
        tlb.set(label, v, null);
      }
    }
  }

  /** Sleeps until no DMA in {@code [lo, hi)} is in flight (the UMR completion / fence). */
  public void waitForDma(String label, int lo, int hi) {
    dmaWq.waitUntil(label, () -> {
      for (int v = lo; v < hi; v++) {
        if (!inflight.get(label, v).isEmpty()) {
          return false;
        }
      }
      return true;
    });
  }

  /** Whether any translation of {@code [lo, hi)} is installed (inside the caller's step). */
  public boolean anyMappedInStep(String label, int lo, int hi) {
    for (int v = lo; v < hi; v++) {
      if (pt.get(label, v) != null) {
        return true;
      }
    }
    return false;
  }

  /** {@code dma_map_page} of a system frame for page {@code v} (device memory needs none). */
  public void dmaMapInStep(String label, int v, int frame) {
    if (mem.zone(frame) == PhysMem.SYSTEM && dmaAddr.get(label, v) != frame) {
      dmaAddr.set(label, v, frame);
      ghost.dmaMap(gm, v, frame);
    }
  }

  /** {@code dma_unmap_page} for page {@code v}, if mapped. */
  public void dmaUnmapInStep(String label, int v) {
    int f = dmaAddr.get(label, v);
    if (f >= 0) {
      dmaAddr.set(label, v, -1);
      ghost.dmaUnmap(gm, v, f);
    }
  }

  // ------------------------------------------------------------------ DMA engine (no lock)

  /**
   * One DMA access to page {@code v}: translate through the TLB (filling it from the page table) and
   * record the access as in flight, then in a second step read or write the frame and retire that
   * record (only its own: other accesses to the page stay in flight). Returns the value read or
   * written, or {@link #FAULT} when there is no translation or a write finds it read-only.
   */
  public int access(String role, int v, boolean write, int value) {
    String tr = role + ":translate";
    DevPte e = Steps.atomic(sync, tr, () -> {
      DevPte t = tlb.get(tr, v);
      if (t == null) {
        t = pt.get(tr, v);
        if (t == null) {
          return null;
        }
        tlb.set(tr, v, t);
      }
      if (write && !t.writable()) {
        return null;
      }
      inflight.set(tr, v, with(inflight.get(tr, v), t));
      return t;
    });
    if (e == null) {
      return FAULT;
    }
    String acc = role + (write ? ":write" : ":read");
    return Steps.atomic(sync, acc, () -> {
      int r;
      if (write) {
        mem.write(acc, e.frame(), value);
        r = value;
      } else {
        r = mem.read(acc, e.frame());
      }
      ghost.devAcc(gm, v, e, write, r);
      inflight.set(acc, v, without(inflight.get(acc, v), e));
      dmaWq.wakeAll(acc);
      return r;
    });
  }

  private static ImmutableList<DevPte> with(ImmutableList<DevPte> list, DevPte e) {
    return ImmutableList.<DevPte>builder().addAll(list).add(e).build();
  }

  /** {@code list} less one occurrence of {@code e}: the access that completed. */
  private static ImmutableList<DevPte> without(ImmutableList<DevPte> list, DevPte e) {
    ImmutableList.Builder<DevPte> b = ImmutableList.builder();
    boolean removed = false;
    for (DevPte x : list) {
      if (!removed && x == e) {
        removed = true;
      } else {
        b.add(x);
      }
    }
    if (!removed) {
      throw new IllegalStateException("DMA access to " + e + " was not in flight");
    }
    return b.build();
  }

  // ------------------------------------------------------------------ views for properties

  public RefArray<DevPte> pt() {
    return pt;
  }

  public RefArray<DevPte> tlb() {
    return tlb;
  }

  /** Per page, the translations of the DMA accesses in flight (one per access). */
  public RefArray<ImmutableList<DevPte>> inflight() {
    return inflight;
  }

  /** The frame DMA-mapped for each page, or -1. */
  public IntArray dmaAddr() {
    return dmaAddr;
  }
}

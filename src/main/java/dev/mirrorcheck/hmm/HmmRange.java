package dev.mirrorcheck.hmm;

import com.google.common.base.Preconditions;
import dev.mirrorcheck.notifier.IntervalNotifier;

/**
 * {@code struct hmm_range}: the subscription and sequence to check, pages {@code [start, end)}, the
 * default request flags and the owner whose device-private pages are returned without faulting. Per
 * page input flags are not modelled ({@code pfn_flags_mask == 0}, as dmirror and ODP use it).
 */
public final class HmmRange {
  /** {@code HMM_PFN_REQ_FAULT}: fault in missing pages. */
  public static final int REQ_FAULT = 1;
  /** {@code HMM_PFN_REQ_WRITE}: fault in write access. */
  public static final int REQ_WRITE = 2;
  /** No device-private owner. */
  public static final int NO_OWNER = -1;

  private final IntervalNotifier notifier;
  private final long notifierSeq;
  private final int start;
  private final int end;
  private final int defaultFlags;
  private final HmmPfns pfns;
  private final int devPrivateOwner;

  public HmmRange(IntervalNotifier notifier, long notifierSeq, int start, int end, int defaultFlags,
      HmmPfns pfns, int devPrivateOwner) {
    Preconditions.checkArgument(start < end, "empty range");
    Preconditions.checkArgument((defaultFlags & REQ_WRITE) == 0 || (defaultFlags & REQ_FAULT) != 0,
        "REQ_WRITE needs REQ_FAULT");
    this.notifier = notifier;
    this.notifierSeq = notifierSeq;
    this.start = start;
    this.end = end;
    this.defaultFlags = defaultFlags;
    this.pfns = pfns;
    this.devPrivateOwner = devPrivateOwner;
  }

  public IntervalNotifier notifier() {
    return notifier;
  }

  /** {@code range->notifier_seq}, from {@code mmu_interval_read_begin}. */
  public long notifierSeq() {
    return notifierSeq;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public int defaultFlags() {
    return defaultFlags;
  }

  public boolean fault() {
    return (defaultFlags & REQ_FAULT) != 0;
  }

  public boolean write() {
    return (defaultFlags & REQ_WRITE) != 0;
  }

  public HmmPfns pfns() {
    return pfns;
  }

  public int devPrivateOwner() {
    return devPrivateOwner;
  }
}

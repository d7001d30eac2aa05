package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.notifier.MmuNotifierOps;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * {@code hmm_notifier_ops} (HMM v9/v10): {@code invalidate_range_start} turns the mm event into an
 * {@link HmmEtype} and runs {@code hmm_update}; {@code release} kills every mirror. HMM has no
 * {@code invalidate_range_end}; with M1 it gets the 2019 one that revalidates the faults.
 */
final class HmmNotifier implements MmuNotifierOps {
  private final Hmm hmm;

  HmmNotifier(Hmm hmm) {
    this.hmm = hmm;
  }

  /** {@code hmm_notifier_invalidate_range_start}. */
  @Override
  public void invalidateRangeStart(MmuNotifier mn, NotifierRange range) {
    if (hmm.mutations().has(Mutation.M1)) {
      hmm.notifiersInc("inval"); // M1: undoes 02/15 (the 2019 notifier count instead of the active ranges)
    }
    HmmEtype etype = etype(range);
    if (etype == HmmEtype.NONE) {
      return;
    }
    hmm.update("inval", new HmmEvent(range.start(), range.end(), etype));
  }

  /** Only with M1: the 2019 {@code hmm_invalidate_range_end}. */
  @Override
  public void invalidateRangeEnd(MmuNotifier mn, NotifierRange range) {
    if (hmm.mutations().has(Mutation.M1)) {
      hmm.notifiersDec("inval_end"); // M1: undoes 02/15 (the end revalidates every fault: J. Gunthorpe's May 2019 hmm review ABA)
    }
  }

  /** {@code hmm_notifier_release}. */
  @Override
  public void release(MmuNotifier mn) {
    hmm.release("release");
  }

  /**
   * The {@code mmu_event} to {@code hmm_etype} switch of {@code hmm_notifier_invalidate_range_start};
   * an mprotect maps by the new VMA flags ({@code hmm_mmu_mprot_to_etype}).
   */
  static HmmEtype etype(NotifierRange range) {
    switch (range.event()) {
      case UNMAP:
        return HmmEtype.MUNMAP;
      case PROTECTION_VMA:
        if (!range.hasNewProt() || !range.newProtRead()) {
          return HmmEtype.MUNMAP;
        }
        return range.newProtWrite() ? HmmEtype.NONE : HmmEtype.WRITE_PROTECT;
      case PROTECTION_PAGE:
        return HmmEtype.WRITE_PROTECT; // MMU_WRITE_BACK and MMU_FORK: the same pte_mask
      default:
        return HmmEtype.MIGRATE; // MMU_MIGRATE and the default: try_to_unmap, COW, zaps
    }
  }
}

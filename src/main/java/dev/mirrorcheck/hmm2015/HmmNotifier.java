package dev.mirrorcheck.hmm2015;

import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.notifier.MmuNotifierOps;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * {@code hmm_notifier_ops} (HMM v9 05/15 and 07/15): {@code invalidate_range_start} (and {@code
 * invalidate_page}, the same for one page) turns the mm event into an {@link HmmEtype} and runs
 * {@code hmm_update}; {@code release} is {@code hmm_notifier_release}. HMM has no {@code
 * invalidate_range_end}; with M1 it gets the 2019 one that revalidates the faults.
 */
final class HmmNotifier implements MmuNotifierOps {
  private final Hmm hmm;

  HmmNotifier(Hmm hmm) {
    this.hmm = hmm;
  }

  /** {@code hmm_notifier_invalidate_range_start} (07/15). */
  @Override
  public void invalidateRangeStart(MmuNotifier mn, NotifierRange range) {
    if (hmm.mutations().has(Mutation.M1)) {
      // M1: undoes 02/15 (the 2019 notifier count instead of active ranges)
      hmm.notifiersInc("inval");
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
      // M1: undoes 02/15 (the end revalidates every fault: the 2019 ABA)
      hmm.notifiersDec("inval_end");
    }
  }

  /** {@code hmm_notifier_release} (05/15, 07/15, 08/15). */
  @Override
  public void release(MmuNotifier mn) {
    hmm.release("release");
  }

  /**
   * The {@code mmu_event} to {@code hmm_etype} switch of {@code
   * hmm_notifier_invalidate_range_start} (07/15); an mprotect maps by the new VMA flags ({@code
   * hmm_mmu_mprot_to_etype}). The model's events are coarser than 2015's {@code mmu_event}: a page
   * write-protect stands for {@code MMU_WRITE_BACK}, {@code MMU_KSM_WRITE_PROTECT} and {@code
   * MMU_FORK} alike (HMM_FORK and HMM_WRITE_PROTECT have the same mask and the same mlx5 handling),
   * and every zap that keeps the VMA for {@code MMU_MIGRATE}.
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
        return HmmEtype.WRITE_PROTECT;
      default:
        return HmmEtype.MIGRATE; // MMU_MIGRATE and the default: try_to_unmap, COW, zaps
    }
  }
}

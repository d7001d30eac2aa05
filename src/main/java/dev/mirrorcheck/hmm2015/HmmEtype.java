package dev.mirrorcheck.hmm2015;

/**
 * {@code enum hmm_etype} with the {@code pte_mask} {@code hmm_event_init} gives each type (HMM v9
 * 07/15 "HMM: add per mirror page table v4"; v10 unchanged by its cover letter). v9 dropped v8's
 * {@code HMM_ISDIRTY}: writeback write-protects instead, and the RFC rebased onto v10 cannot have
 * kept its {@code HMM_ISDIRTY} case.
 */
public enum HmmEtype {
  /** No device-visible change (an mprotect that keeps read and write); never dispatched. */
  NONE,
  /** fork write-protects private pages ({@code MMU_FORK}). */
  FORK,
  /** Migration, reclaim's try_to_unmap, COW break and every other zap ({@code MMU_MIGRATE}). */
  MIGRATE,
  /** munmap, a THP split, or an mprotect that removes read access. */
  MUNMAP,
  /** A device read fault. */
  DEVICE_RFAULT,
  /** A device write fault. */
  DEVICE_WFAULT,
  /** mprotect to read-only, writeback's page_mkclean, KSM, soft-dirty clearing. */
  WRITE_PROTECT;

  /** {@code hmm_event_init} (07/15): the bits of an {@code hmm_pte} that survive the event. */
  public int pteMask() {
    if (this == FORK || this == WRITE_PROTECT) {
      return ~HmmPte.WRITE;
    }
    return this == MIGRATE || this == MUNMAP ? 0 : HmmPte.ALL;
  }

  public boolean isDeviceFault() {
    return this == DEVICE_RFAULT || this == DEVICE_WFAULT;
  }
}

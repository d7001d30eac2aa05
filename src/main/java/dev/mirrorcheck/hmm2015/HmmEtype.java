package dev.mirrorcheck.hmm2015;

/** {@code enum hmm_etype} with {@code hmm_event_init}'s {@code pte_mask} (HMM v9/v10). */
public enum HmmEtype {
  /** No device-visible change (an mprotect that keeps read and write). */
  NONE,
  /** fork write-protects private pages. */
  FORK,
  /** The device must report dirty pages; entries stay. */
  ISDIRTY,
  /** Migration, reclaim's try_to_unmap, COW break and every other zap. */
  MIGRATE,
  /** munmap, or an mprotect that removes read access. */
  MUNMAP,
  /** A device read fault. */
  DEVICE_RFAULT,
  /** A device write fault. */
  DEVICE_WFAULT,
  /** mprotect to read-only, writeback's page_mkclean. */
  WRITE_PROTECT;

  /** The bits of an {@code hmm_pte} that survive the event. */
  public int pteMask() {
    switch (this) {
      case FORK:
      case WRITE_PROTECT:
        return ~HmmPte.WRITE;
      case MIGRATE:
      case MUNMAP:
        return 0;
      default:
        return HmmPte.ALL;
    }
  }

  public boolean isDeviceFault() {
    return this == DEVICE_RFAULT || this == DEVICE_WFAULT;
  }
}

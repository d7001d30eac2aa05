package dev.mirrorcheck.notifier;

/** {@code enum mmu_notifier_event}: why a range is being invalidated. */
public enum NotifierEvent {
  /** munmap. */
  UNMAP,
  /** zap without unmapping the VMA: madvise(DONTNEED), reclaim's try_to_unmap, COW break. */
  CLEAR,
  /** mprotect. */
  PROTECTION_VMA,
  /** write-protect of single pages: fork COW, page_mkclean. */
  PROTECTION_PAGE,
  /** page migration, including migrate_vma with an owner. */
  MIGRATE,
  /** make_device_exclusive. */
  EXCLUSIVE,
  /** exit_mmap via mmu_notifier_release. */
  RELEASE;

  /** Whether the event only removes write permission. */
  public boolean isProtection() {
    return this == PROTECTION_VMA || this == PROTECTION_PAGE;
  }
}

package dev.mirrorcheck.device;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the device models label (a label is {@code ROLE:STEP}; these are the STEPs):
 * the device MMU and DMA engine every design's hardware uses ({@link #MMU}), and the dmirror driver
 * of lib/test_hmm.c ({@link #DMIRROR}). Coverage and {@code must-reach} read them through the label
 * inventory.
 */
public final class DeviceLabels {
  private DeviceLabels() {}

  /** The device MMU, TLB and DMA engine (dmirror's device, the HCA behind an MR). */
  public static final ImmutableMap<String, String> MMU = ImmutableMap.<String, String>builder()
      .put("translate", "a device access looks the page up in its TLB, filling it from the device page table")
      .put("read", "the device reads the frame (DMA load)")
      .put("write", "the device writes the frame (DMA store)")
      .build();

  /** The dmirror driver (lib/test_hmm.c) on an interval notifier. */
  public static final ImmutableMap<String, String> DMIRROR = ImmutableMap.<String, String>builder()
      .put("mmget_not_zero", "mmget_not_zero(): the fault or ioctl pins the mm, failing once it exits")
      .put("lock", "mutex_lock(&dmirror->mutex)")
      .put("trylock", "mutex_trylock(&dmirror->mutex) for a non-blockable invalidation")
      .put("unlock", "mutex_unlock(&dmirror->mutex)")
      .put("install", "dmirror_do_fault(): the device page table updated from the validated pfns, under dmirror->mutex")
      .put("zap_dev_pt", "dmirror_do_update(): device page-table entries erased and the device TLB flushed")
      .put("wait_dma", "the invalidation waits for DMA in flight through the zapped entries")
      .put("dma_unmap_set_dirty", "after the zap: DMA-unmap each page and set_page_dirty() write-enabled ones")
      .put("any_mapped", "whether the range maps anything (the test mutation M5 skips set_seq when not)")
      .put("dma_map_unvalidated", "a pfn DMA-mapped before read_retry validated it (only under mutation M24)")
      .put("find_vma", "find_vma() in the migrate ioctl")
      .put("copy_highpage", "dmirror_migrate_alloc_and_copy(): copy a page to device memory")
      .put("finalize_and_map", "dmirror_migrate_finalize_and_map(): map the device pages, under dmirror->mutex")
      .put("find_device_page", "dmirror_device_evict_chunk(): find this device's pages (the RELEASE ioctl)")
      .put("do_read", "dmirror_do_read() after a migration: the migrated data read back for verification")
      .put("atomic_map", "dmirror_atomic_map(): the exclusive page mapped atomic in the device page table")
      .put("xa_load", "the CHECK_EXCLUSIVE ioctl: look up the device entries for atomic ones")
      .put("wait_on_page_locked", "dmirror_devmem_fault's do_swap_page: wait for a locked device page, then retry")
      .put("fdget", "fdget(): an ioctl takes a reference on the open device file")
      .put("fdput", "fdput(): the ioctl's file reference dropped")
      .put("file_open", "open() of the device file")
      .put("file_close", "close() of the device file: no ioctl starts any more")
      .put("last_fdput", "release waits for the ioctls in flight to drop their file references")
      .put("kfree", "the snapshot's temporary subscription freed after its removal")
      .put("mmap_read_lock", "mmap_read_lock() in a dmirror ioctl")
      .put("mmap_read_unlock", "mmap_read_unlock() in a dmirror ioctl")
      .put("mmput", "mmput() at the end of a dmirror ioctl")
      .build();
}

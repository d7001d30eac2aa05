package dev.mirrorcheck.mm;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the CPU-side mm model labels (a label is {@code ROLE:STEP}; these are the
 * STEPs), each with the kernel code it models. Coverage reports and {@code must-reach} read them
 * through the design's label inventory; a test fails when a step is labelled but missing here.
 */
public final class MmLabels {
  private MmLabels() {}

  /** Step name to the kernel function or code path it models; every design runs these. */
  public static final ImmutableMap<String, String> STEPS = ImmutableMap.<String, String>builder()
      .put("mmap_read_lock", "mmap_read_lock(): mmap_lock taken for read")
      .put("mmap_read_unlock", "mmap_read_unlock()")
      .put("mmap_read_trylock", "mmap_read_trylock() (the OOM reaper never sleeps on mmap_lock)")
      .put("set_bit_MMF_UNSTABLE", "__oom_reap_task_mm(): the mm is marked MMF_UNSTABLE before the reap, so faults that would map a fresh anonymous page fail (check_stable_address_space)")
      .put("mmap_write_lock", "mmap_write_lock(): mmap_lock taken for write (munmap, mprotect, fork, exit)")
      .put("mmap_write_unlock", "mmap_write_unlock()")
      .put("child_mmap_write_lock", "dup_mmap(): the child's mmap_lock taken for write during fork")
      .put("child_mmap_write_unlock", "dup_mmap(): the child's mmap_lock released")
      .put("find_vma", "find_vma(): look up the VMA covering an address")
      .put("detach_vma", "munmap/exit_mmap: the VMA is removed from the mm")
      .put("split_huge_pmd", "split_huge_pmd(): a huge mapping split before a partial unmap (a nested invalidation)")
      .put("zap_pte_range", "zap_pte_range(): CPU ptes cleared under the page-table lock (munmap, MADV_DONTNEED, exit, OOM reap)")
      .put("flush_tlb", "flush_tlb_range(): CPU TLB flushed while the page-table lock is held")
      .put("put_page", "put_page()/folio_put(): a reference dropped; the last one frees the frame")
      .put("mmput", "mmput(): an mm user reference dropped (the last one runs exit_mmap)")
      .put("mmget_not_zero", "a thread's own mm_users reference, held while it runs a syscall (a scenario with an exit)")
      .put("change_pte_range", "change_pte_range(): mprotect rewrites the ptes' permissions")
      .put("copy_pte_range", "copy_pte_range(): fork copies ptes and write-protects private pages for COW")
      .put("page_walk", "a CPU access walks the page table and fills the TLB")
      .put("load", "a CPU load through the TLB")
      .put("store", "a CPU store through the TLB (a writable, dirty translation)")
      .put("handle_mm_fault", "handle_mm_fault(): the CPU page-fault handler")
      .put("map_zero_page", "do_anonymous_page(): a read fault maps the shared zero page (VM_FAULT_SIGBUS once the OOM reaper marked the mm unstable)")
      .put("alloc_page", "alloc_page(): a fresh frame for an anonymous fault")
      .put("do_anonymous_page", "do_anonymous_page(): a write fault installs a new zeroed page (VM_FAULT_SIGBUS once the OOM reaper marked the mm unstable)")
      .put("filemap_fault", "filemap_fault(): find or read the page-cache page of a file fault")
      .put("finish_fault", "finish_fault(): install the file page's pte")
      .put("swapin", "swapin_readahead(): allocate a frame for a swapped-out page")
      .put("swap_readpage", "swap_readpage(): read the swap slot into the new frame")
      .put("do_swap_page", "do_swap_page(): install the swapped-in page's pte")
      .put("wp_page_shared", "wp_page_shared(): write fault on a shared file page (make it writable and dirty)")
      .put("wp_page_reuse", "wp_page_reuse(): write fault on an exclusive page (no copy needed)")
      .put("wp_page_copy", "wp_page_copy(): COW break - copy the page and switch the pte (a CLEAR invalidation)")
      .put("copy_user_highpage", "copy_user_highpage(): the COW copy of the old page's data")
      .put("pte_mkdirty", "pte_mkdirty(): a write access marks the pte dirty")
      .put("migration_entry_wait", "migration_entry_wait(): a fault sleeps until the page under migration is unlocked")
      .put("migrate_vma_collect", "migrate_vma_collect_pmd(): lock the pages and install migration entries")
      .put("migrate_folio", "migrate_folio(): copy the data to the new page")
      .put("copy_highpage", "copy_highpage(): page data copied by a migration")
      .put("migrate_vma_check_page", "migrate_vma_check_page(): give up on a page something else still references")
      .put("rmap_walk", "rmap_walk(): find the other address spaces that map a page")
      .put("try_to_migrate", "try_to_migrate(): replace another address space's pte of the page by a migration entry")
      .put("folio_test_anon", "make_device_exclusive(): only anonymous folios can be made exclusive")
      .put("folio_try_get", "folio_try_get(): a reference taken on the page before locking it")
      .put("folio_lock", "folio_lock(): the page locked (sleeping while another holder has it)")
      .put("folio_unlock", "folio_unlock()")
      .put("folio_put", "folio_put(): the reference make_device_exclusive returned dropped")
      .put("make_device_exclusive", "make_device_exclusive(): the pte replaced by a device-exclusive entry")
      .put("restore_exclusive_pte", "restore_exclusive_pte(): a CPU fault or fork puts the normal pte back")
      .put("remove_migration_ptes", "remove_migration_ptes(): point the ptes at the new pages")
      .put("unlock_page", "unlock_page(): the page lock released (wakes migration waiters)")
      .put("lock_page", "lock_page(): reclaim and writeback lock the page")
      .put("find_page", "shrink_folio_list(): the anonymous page chosen for reclaim")
      .put("try_to_unmap", "try_to_unmap(): reclaim clears the pte (to a swap entry for anonymous pages)")
      .put("clear_page_dirty_for_io", "clear_page_dirty_for_io(): test and clear the page's dirty bit before writing it")
      .put("swap_writepage", "swap_writepage(): write the page to its swap slot")
      .put("find_get_page", "find_get_page(): the page-cache page of a file index")
      .put("i_mmap", "the file's i_mmap tree: every VMA mapping the page")
      .put("vma_address", "vma_address(): the page's address in one mapping")
      .put("page_mkclean", "page_mkclean(): write-protect and clean every pte mapping the page (a PROTECTION_PAGE invalidation)")
      .put("writepage", "writepage(): write a dirty page-cache page to disk")
      .put("remove_mapping", "remove_mapping(): drop a clean page from the page cache")
      .build();

  /** get_user_pages, which only the pre-HMM ODP fault calls. */
  public static final ImmutableMap<String, String> GUP =
      ImmutableMap.of("follow_page", "follow_page_mask(): get_user_pages looks up a present page");
}

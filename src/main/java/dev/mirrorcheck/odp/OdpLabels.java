package dev.mirrorcheck.odp;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the modern RDMA ODP model labels (a label is {@code ROLE:STEP}; these are the
 * STEPs): ib_umem_odp on an interval notifier with mlx5's fault and invalidation. Coverage and
 * {@code must-reach} read them through the label inventory.
 */
public final class OdpLabels {
  private OdpLabels() {}

  /** Step name to the kernel code it models (drivers/infiniband/core/umem_odp.c, mlx5/odp.c, mr.c). */
  public static final ImmutableMap<String, String> STEPS = ImmutableMap.<String, String>builder()
      .put("mmget_not_zero", "ib_umem_odp_map_dma_and_lock(): pin the owning mm, failing once it exits")
      .put("mmap_read_lock", "mmap_read_lock() around hmm_range_fault")
      .put("mmap_read_unlock", "mmap_read_unlock()")
      .put("mmput", "mmput() at the end of the fault")
      .put("umem_mutex", "mutex_lock(&umem_odp->umem_mutex)")
      .put("umem_mutex_unlock", "mutex_unlock(&umem_odp->umem_mutex)")
      .put("map_dma", "ib_umem_odp_map_dma_single_page(): DMA-map a validated pfn into dma_list and count npages")
      .put("update_xlt", "mlx5r_umr_update_xlt(): post the MTTs from dma_list, under umem_mutex")
      .put("dma_map_unvalidated", "a pfn DMA-mapped before read_retry validated it (only under mutation M24)")
      .put("read_npages", "mlx5_ib_invalidate_range(): read umem_odp->npages")
      .put("read_private", "mlx5_ib_invalidate_range(): read umem_odp->private (the MR, NULL once revoked)")
      .put("umr_zap", "mlx5r_umr_update_xlt(ZAP): zap the MTTs of the range, a UMR posted against the MR's mkey (must still be valid)")
      .put("umr_wait", "the synchronous UMR completes: the HCA no longer uses the zapped entries")
      .put("unmap_dma_pages", "ib_umem_odp_unmap_dma_pages(): DMA-unmap, set_page_dirty() for write entries, npages--")
      .put("bookkeeping", "npages compared with the mapped dma_list entries (driver bookkeeping)")
      .put("read_dying", "read the implicit child's dying flag")
      .put("set_dying", "mark the empty implicit child dying")
      .put("queue_work", "queue destroy_unused_implicit_child_mr() (once per child)")
      .put("check_mkey", "the HCA checks the MR's mkey before a DMA")
      .put("revoke_mkey", "mlx5_revoke_mr(): revoke the mkey, under umem_mutex")
      .put("revoke_wait", "the revoke waits for DMA in flight through the MR")
      .put("private_null", "umem_odp->private = NULL after the revoke (commit abb604a1a9c8)")
      .put("kfree", "the umem freed after its notifier was removed")
      .put("umem_rwsem_write", "down_write(&umem_rwsem) around a run-time registration")
      .put("umem_rwsem_read", "down_read(&umem_rwsem) held across start and end (only under mutation M16)")
      .put("umem_rwsem_unlock", "up_read()/up_write() of umem_rwsem")
      .put("xa_load_odp_mkeys", "xa_load(&dev->odp_mkeys) under the xarray lock: find the faulting or prefetched mkey (pagefault_single_data_segment, get_prefetchable_mr)")
      .put("refcount_inc_not_zero", "refcount_inc_not_zero(&mmkey->usecount): hold the mkey for the fault or the prefetch work (5.13+)")
      .put("mlx5r_deref_odp_mkey", "mlx5r_deref_odp_mkey(): drop the usecount; the last reference wakes a waiting deregistration")
      .put("xa_erase_odp_mkeys", "mlx5_ib_dereg_mr(): xa_erase(&dev->odp_mkeys) takes the mkey out of the lookup")
      .put("mlx5r_deref_wait_odp_mkey", "mlx5r_deref_wait_odp_mkey(): dereg waits until the mkey's usecount is zero (5.13+)")
      .put("num_deferred_work_inc", "init_prefetch_work(): atomic_inc(&mr->num_deferred_work) for queued prefetch work (5.6-5.12)")
      .put("num_deferred_work_dec", "destroy_prefetch_work(): atomic_dec_and_test(&mr->num_deferred_work), then wake dereg (5.6-5.12)")
      .put("wait_num_deferred_work", "mlx5_ib_fence_odp_mr(): wait_event until num_deferred_work is zero (5.6-5.12)")
      .put("xa_load_implicit_children", "pagefault_implicit_mr(): xa_load(&imr->implicit_children) for the child of a window")
      .put("mlx5_mr_cache_alloc", "implicit_get_child_mr(): allocate the child MR and its umem (ib_umem_odp_alloc_child, mlx5_mr_cache_alloc)")
      .put("xa_cmpxchg_implicit_children", "implicit_get_child_mr(): __xa_cmpxchg the new child into implicit_children (a racing creator's child wins)")
      .put("imr_umem_mutex", "mutex_lock(&imr->umem->umem_mutex) around the parent's KSM update")
      .put("imr_umem_mutex_unlock", "mutex_unlock(&imr->umem->umem_mutex)")
      .put("update_xlt_ksm", "mlx5r_umr_update_xlt(imr, ..., MLX5_IB_UPD_XLT_INDIRECT): point the parent's KSM entries at the children (or the null mkey)")
      .put("ksm_lookup", "the HCA resolves an access through the parent's KSM entry to a child mkey")
      .put("srcu_read_lock", "srcu_read_lock(&dev->odp_srcu) around a page fault or a prefetch work item (mkey-lifetime srcu, 5.6-5.12)")
      .put("srcu_read_unlock", "srcu_read_unlock(&dev->odp_srcu)")
      .put("synchronize_srcu", "mlx5_ib_fence_odp_mr(): synchronize_srcu(&dev->odp_srcu) after the mkey left odp_mkeys (5.6-5.12)")
      .build();
}

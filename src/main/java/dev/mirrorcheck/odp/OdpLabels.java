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
      .put("umr_zap", "mlx5r_umr_update_xlt(ZAP): zap the MTTs of the range")
      .put("umr_post", "the UMR posted against the MR's mkey (must still be valid)")
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
      .build();
}

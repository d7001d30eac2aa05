package dev.mirrorcheck.legacyodp;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the pre-HMM RDMA ODP model labels (a label is {@code ROLE:STEP}; these are the
 * STEPs): raw mmu_notifiers with per-umem notifiers_count/notifiers_seq (Linux 4.0 to 5.4).
 * Coverage and {@code must-reach} read them through the label inventory.
 */
public final class LegacyOdpLabels {
  private LegacyOdpLabels() {}

  /** Step name to the kernel code it models (umem_odp.c, ib_umem_odp.h, mlx5/odp.c of that era). */
  public static final ImmutableMap<String, String> STEPS = ImmutableMap.<String, String>builder()
      // registration and deregistration
      .put("umem_rwsem_write", "down_write(&context->umem_rwsem)")
      .put("umem_rwsem_read", "down_read(&context->umem_rwsem)")
      .put("umem_rwsem_unlock", "up_read()/up_write() of umem_rwsem")
      .put("downgrade_write", "downgrade_write(&umem_rwsem)")
      .put("ib_umem_odp_get", "ib_umem_odp_get(): insert the umem in the context's umem tree")
      .put("notifier_count_0", "the first umem of a context registers its mmu_notifier")
      .put("mlx5_ib_reg_user_mr", "mlx5_ib_reg_user_mr(): the MR created over the umem")
      .put("create_mkey", "the MR's mkey created")
      .put("mr_private", "umem->odp_data->private set to the MR")
      .put("mr_live", "mr->live = 1")
      .put("ib_umem_odp_release", "ib_umem_odp_release(): take the umem out of the tree")
      .put("get_task_mm", "get_task_mm(): pin the owning mm (fails once it exits)")
      .put("mr_live_0", "mlx5_ib_dereg_mr(): mr->live = 0 before the SRCU grace period")
      .put("synchronize_srcu", "synchronize_srcu(&mr_srcu): wait for running page-fault handlers")
      .put("destroy_mkey", "the mkey destroyed")
      // the invalidation (ib_umem_notifier_invalidate_range_start/_end)
      .put("ib_ucontext_notifier_start_account", "ib_ucontext_notifier_start_account(): context->notifier_count++")
      .put("ib_ucontext_notifier_end_account", "ib_ucontext_notifier_end_account(): context->notifier_count--")
      .put("umem_tree", "rbt_ib_umem_for_each_in_range(): the umems overlapping the range")
      .put("ib_umem_notifier_start_account", "ib_umem_notifier_start_account(): notifiers_count++ under umem_mutex")
      .put("ib_umem_notifier_end_account", "ib_umem_notifier_end_account(): notifiers_seq++, notifiers_count--, complete_all at 0")
      .put("complete_all", "complete_all(&notifier_completion): wake the faults waiting for the invalidation")
      .put("mn_counters_active", "the umem's counters become active once no invalidation runs")
      .put("no_private_counters", "the context's list of umems registered while notifiers ran")
      .put("read_private", "read odp_data->private (the MR)")
      .put("mlx5_ib_update_mtt_zap", "mlx5_ib_invalidate_range(): zap the MTTs of the range")
      .put("umr_wait", "the synchronous UMR zap completes")
      .put("ib_umem_odp_unmap_dma_pages", "ib_umem_odp_unmap_dma_pages(): DMA-unmap, set_page_dirty() write entries")
      .put("dying", "ib_umem_notifier_release(): the umem marked dying at process exit")
      // the HCA page fault (pagefault_single_data_segment, ib_umem_odp_map_dma_pages)
      .put("srcu_read_lock", "srcu_read_lock(&mr_srcu) in the page-fault handler")
      .put("srcu_read_unlock", "srcu_read_unlock(&mr_srcu)")
      .put("mlx5_ib_odp_find_mr_lkey", "look the MR up by lkey and test mr->live")
      .put("read_notifiers_seq", "READ_ONCE(notifiers_seq) and smp_rmb() before get_user_pages")
      .put("read_dying", "read the umem's dying flag before waiting")
      .put("wait_for_completion_timeout", "wait_for_completion_timeout(&notifier_completion) after -EAGAIN")
      .put("mmap_read_lock", "down_read(&mm->mmap_sem) around get_user_pages")
      .put("mmap_read_unlock", "up_read(&mm->mmap_sem)")
      .put("ib_umem_odp_map_dma_single_page", "ib_umem_odp_map_dma_single_page(): under umem_mutex, retry check, then DMA-map")
      .put("mlx5_ib_update_mtt", "mlx5_ib_update_mtt(): post the MTTs if ib_umem_mmu_notifier_retry() says no collision")
      .put("check_mkey", "the HCA checks the MR's mkey before a DMA")
      .build();
}

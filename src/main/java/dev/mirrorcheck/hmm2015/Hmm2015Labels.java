package dev.mirrorcheck.hmm2015;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the 2015 HMM model labels (a label is {@code ROLE:STEP}; these are the STEPs):
 * J. Glisse's HMM v10 core (HMM v9's text) with the "Implement ODP using HMM" RFC on top. Coverage
 * and {@code must-reach} read them through the label inventory.
 */
public final class Hmm2015Labels {
  private Hmm2015Labels() {}

  /** Step name to the function of the 2015 patch series it models. */
  public static final ImmutableMap<String, String> STEPS = ImmutableMap.<String, String>builder()
      // HMM core (mm/hmm.c, HMM v9 05/15, 07/15, 08/15)
      .put("mm_hmm", "hmm_mirror_register(): read mm->hmm; hmm_init() or hmm_ref()")
      .put("hmm_init", "hmm_init(): the mm's struct hmm created and its notifier registered")
      .put("hmm_add_mirror", "hmm_add_mirror(): put the mirror at the head of hmm->mirrors")
      .put("hmm_rwsem_read", "down_read(&hmm->rwsem) across hmm_update()'s walk of the mirrors")
      .put("hmm_rwsem_write", "down_write(&hmm->rwsem) to add or remove a mirror")
      .put("hmm_rwsem_unlock", "up_read()/up_write() of hmm->rwsem")
      .put("hlist_del_init", "hmm_mirror_kill()/hmm_notifier_release(): take the mirror off "
          + "hmm->mirrors (hmm_mirror_is_dead from now on)")
      .put("hmm_mirrors", "the invalidation walks hmm->mirrors")
      .put("hmm_ref", "hmm_notifier_release(): kref_get_unless_zero() of the struct hmm")
      .put("hmm_unref", "hmm_unref(): the last reference runs hmm_destroy()")
      .put("hmm_destroy", "hmm_destroy(): mm->hmm = NULL under mmap_sem, then the notifier "
          + "unhooked")
      .put("mmu_notifier_synchronize", "hmm_mirror_unregister(): wait for running notifier "
          + "callbacks before the last mirror reference is dropped")
      .put("hmm_device_fault_start", "hmm_device_fault_start(): register the fault in "
          + "hmm->device_faults if its range is valid")
      .put("hmm_device_fault_end", "hmm_device_fault_end(): take the fault off device_faults and "
          + "wake the invalidations")
      .put("wake_up", "wake_up(&hmm->wait_queue)")
      .put("read_backoff", "the fault re-checks event->backoff (set by an overlapping "
          + "invalidation)")
      .put("hmm_wait_device_fault", "hmm_wait_device_fault(): set backoff on overlapping "
          + "registered faults (its first scan also reads mm->hmm for hmm_update())")
      .put("hmm_wait_device_fault_sleep", "hmm_wait_device_fault(): sleep until those faults "
          + "leave device_faults")
      .put("read_ndevice_faults", "read hmm->ndevice_faults")
      .put("hmm_invalidate_range_start", "hmm_notifier_invalidate_range_start() (only under "
          + "mutation M1)")
      .put("hmm_invalidate_range_end", "hmm_notifier_invalidate_range_end() (only under "
          + "mutation M1)")
      .put("hmm_notifiers_inc", "hmm->notifiers++ of the 2019 valid-flag scheme (only under "
          + "mutation M1)")
      .put("hmm_range_register", "hmm_range_register() of the 2019 valid-flag scheme (only under "
          + "mutation M1)")
      .put("hmm_range_wait_until_valid", "hmm_range_wait_until_valid() (only under mutation M1)")
      .put("read_notifiers", "read hmm->notifiers (only under mutation M1)")
      // the mirror page table and the device fault (hmm_mirror_fault, 08/15 and 13/15)
      .put("hmm_mirror_is_dead", "hmm_mirror_fault(): fail with -ENODEV once the mirror is dead")
      .put("find_vma_intersection", "find_vma_intersection() and the VMA permission checks of the "
          + "fault")
      .put("hmm_mirror_fault_pmd", "hmm_mirror_fault_pmd(): walk the CPU page table into the "
          + "mirror's hmm_ptes")
      .put("dma_map_page", "hmm_mirror_dma_map(): read the hmm_pte and dma_map_page() its pfn, "
          + "outside the directory lock")
      .put("hmm_pte_cmpxchg", "hmm_mirror_dma_map(): compare-and-set the pfn entry to its DMA "
          + "address")
      .put("dma_unmap_page", "dma_unmap_page() when the compare-and-set lost")
      .put("hmm_mirror_update_pt", "hmm_mirror_update_pt(): mask the hmm_ptes, DMA-unmap, "
          + "set_page_dirty()")
      // the ODP-on-HMM RFC (ib_mirror, ucontext, mlx5; RFC v1 33/36 to 35/36)
      .put("hmm_mutex", "mutex_lock(&ib_device->hmm_mutex)")
      .put("hmm_mutex_unlock", "mutex_unlock(&ib_device->hmm_mutex)")
      .put("ib_mirror_ref", "ib_umem_odp_get(): ib_mirror_ref() of the context's or a listed "
          + "ib_mirror")
      .put("ib_mirror_list_add", "ib_umem_odp_get(): a new ib_mirror joins ib_device->ib_mirrors "
          + "and the context takes its reference")
      .put("ib_mirror_unref", "ib_mirror_unref(): kref_put(); the last reference runs "
          + "ib_mirror_destroy()")
      .put("ib_mirror_list_del", "ib_mirror_destroy(): off ib_device->ib_mirrors under hmm_mutex, "
          + "after hmm_mirror_unregister()")
      .put("ib_mirrors", "read ib_device->ib_mirrors")
      .put("umem_rwsem_read", "down_read(&ib_mirror->umem_rwsem)")
      .put("umem_rwsem_write", "down_write(&ib_mirror->umem_rwsem)")
      .put("umem_rwsem_unlock", "up_read()/up_write() of umem_rwsem")
      .put("umem_tree", "read the ib_mirror's umem interval tree")
      .put("rbt_ib_umem_insert", "rbt_ib_umem_insert(): add the umem to the tree")
      .put("rbt_ib_umem_remove", "rbt_ib_umem_remove(): take the umem out of the tree")
      .put("mlx5_ib_reg_user_mr", "mlx5_ib_reg_user_mr(): the MR created over the umem")
      .put("create_mkey", "the MR's mkey created")
      .put("mr_private", "umem->private set to the MR")
      .put("mr_live", "mr->live = 1")
      .put("mr_list_add", "ib_uverbs_reg_mr(): the MR joins the context's list")
      .put("mr_live_0", "mlx5_ib_dereg_mr(): mr->live = 0 before the SRCU grace period")
      .put("synchronize_srcu", "synchronize_srcu(&mr_srcu): wait for running fault handlers")
      .put("destroy_mkey", "clean_mr(): the mkey destroyed with its MTTs; the MR leaves the "
          + "context's list")
      .put("fget", "a verbs call takes a reference to the uverbs file (-EBADF once released)")
      .put("fput", "the last reference to the uverbs file runs ib_uverbs_cleanup_ucontext()")
      .put("mr_list", "ib_uverbs_cleanup_ucontext(): the MRs still registered")
      .put("context_ib_mirror", "ib_uverbs_cleanup_ucontext(): drop context->ib_mirror")
      .put("srcu_read_lock", "srcu_read_lock(&mr_srcu) in the fault handler")
      .put("srcu_read_unlock", "srcu_read_unlock(&mr_srcu)")
      .put("mlx5_ib_odp_find_mr_lkey", "look the MR up by lkey and test mr->live")
      .put("mlx5_hmm_pfault", "mlx5_hmm_pfault(): set the ODP access bits on valid hmm_ptes")
      .put("mlx5_ib_update_mtt", "mlx5_ib_update_mtt(): post the faulting MR's MTTs built from "
          + "the hmm_ptes")
      .put("mlx5_ib_umem_invalidate", "mlx5_ib_umem_invalidate(): mark write entries dirty, clear "
          + "the shared ODP bits, zap this MR's MTTs")
      .put("umr_wait", "the synchronous UMR zap completes")
      .put("check_mkey", "the HCA checks the MR's mkey before a DMA")
      .build();
}

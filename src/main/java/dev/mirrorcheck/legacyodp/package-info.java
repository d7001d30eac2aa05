/**
 * Pre-HMM RDMA on-demand paging (docs/reference.md, "Pre-HMM ODP"; v4.x {@code umem_odp.c} and mlx5
 * {@code odp.c}, 2014-2019): a classic mmu notifier per {@link dev.mirrorcheck.legacyodp.IbUcontext}
 * walking its umem tree under {@code umem_rwsem}; per {@link dev.mirrorcheck.legacyodp.IbUmem} the
 * KVM-style {@code notifiers_count}/{@code notifiers_seq} and {@code notifier_completion} under
 * {@code umem_mutex}, {@code page_list}/{@code dma_list} and {@code npages}; the fault path of
 * {@link dev.mirrorcheck.legacyodp.LegacyOdpFault} (sequence read before GUP, retry predicate under
 * {@code umem_mutex}, completion wait on {@code -EAGAIN}) and MR deregistration with {@code live}
 * and {@code mr_srcu}.
 */
package dev.mirrorcheck.legacyodp;

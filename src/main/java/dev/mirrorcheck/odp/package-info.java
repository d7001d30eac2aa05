/**
 * Modern RDMA on-demand paging on the interval notifier (docs/reference.md, "Modern ODP"; {@code umem_odp.c} and mlx5
 * {@code odp.c}): an ODP umem with its {@code pfn_list} (written by {@code hmm_range_fault} without the
 * lock), {@code dma_list} with access bits, {@code npages} and {@code umem_mutex}; the mlx5 MR whose MTTs
 * the device walks; the fault path ({@code map_dma_and_lock}, then the MTT update under the mutex),
 * prefetch in snapshot mode, invalidation and deregistration.
 */
package dev.mirrorcheck.odp;

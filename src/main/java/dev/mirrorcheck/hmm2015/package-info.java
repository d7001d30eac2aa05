/**
 * The 2015 design (docs/reference.md, "The 2015 design"): J. Glisse's HMM v9/v10 core and the RFC "Implement ODP
 * using HMM" on top of it.
 *
 * <p>The core: {@link dev.mirrorcheck.hmm2015.Hmm} (one per mm: {@code device_faults} with
 * {@code backoff}, the mirror list and the classic mmu notifier), {@link
 * dev.mirrorcheck.hmm2015.HmmMirror} with its mirror page table {@link dev.mirrorcheck.hmm2015.HmmPt}
 * of {@link dev.mirrorcheck.hmm2015.HmmPte}s, {@link dev.mirrorcheck.hmm2015.HmmMirrorFault}
 * ({@code hmm_mirror_fault}) and the invalidation path ({@code hmm_update}, {@code
 * hmm_mirror_update_pt}). It relies on the mm core tracking active invalidation ranges (02/15,
 * {@link dev.mirrorcheck.notifier.Subscriptions#rangeWaitValid}). Faults register only while no
 * overlapping invalidation is active; invalidations set {@code backoff} on registered faults and wait
 * for them to leave: invalidation takes precedence.
 *
 * <p>The RFC driver: {@link dev.mirrorcheck.hmm2015.IbDevice}, one {@link
 * dev.mirrorcheck.hmm2015.IbMirror} per process, ODP umems {@link dev.mirrorcheck.hmm2015.IbUmemHmm}
 * whose DMA list is the mirror page table, the mlx5 callbacks and {@link
 * dev.mirrorcheck.hmm2015.OdpHmmFault} (page fault and MR deregistration with {@code live} and
 * {@code mr_srcu}).
 */
package dev.mirrorcheck.hmm2015;

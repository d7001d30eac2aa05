/**
 * The 2015 design: J. Glisse's HMM core as posted in v9 (17 Jul 2015) and v10 (13 Aug 2015, "minor
 * fixes", text lost) and the RFC "Implement ODP using HMM" on top of it (v1, carried as patches
 * 32-36 of HMM v8 on 21 May 2015; v2, rebased onto v10, survives only as its cover letter). Each
 * class and method names the patch and function it models; docs/hmm2015-fidelity.md says, function
 * by function, what is exact and what is abstracted.
 *
 * <p>The core: {@link dev.mirrorcheck.hmm2015.Hmm} (one per mm: the mirror list under {@code
 * rwsem}, {@code device_faults} with {@code backoff}, the classic mmu notifier), {@link
 * dev.mirrorcheck.hmm2015.HmmMirror} with its mirror page table {@link
 * dev.mirrorcheck.hmm2015.HmmPt} of {@link dev.mirrorcheck.hmm2015.HmmPte}s and the DMA mappings
 * HMM makes for the device, {@link dev.mirrorcheck.hmm2015.HmmMirrorFault} ({@code
 * hmm_mirror_fault}) and the invalidation path ({@code hmm_update}, {@code hmm_mirror_update_pt}).
 * It relies on the mm core tracking active invalidation ranges (02/15 "mmu_notifier: keep track of
 * active invalidation ranges v4"). Faults register only while no overlapping invalidation is
 * active; invalidations set {@code backoff} on registered faults and wait for them to leave:
 * invalidation takes precedence.
 *
 * <p>The RFC driver: {@link dev.mirrorcheck.hmm2015.IbDevice}, the uverbs context {@link
 * dev.mirrorcheck.hmm2015.IbUcontextHmm}, one {@link dev.mirrorcheck.hmm2015.IbMirror} per process,
 * ODP umems {@link dev.mirrorcheck.hmm2015.IbUmemHmm} whose DMA list is the shared mirror page
 * table and whose MTTs are their own, the mlx5 callbacks and {@link
 * dev.mirrorcheck.hmm2015.OdpHmmFault} (page fault and MR deregistration with {@code live} and
 * {@code mr_srcu}).
 */
package dev.mirrorcheck.hmm2015;

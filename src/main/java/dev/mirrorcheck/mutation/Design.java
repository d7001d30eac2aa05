package dev.mirrorcheck.mutation;

/** The mirroring designs the catalogue talks about (reference sections 1, 1.7 and 2). */
public enum Design {
  /** {@code mmu_interval_notifier} + {@code hmm_range_fault} with a dmirror-style driver (v5.5+). */
  MODERN,
  /** Modern ODP: {@code ib_umem_odp} on the interval notifier, mlx5-style invalidation (v5.5+, 2.4). */
  ODP,
  /** Glisse's HMM v8..v10 (2015) with the ODP-on-HMM RFC (1.7a, 2.2). */
  HMM2015,
  /** Pre-HMM ODP with KVM-style {@code notifiers_count}/{@code notifiers_seq} (2.1, 1.7c). */
  LEGACY_ODP
}

package dev.mirrorcheck.mutation;

/** The mirroring designs the catalogue talks about (docs/reference.md, "Designs"). */
public enum Design {
  /** {@code mmu_interval_notifier} + {@code hmm_range_fault} with a dmirror-style driver (v5.5+). */
  MODERN("modern", "mmu interval notifiers + hmm_range_fault + dmirror-style driver (Linux 5.5+)"),
  /** Modern ODP: {@code ib_umem_odp} on the interval notifier, mlx5-style invalidation (v5.5+). */
  ODP("odp", "RDMA ODP memory regions on interval notifiers (mlx5, Linux 5.10+)"),
  /** Glisse's HMM v8..v10 (2015) with the ODP-on-HMM RFC (never merged). */
  HMM2015("hmm2015", "HMM v10 (2015) with the ODP-on-HMM RFC: active ranges, device_faults + "
      + "backoff, per-mirror hmm_pt, ib_mirror (never merged)"),
  /** Pre-HMM ODP with KVM-style {@code notifiers_count}/{@code notifiers_seq} (v4.0 to v5.4). */
  LEGACY_ODP("legacy-odp", "pre-HMM RDMA ODP with per-umem notifiers_count/notifiers_seq (Linux "
      + "4.0-5.4)");

  private final String word;
  private final String description;

  Design(String word, String description) {
    this.word = word;
    this.description = description;
  }

  /** One line for {@code mirrorcheck list designs}. */
  public String description() {
    return description;
  }

  /** The name a spec's {@code design:} uses, e.g. {@code legacy-odp}. */
  public String word() {
    return word;
  }

  /** The design a spec names, or null. */
  public static Design byWord(String word) {
    for (Design d : values()) {
      if (d.word.equals(word)) {
        return d;
      }
    }
    return null;
  }

  /** Whether scenarios of this design declare RDMA memory regions ({@code umems:}). */
  public boolean hasUmems() {
    return this != MODERN;
  }
}

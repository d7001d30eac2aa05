package dev.mirrorcheck.mutation;

/** The mirroring designs the catalogue talks about (reference sections 1, 1.7 and 2). */
public enum Design {
  /** {@code mmu_interval_notifier} + {@code hmm_range_fault} with a dmirror-style driver (v5.5+). */
  MODERN("modern"),
  /** Modern ODP: {@code ib_umem_odp} on the interval notifier, mlx5-style invalidation (v5.5+, 2.4). */
  ODP("odp"),
  /** Glisse's HMM v8..v10 (2015) with the ODP-on-HMM RFC (1.7a, 2.2). */
  HMM2015("hmm2015"),
  /** Pre-HMM ODP with KVM-style {@code notifiers_count}/{@code notifiers_seq} (2.1, 1.7c). */
  LEGACY_ODP("legacy-odp");

  private final String word;

  Design(String word) {
    this.word = word;
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

package dev.mirrorcheck.mutation;

/**
 * How the modern mlx5 ODP driver keeps an mkey alive while a page fault or a prefetch uses it, and how
 * deregistration waits for those users: the {@code odp} design's {@code mkey-lifetime} option.
 */
public enum MkeyLifetime {
  /**
   * Linux 5.13+ ("RDMA/mlx5: Cleanup the synchronize_srcu() from the ODP flow"): a fault or prefetch
   * takes {@code mmkey->usecount} under {@code xa_lock(&dev->odp_mkeys)}; {@code mlx5_ib_dereg_mr}
   * erases the mkey from {@code odp_mkeys} and {@code mlx5r_deref_wait_odp_mkey} waits for the count
   * to drop to zero.
   */
  USECOUNT("usecount", "Linux 5.13+: odp_mkeys xarray + mmkey usecount, dereg waits for it to drop"),
  /**
   * Linux 5.6-5.12: faults and synchronous prefetch run inside {@code srcu_read_lock(&dev->odp_srcu)};
   * queued prefetch work holds {@code mr->num_deferred_work}; {@code mlx5_ib_fence_odp_mr} erases the
   * mkey, calls {@code synchronize_srcu} and waits for {@code num_deferred_work} to reach zero.
   */
  SRCU("srcu", "Linux 5.6-5.12: odp_srcu read sections + num_deferred_work, dereg synchronizes both");

  private final String word;
  private final String description;

  MkeyLifetime(String word, String description) {
    this.word = word;
    this.description = description;
  }

  /** The value a spec's {@code design-options: {mkey-lifetime: ...}} uses. */
  public String word() {
    return word;
  }

  public String description() {
    return description;
  }

  /** The lifetime a spec names, or null. */
  public static MkeyLifetime byWord(String word) {
    for (MkeyLifetime l : values()) {
      if (l.word.equals(word)) {
        return l;
      }
    }
    return null;
  }
}

package dev.mirrorcheck.mutation;

import static dev.mirrorcheck.mutation.Design.HMM2015;
import static dev.mirrorcheck.mutation.Design.LEGACY_ODP;
import static dev.mirrorcheck.mutation.Design.MODERN;
import static dev.mirrorcheck.mutation.Design.ODP;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.EnumSet;

/**
 * The catalogue of protocol mutations M1..M28 (reference section 4). Each constant names the bug, the
 * historical fix or contract it undoes, the designs whose model has its switch (a device-side bug the
 * reference also places in an older design is switched only where that driver code is modelled) and
 * the properties the catalogue says it breaks.
 */
public enum Mutation {
  M1("boolean valid flag plus a notifier count (2019 hmm_range->valid) instead of range tracking",
      "J. Gunthorpe's May 2019 review of hmm_range->valid (a boolean cannot tell two invalidations "
          + "apart); in the 2015 core it replaces HMM v9 02/15's active ranges and "
          + "hmm_wait_device_fault's wait; replaced by the interval notifier's sequence in v5.5",
      designs(HMM2015), props("S1", "S3")),
  M2("\"invalidation active\" published after the callbacks",
      "H. Eran's Dec 2014 review of \"mmu_notifier: keep track of active invalidation ranges\": "
          + "publish the range before the callbacks (so in HMM v9 02/15)",
      designs(HMM2015), props("S1", "S3")),
  M3("read_retry evaluated without the driver lock (or the lock dropped before the update)",
      "K5 hmm.rst: the lock must be held before calling mmu_interval_read_retry(); R18; R3",
      designs(MODERN, ODP), props("S1", "S3", "S7")),
  M4("set_seq done after the driver lock is released",
      "K2 mmu_interval_set_seq(): call it under the lock used for mmu_interval_read_retry()",
      designs(MODERN, ODP), props("S1", "S3")),
  M5("set_seq skipped when nothing is mapped",
      "K2: set_seq must be called unconditionally; K10 mlx5 sets it before the npages == 0 exit",
      designs(MODERN, ODP), props("S1", "S3")),
  M6("read_begin does not wait while the epoch that hit the subscription is open",
      "K1 mmu_interval_read_begin() sleep (99cb252f5e68 \"add an interval tree notifier\")",
      designs(MODERN, ODP), props("S1", "S3")),
  M7("legacy retry predicate checks notifiers_seq only, ignoring notifiers_count",
      "K9 ib_umem_mmu_notifier_retry() checks both, after KVM's mmu_notifier_retry",
      designs(LEGACY_ODP), props("S1", "S3")),
  M8("legacy seq sampled after GUP, or bumped at start instead of end",
      "K10 old pagefault_mr: READ_ONCE(notifiers_seq) + smp_rmb() before GUP",
      designs(LEGACY_ODP), props("S1", "S3")),
  M9("callback returns before device quiescence (no device TLB flush, no wait for DMA)",
      "K5 / v5.2 hmm.h sync_cpu_device_pagetables contract; CPU analogue R14",
      designs(MODERN, ODP), props("S2", "S3")),
  M10("teardown inverted: dma_unmap and set_page_dirty before the device page-table zap",
      "K10 mlx5_ib_invalidate_range order: zap MTTs, then unmap and dirty",
      designs(MODERN, ODP), props("S4a", "S3")),
  M11("no set_page_dirty for write-enabled device mappings",
      "K8 set_page_dirty in ib_umem_odp_unmap_dma_pages(); R14 \"copy pte dirty bit to page\"",
      designs(MODERN, ODP, HMM2015, LEGACY_ODP), props("S4a")),
  M12("protection events ignored and every MIGRATE event skipped regardless of owner",
      "K6 test_hmm filters only MIGRATE events whose owner is the device itself",
      designs(MODERN, ODP), props("S4a", "S4b", "S5", "S6")),
  M13("device invalidation deferred to invalidate_range_end",
      "K2: invalidate_range_end runs after the pages are freed; H6 v5 changelog (dropped later)",
      designs(MODERN, ODP), props("S2", "S3")),
  M14("driver lock held across hmm_range_fault",
      "K5 pattern: take the driver lock only after hmm_range_fault; K1 lockdep priming",
      designs(MODERN, ODP), props("L1")),
  M15("driver lock held while calling read_begin",
      "K1 lock_map_acquire in mmu_interval_read_begin/remove; R2 Hairgrove deadlock trace",
      designs(MODERN, ODP), props("L1")),
  M16("an rwsem read side held from invalidate_range_start to _end across nested starts",
      "R7 \"RDMA/odp: Use mmu_range_notifier_insert()\" (umem_rwsem held across start/end)",
      designs(ODP, LEGACY_ODP), props("L1")),
  M17("non-blocking start failure leaks its accounting",
      "R4 \"mm/hmm: Fix error flows in hmm_invalidate_range_start\"; R6 7608bf40cf24",
      designs(MODERN, ODP), props("S8", "L1", "L3", "S1")),
  M18("remove returns before the deferred list is processed (epoch end read without S.lock)",
      "R10 319561669a59 \"fix race in mmu_interval_notifier_remove()\"; R5",
      designs(MODERN, ODP), props("S9")),
  M19("device object destroyed concurrently with invalidation",
      "R11 abb604a1a9c8 (revoke the mkey under umem_mutex); R12 de5ed007a03d; R13 032080ab43ac",
      designs(ODP), props("S10")),
  M20("HW page-table update posted outside the lock it was computed under",
      "R8 \"RDMA/mlx5: Fix a race with mlx5_ib_update_xlt on an implicit MR\"",
      designs(ODP), props("S1", "S10")),
  M21("bookkeeping (npages, dying) updated outside the driver lock",
      "R9 \"RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()\"",
      designs(ODP), props("S10")),
  M22("permission taken from the request instead of the validated snapshot",
      "K6 dmirror_do_fault WARN; K8 modern \"Resync the flags\" for existing dma_list entries",
      designs(MODERN, ODP), props("S5", "S6")),
  M23("no collision check: hmm_range_fault result installed directly",
      "baseline; K5 documented fault pattern",
      designs(MODERN, ODP), props("S1", "S3")),
  M24("unvalidated pfns dereferenced (dma_map) before read_retry under the lock",
      "R17 nouveau review (ignore hmm_range_fault results until the retry check); R19 16ce101db85d",
      designs(MODERN, ODP), props("S3")),
  M25("2015 HMM: fault updates the device unregistered, or ignores backoff",
      "HMM v9 08/15 hmm_device_fault_start/_end; 13/15 tests backoff before and after the walk",
      designs(HMM2015), props("S1", "S3")),
  M26("2015 HMM: DMA-map compare-and-set removed",
      "HMM v9 13/15 \"HMM: DMA map memory on behalf of device driver v2\": hmm_mirror_dma_map "
          + "stores the DMA address only if the hmm_pte is unchanged",
      designs(HMM2015), props("S1", "S3", "S10")),
  M27("2015 HMM: registered device fault allocates with reclaim inside device.update",
      "inferred from the structure of HMM v9 08/15 (no documented fix)",
      designs(HMM2015), props("L1", "L5")),
  M28("owner-filtered migration copies before invalidating the driver's own mappings",
      "K5 migration step 3: invalidate device mappings before copying (inferred, not a reported bug)",
      // The late write is lost to the copy (S4b) and, once finalize frees the source, lands in a
      // freed frame (S3): the same step shows both, and S3 is the one checked first.
      designs(MODERN), props("S4b", "S3"));

  private final String title;
  private final String undoes;
  private final ImmutableSet<Design> designs;
  private final ImmutableSet<String> breaks;

  Mutation(String title, String undoes, ImmutableSet<Design> designs, ImmutableSet<String> breaks) {
    this.title = title;
    this.undoes = undoes;
    this.designs = designs;
    this.breaks = breaks;
  }

  /** The catalogue id, e.g. {@code M3}. */
  public String id() {
    return name();
  }

  /** One-line description of the bug. */
  public String title() {
    return title;
  }

  /** The fix, commit or documented contract the mutation undoes, as cited in the reference. */
  public String undoes() {
    return undoes;
  }

  public ImmutableSet<Design> designs() {
    return designs;
  }

  public boolean appliesTo(Design design) {
    return designs.contains(design);
  }

  /** Property ids (S1..S10, L1..L5) the catalogue says this mutation breaks. */
  public ImmutableSet<String> breaks() {
    return breaks;
  }

  /** Parses {@code "M3"} or {@code "m3"}. */
  public static Mutation parse(String id) {
    return valueOf(id.trim().toUpperCase(java.util.Locale.ROOT));
  }

  private static ImmutableSet<Design> designs(Design first, Design... rest) {
    return Sets.immutableEnumSet(EnumSet.of(first, rest));
  }

  private static ImmutableSet<String> props(String... ids) {
    return ImmutableSet.copyOf(ids);
  }
}

package dev.mirrorcheck.mutation;

import static dev.mirrorcheck.mutation.Design.HMM2015;
import static dev.mirrorcheck.mutation.Design.LEGACY_ODP;
import static dev.mirrorcheck.mutation.Design.MODERN;
import static dev.mirrorcheck.mutation.Design.ODP;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.EnumSet;

/**
 * The catalogue of protocol mutations M1..M30 (docs/mutations.md describes each; M29 and M30 are
 * the mkey-lifetime mutations of the odp design). Each constant names the bug, the
 * historical fix or contract it undoes, the designs whose model has its switch (a device-side bug the
 * reference also places in an older design is switched only where that driver code is modelled) and
 * the properties the catalogue says it breaks.
 */
public enum Mutation {
  M1("boolean valid flag plus a notifier count (2019 hmm_range->valid) instead of range tracking",
      "J. Gunthorpe's May 2019 review of hmm_range->valid (the bool alone cannot work: "
          + "an ABA race), fixed by the interval sequence count of v5.5 (99cb252f5e68); in "
          + "the 2015 core it replaces the active-range list of \"mmu_notifier: keep track of "
          + "active invalidation ranges\" and the wait in hmm_wait_device_fault()",
      designs(HMM2015), props("S1", "S3")),
  M2("\"invalidation active\" published after the callbacks",
      "H. Eran's Dec 2014 review of \"mmu_notifier: keep track of active invalidation "
          + "ranges\" (the range must be published before the callbacks run)",
      designs(HMM2015), props("S1", "S3")),
  M3("read_retry evaluated without the driver lock (or the lock dropped before the update)",
      "Documentation/mm/hmm.rst: the driver lock must be held before "
          + "mmu_interval_read_retry() and until the device page table is updated; amdgpu's "
          + "unresolved-race comment in amdgpu_ttm_tt_get_user_pages_done(); Gunthorpe's 2019 review of the ODP "
          + "conversion (dma_map and update_xlt in different lock regions)",
      designs(MODERN, ODP), props("S1", "S3", "S7")),
  M4("set_seq done after the driver lock is released",
      "mmu_interval_set_seq() in include/linux/mmu_notifier.h: call it under the same "
          + "lock as mmu_interval_read_retry()",
      designs(MODERN, ODP), props("S1", "S3")),
  M5("set_seq skipped when nothing is mapped",
      "mmu_interval_set_seq() must be called unconditionally; "
          + "mlx5_ib_invalidate_range() calls it before its npages == 0 exit",
      designs(MODERN, ODP), props("S1", "S3")),
  M6("read_begin does not wait while the epoch that hit the subscription is open",
      "the sleep in mmu_interval_read_begin() while the epoch that hit the subscription "
          + "is open (99cb252f5e68 \"mm/mmu_notifier: add an interval tree notifier\")",
      designs(MODERN, ODP), props("S1", "S3")),
  M7("legacy retry predicate checks notifiers_seq only, ignoring notifiers_count",
      "ib_umem_mmu_notifier_retry() (include/rdma/ib_umem_odp.h, v4.x) tests "
          + "notifiers_count as well as notifiers_seq, after KVM's mmu_notifier_retry()",
      designs(LEGACY_ODP), props("S1", "S3")),
  M8("legacy seq sampled after GUP, or bumped at start instead of end",
      "the old mlx5 pagefault_mr(): READ_ONCE(notifiers_seq) and smp_rmb() before "
          + "get_user_pages",
      designs(LEGACY_ODP), props("S1", "S3")),
  M9("callback returns before device quiescence (no device TLB flush, no wait for DMA)",
      "Documentation/mm/hmm.rst and the v5.2 sync_cpu_device_pagetables() contract: the "
          + "device update is complete (TLB flushed, DMA drained) before the callback "
          + "returns; CPU analogue: \"mm/migrate_device.c: flush TLB while holding PTL\" "
          + "(2022)",
      designs(MODERN, ODP), props("S2", "S3")),
  M10("teardown inverted: dma_unmap and set_page_dirty before the device page-table zap",
      "the order of mlx5_ib_invalidate_range(): zap the MTTs, then DMA-unmap and "
          + "set_page_dirty()",
      designs(MODERN, ODP), props("S4a", "S3")),
  M11("no set_page_dirty for write-enabled device mappings",
      "set_page_dirty() for write-enabled pages in ib_umem_odp_unmap_dma_pages(); CPU "
          + "analogue: \"mm/migrate_device.c: copy pte dirty bit to page\" (2022)",
      designs(MODERN, ODP, HMM2015, LEGACY_ODP), props("S4a")),
  M12("protection events ignored and every MIGRATE event skipped regardless of owner",
      "lib/test_hmm.c filters only MIGRATE events whose owner is the device itself "
          + "(dmirror_interval_invalidate())",
      designs(MODERN, ODP), props("S4a", "S4b", "S5", "S6")),
  M13("device invalidation deferred to invalidate_range_end",
      "include/linux/mmu_notifier.h: invalidate_range_end() runs after the pages are "
          + "freed (the HMM v5 changelog of 2014 tried range_end for some events; dropped "
          + "later)",
      designs(MODERN, ODP), props("S2", "S3")),
  M14("driver lock held across hmm_range_fault",
      "the fault pattern of Documentation/mm/hmm.rst (take the driver lock only after "
          + "hmm_range_fault()) and the lockdep priming in __mmu_notifier_register()",
      designs(MODERN, ODP), props("L1")),
  M15("driver lock held while calling read_begin",
      "lock_map_acquire() in mmu_interval_read_begin() and "
          + "mmu_interval_notifier_remove(); M. Hairgrove's Sep 2015 deadlock trace for "
          + "\"wait_valid; lock; is_valid; retry\"",
      designs(MODERN, ODP), props("L1")),
  M16("an rwsem read side held from invalidate_range_start to _end across nested starts",
      "\"RDMA/odp: Use mmu_range_notifier_insert()\" (Oct 2019): umem_rwsem held from "
          + "start to end deadlocks against a queued writer when a start nests",
      designs(ODP, LEGACY_ODP), props("L1")),
  M17("non-blocking start failure leaks its accounting",
      "\"mm/hmm: Fix error flows in hmm_invalidate_range_start\" (2019); commit "
          + "7608bf40cf24 \"RDMA/odp: Fix missed unlock in non-blocking invalidate_start\"",
      designs(MODERN, ODP), props("S8", "L1", "L3", "S1")),
  M18("remove returns before the deferred list is processed (epoch end read without S.lock)",
      "commit 319561669a59 \"mm/mmu_notifier.c: fix race in "
          + "mmu_interval_notifier_remove()\" (2022); the 2019 \"mm/hmm: fix use after free "
          + "with struct hmm in the mmu notifiers\"",
      designs(MODERN, ODP), props("S9")),
  M19("device object destroyed concurrently with invalidation",
      "commit abb604a1a9c8 \"RDMA/mlx5: Fix a race for an ODP MR which leads to CQE "
          + "with error\" (revoke the mkey under umem_mutex); de5ed007a03d \"IB/mlx5: Fix "
          + "implicit ODP race\"; 032080ab43ac \"IB/mlx5: Lock QP during page fault "
          + "handling\"",
      designs(ODP), props("S10")),
  M20("HW page-table update posted outside the lock it was computed under",
      "\"RDMA/mlx5: Fix a race with mlx5_ib_update_xlt on an implicit MR\" (Oct 2019)",
      designs(ODP), props("S1", "S10")),
  M21("bookkeeping (npages, dying) updated outside the driver lock",
      "\"RDMA/odp: Lift umem_mutex out of ib_umem_odp_unmap_dma_pages()\" (Oct 2019)",
      designs(ODP), props("S10")),
  M22("permission taken from the request instead of the validated snapshot",
      "the WARN in dmirror_do_fault() (write requested, pfn not writable); \"Resync the "
          + "flags\" for existing dma_list entries in ib_umem_odp_map_dma_and_lock()",
      designs(MODERN, ODP), props("S5", "S6")),
  M23("no collision check: hmm_range_fault result installed directly",
      "baseline: the fault pattern of Documentation/mm/hmm.rst",
      designs(MODERN, ODP), props("S1", "S3")),
  M24("unvalidated pfns dereferenced (dma_map) before read_retry under the lock",
      "the 2019 nouveau review (ignore hmm_range_fault() results until the retry check "
          + "under the lock); CVE-2022-3523, 16ce101db85d \"mm/memory.c: fix race when "
          + "faulting a device private page\"",
      designs(MODERN, ODP), props("S3")),
  M25("2015 HMM: fault updates the device unregistered, or ignores backoff",
      "HMM v9 08/15 hmm_device_fault_start()/_end(); 13/15 tests backoff before and after "
          + "the walk (2015)",
      designs(HMM2015), props("S1", "S3")),
  M26("2015 HMM: DMA-map compare-and-set removed",
      "the compare-and-set in hmm_mirror_dma_map() (HMM v9 13/15 \"HMM: DMA map memory on "
          + "behalf of device driver v2\", 2015)",
      designs(HMM2015), props("S1", "S3", "S10")),
  M27("2015 HMM: registered device fault allocates with reclaim inside device.update",
      "inferred from the structure of HMM v9 08/15 (no documented fix)",
      designs(HMM2015), props("L1", "L5")),
  M28("owner-filtered migration copies before invalidating the driver's own mappings",
      "hmm.rst's migration step 3: invalidate device mappings before copying (inferred, not a reported bug)",
      // The late write is lost to the copy (S4b) and, once finalize frees the source, lands in a
      // freed frame (S3): the same step shows both, and S3 is the one checked first.
      designs(MODERN), props("S4b", "S3")),
  M29("mkey usecount: dereg erases the mkey from odp_mkeys without waiting for its users",
      "mlx5r_deref_wait_odp_mkey() in mlx5_ib_dereg_mr (\"RDMA/mlx5: Cleanup the synchronize_srcu() "
          + "from the ODP flow\", Linux 5.13): no page fault or prefetch may touch the mkey once "
          + "the count dropped to zero",
      MkeyLifetime.USECOUNT, props("S10", "S3")),
  M30("odp_srcu: dereg fences the MR without synchronize_srcu and without waiting for "
      + "num_deferred_work",
      "mlx5_ib_fence_odp_mr() (Linux 5.6-5.12): synchronize_srcu(&dev->odp_srcu), then wait_event "
          + "on num_deferred_work; a6bc3875f176 \"IB/mlx5: Protect against prefetch of invalid MR\"",
      MkeyLifetime.SRCU, props("S10", "S3"));

  private final String title;
  private final String undoes;
  private final ImmutableSet<Design> designs;
  private final ImmutableSet<String> breaks;
  private final MkeyLifetime lifetime; // null: every generation of its designs

  Mutation(String title, String undoes, ImmutableSet<Design> designs, ImmutableSet<String> breaks) {
    this(title, undoes, designs, breaks, null);
  }

  /** A mutation of one generation of the odp design's mkey lifetime. */
  Mutation(String title, String undoes, MkeyLifetime lifetime, ImmutableSet<String> breaks) {
    this(title, undoes, designs(ODP), breaks, lifetime);
  }

  private Mutation(String title, String undoes, ImmutableSet<Design> designs,
      ImmutableSet<String> breaks, MkeyLifetime lifetime) {
    this.title = title;
    this.undoes = undoes;
    this.designs = designs;
    this.breaks = breaks;
    this.lifetime = lifetime;
  }

  /** The catalogue id, e.g. {@code M3}. */
  public String id() {
    return name();
  }

  /** One-line description of the bug. */
  public String title() {
    return title;
  }

  /** The fix, review, commit or documented contract the mutation undoes (functions, commit ids). */
  public String undoes() {
    return undoes;
  }

  public ImmutableSet<Design> designs() {
    return designs;
  }

  public boolean appliesTo(Design design) {
    return designs.contains(design);
  }

  /** Whether the model of {@code design} with {@code options} has this mutation's switch. */
  public boolean appliesTo(Design design, DesignOptions options) {
    return designs.contains(design) && (lifetime == null || lifetime == options.mkeyLifetime());
  }

  /** The design generation the switch exists in, or null when it exists in every one. */
  public MkeyLifetime lifetime() {
    return lifetime;
  }

  /** Where the switch exists, e.g. {@code odp.srcu} or {@code modern,odp}. */
  public String variants() {
    if (lifetime != null) {
      return ODP.word() + "." + lifetime.word();
    }
    StringBuilder sb = new StringBuilder();
    for (Design d : designs) {
      sb.append(sb.length() == 0 ? "" : ",").append(d.word());
    }
    return sb.toString();
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

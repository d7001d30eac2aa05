package dev.mirrorcheck.vocabulary;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.mirrorcheck.device.DeviceLabels;
import dev.mirrorcheck.hmm.HmmLabels;
import dev.mirrorcheck.hmm2015.Hmm2015Labels;
import dev.mirrorcheck.legacyodp.LegacyOdpLabels;
import dev.mirrorcheck.mm.MmLabels;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.notifier.NotifierLabels;
import dev.mirrorcheck.odp.OdpLabels;
import dev.mirrorcheck.scenario.RegionLabels;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every protocol step a design's model can label. A label is {@code ROLE:STEP}: the role is the
 * operation that ran it ({@code munmap}, {@code fault}, {@code inval}, nested ones such as
 * {@code fault/cow}), the step is what the kernel code did ({@code zap_pte_range},
 * {@code read_retry}). The steps come from the model packages ({@code MmLabels},
 * {@code NotifierLabels}, {@code DeviceLabels}, ...), grouped in components; a design is the union
 * of the components its model uses. Coverage lists every step of the inventory, reached or not,
 * and a {@code must-reach} entry naming no step of the design is a spec error.
 *
 * <p>Steps the shipped scenario library never reaches in a design are listed with the reason
 * ({@link #notInLibrary()}); a test runs the library and fails, saying what to add where, when a
 * reached step is missing from the inventory or an inventory step is neither reached nor explained.
 */
public final class LabelInventory {
  /** One step: its name, the kernel code it models and the component whose model labels it. */
  public record Step(String name, String models, String component) {}

  private static final String MM = "CPU mm";
  private static final String CORE = "notifier core";
  private static final String INTERVAL = "interval notifiers";
  private static final String CLASSIC = "raw mmu_notifiers";
  private static final String RANGES = "active ranges (2015)";
  private static final String HMM = "hmm_range_fault";
  private static final String MMU = "device MMU and DMA";
  private static final String DMIRROR = "dmirror driver";
  private static final String ODP = "RDMA ODP (mlx5)";
  private static final String HMM2015 = "HMM v10 + ODP RFC";
  private static final String LEGACY = "pre-HMM ODP (mlx5)";
  private static final String GUP = "get_user_pages";
  private static final String RESULTS = "spec results";

  /** The scenario's own steps: results kept for {@code as NAME} and waited for by {@code after NAME}. */
  private static final ImmutableMap<String, String> RESULT_STEPS = ImmutableMap.of(
      "record_result", "as NAME: the operation's result recorded for conditions and after NAME "
          + "(the spec's bookkeeping, not kernel code)",
      "wait_for_result", "after NAME: the operation waits until the named one has completed "
          + "(the spec's ordering, not kernel code)",
      "read_result", "expect ... if NAME RESULT: the named operation's result read when the "
          + "operation starts (the spec's condition, not kernel code)");
  private static final String MR = "RDMA memory region";

  /** Library gaps every design shares: CPU paths no scenario drives. */
  private static final ImmutableMap<String, String> COMMON_GAPS = ImmutableMap.of(
      "cancel_insert", "no scenario removes a subscription while its insert is still deferred",
      "hmm_pfn_error", "no scenario snapshots a hole or an inaccessible page");

  /** Library gaps of the RDMA designs: CPU operations only the modern scenarios use. */
  private static final ImmutableMap<String, String> RDMA_GAPS = gaps(ImmutableMap.of(
      "no RDMA scenario migrates a page", List.of("migrate_vma_collect", "migrate_folio",
          "copy_highpage", "remove_migration_ptes", "migration_entry_wait", "migrate_vma_check_page",
          "rmap_walk", "try_to_migrate"),
      "no RDMA scenario makes a page device-exclusive", List.of("folio_test_anon", "folio_try_get",
          "folio_lock", "folio_unlock", "folio_put", "make_device_exclusive",
          "restore_exclusive_pte"),
      "no modern-ODP scenario runs the OOM reaper", List.of("mmap_read_trylock",
          "set_bit_MMF_UNSTABLE")));

  private static final Map<Design, LabelInventory> BY_DESIGN = new EnumMap<>(Design.class);

  static {
    BY_DESIGN.put(Design.MODERN, new Builder(Design.MODERN)
        .add(MM, MmLabels.STEPS).add(CORE, NotifierLabels.CORE)
        .add(INTERVAL, NotifierLabels.INTERVAL).add(HMM, HmmLabels.STEPS)
        .add(MMU, DeviceLabels.MMU).add(DMIRROR, DeviceLabels.DMIRROR)
        .add(RESULTS, RESULT_STEPS)
        .add(GUP, ImmutableMap.of("follow_page", MmLabels.GUP.get("follow_page")))
        .notInLibrary(mutationOnly("M5"), "any_mapped")
        .notInLibrary(mutationOnly("M24"), "dma_map_unvalidated")
        .notInLibrary("dmirror's pfn array is private to the fault, so filling it is not a step of "
            + "its own (ODP's shared pfn_list is)", "hmm_pfn")
        .notInLibrary(without(COMMON_GAPS, "cancel_insert"))
        .notInLibrary("no modern scenario dirties a pte through a write-enabled fault of a clean "
            + "page", "pte_mkdirty")
        .build());
    BY_DESIGN.put(Design.ODP, new Builder(Design.ODP)
        .add(MM, MmLabels.STEPS).add(CORE, NotifierLabels.CORE)
        .add(INTERVAL, NotifierLabels.INTERVAL).add(HMM, HmmLabels.STEPS)
        .add(MMU, DeviceLabels.MMU).add(ODP, OdpLabels.STEPS).add(MR, RegionLabels.STEPS)
        .add(RESULTS, RESULT_STEPS)
        .notInLibrary(mutationOnly("M24"), "dma_map_unvalidated")
        .notInLibrary(mutationOnly("M16"), "umem_rwsem_read")
        .notInLibrary(without(COMMON_GAPS, "hmm_pfn_error"))
        .notInLibrary(RDMA_GAPS)
        .notInLibrary("modern ODP finds a deregistered MR missing from odp_mkeys itself "
            + "(xa_load_odp_mkeys), and no odp scenario faults a region declared unregistered",
            "mr_lookup", "mkey_unlookup")
        .build());
    BY_DESIGN.put(Design.HMM2015, new Builder(Design.HMM2015)
        .add(MM, MmLabels.STEPS).add(CORE, NotifierLabels.CORE)
        .add(CLASSIC, NotifierLabels.CLASSIC).add(RANGES, NotifierLabels.ACTIVE_RANGES)
        .add(MMU, DeviceLabels.MMU).add(HMM2015, Hmm2015Labels.STEPS).add(MR, RegionLabels.STEPS)
        .add(RESULTS, RESULT_STEPS)
        .notInLibrary(mutationOnly("M1"), "hmm_invalidate_range_start", "hmm_invalidate_range_end",
            "hmm_notifiers_inc", "hmm_range_register", "hmm_range_wait_until_valid",
            "read_notifiers")
        .notInLibrary(mutationOnly("M2") + " (the correct order publishes the range inside the "
            + "start's own step)", "publish_range")
        .notInLibrary(COMMON_GAPS)
        .notInLibrary(without(RDMA_GAPS, "mmap_read_trylock", "set_bit_MMF_UNSTABLE"))
        .notInLibrary("no 2015 scenario registers a umem at run time in a process without an "
            + "ib_mirror (every mirror is registered during set-up)", "mm_hmm", "hmm_init",
            "hmm_add_mirror", "ib_mirror_list_add", "hlist_add_head_rcu", "mmu_notifier_mm")
        .build());
    BY_DESIGN.put(Design.LEGACY_ODP, new Builder(Design.LEGACY_ODP)
        .add(MM, MmLabels.STEPS).add(GUP, MmLabels.GUP).add(CORE, NotifierLabels.CORE)
        .add(CLASSIC, NotifierLabels.CLASSIC).add(MMU, DeviceLabels.MMU)
        .add(LEGACY, LegacyOdpLabels.STEPS).add(MR, RegionLabels.STEPS)
        .add(RESULTS, RESULT_STEPS)
        .notInLibrary(COMMON_GAPS)
        .notInLibrary(without(RDMA_GAPS, "mmap_read_trylock", "set_bit_MMF_UNSTABLE"))
        .notInLibrary("no legacy scenario mprotects", "change_pte_range")
        .build());
  }

  private final Design design;
  private final ImmutableList<String> components;
  private final ImmutableSortedMap<String, Step> steps;
  private final ImmutableSortedMap<String, String> notInLibrary;

  private LabelInventory(Builder b) {
    design = b.design;
    components = ImmutableList.copyOf(b.components);
    steps = ImmutableSortedMap.copyOf(b.steps);
    // A gap shared by several designs may name a step this design does not have.
    Map<String, String> gaps = new LinkedHashMap<>();
    b.notInLibrary.forEach((step, why) -> {
      if (b.steps.containsKey(step)) {
        gaps.put(step, why);
      }
    });
    notInLibrary = ImmutableSortedMap.copyOf(gaps);
  }

  /** The inventory of {@code design}. */
  public static LabelInventory of(Design design) {
    return BY_DESIGN.get(design);
  }

  public Design design() {
    return design;
  }

  /** The components the design's model is made of, in the order coverage lists them. */
  public ImmutableList<String> components() {
    return components;
  }

  /** Every step of the design, by name. */
  public ImmutableSortedMap<String, Step> steps() {
    return steps;
  }

  /** Steps the shipped scenario library never reaches in this design, with the reason. */
  public ImmutableSortedMap<String, String> notInLibrary() {
    return notInLibrary;
  }

  /** Whether {@code label} ({@code STEP} or {@code ROLE:STEP}) names a step of this design. */
  public boolean knows(String label) {
    return steps.containsKey(Labels.stepOf(label.trim()));
  }

  /**
   * Why {@code label} is not a label of this design ({@code "unknown label 'instal' for design
   * modern; did you mean 'install'?"}), or null when it is one.
   */
  public String problem(String label) {
    if (knows(label)) {
      return null;
    }
    String step = Labels.stepOf(label.trim());
    return "unknown label '" + label.trim() + "' for design " + design.word()
        + DidYouMean.hint(step, steps.keySet());
  }

  private static String mutationOnly(String id) {
    return "reached only with mutation " + id + " switched on";
  }

  /** {@code gaps} less the steps a design's library does reach. */
  private static Map<String, String> without(Map<String, String> gaps, String... reached) {
    Map<String, String> out = new LinkedHashMap<>(gaps);
    for (String r : reached) {
      Preconditions.checkArgument(out.remove(r) != null, "'%s' is not a gap", r);
    }
    return out;
  }

  private static ImmutableMap<String, String> gaps(Map<String, List<String>> byReason) {
    ImmutableMap.Builder<String, String> out = ImmutableMap.builder();
    byReason.forEach((why, steps) -> steps.forEach(s -> out.put(s, why)));
    return out.build();
  }

  private static final class Builder {
    private final Design design;
    private final List<String> components = new java.util.ArrayList<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, String> notInLibrary = new LinkedHashMap<>();

    Builder(Design design) {
      this.design = design;
    }

    /** A component's steps; a step two components share keeps the first one's description. */
    Builder add(String component, Map<String, String> componentSteps) {
      components.add(component);
      componentSteps.forEach((name, models) ->
          steps.putIfAbsent(name, new Step(name, models, component)));
      return this;
    }

    Builder notInLibrary(String why, String... names) {
      for (String n : names) {
        Preconditions.checkArgument(steps.containsKey(n), "%s: '%s' is not a step of the design",
            design.word(), n);
        notInLibrary.put(n, why);
      }
      return this;
    }

    Builder notInLibrary(Map<String, String> gaps) {
      notInLibrary.putAll(gaps);
      return this;
    }

    LabelInventory build() {
      return new LabelInventory(this);
    }
  }
}

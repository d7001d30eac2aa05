package dev.mirrorcheck.hmm;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps {@code hmm_range_fault} labels (a label is {@code ROLE:STEP}; these are the
 * STEPs). Coverage and {@code must-reach} read them through the label inventory.
 */
public final class HmmLabels {
  private HmmLabels() {}

  /** Step name to the kernel code it models (mm/hmm.c). */
  public static final ImmutableMap<String, String> STEPS = ImmutableMap.<String, String>builder()
      .put("hmm_vma_walk", "hmm_vma_walk_pmd()/hmm_vma_handle_pte(): read one CPU pte into the pfn array")
      .put("hmm_pfn", "the pfn array entry written with the frame and its write permission")
      .put("hmm_pfn_error", "the pfn array entry marked HMM_PFN_ERROR (no VMA, or no access)")
      .put("find_vma", "find_vma() inside hmm_range_fault")
      .put("migration_entry_wait", "hmm_vma_walk_pmd(): wait for a migration entry to go away")
      .build();
}

package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableMap;

/**
 * The steps a scenario's RDMA memory region labels around its lifetime (the MR as the HCA looks it
 * up by mkey), each with the kernel code it models; every RDMA design's inventory includes them.
 */
public final class RegionLabels {
  private RegionLabels() {}

  public static final ImmutableMap<String, String> STEPS = ImmutableMap.of(
      "mr_lookup", "the HCA looks the MR up by its mkey: absent before registration and once "
          + "deregistration has started",
      "mkey_unlookup", "ib_dereg_mr(): the mkey is removed from the HCA's lookup table first",
      "mr_created", "ib_umem_odp_get()/ib_umem_get(): a region declared unregistered is registered");
}

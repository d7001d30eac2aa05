package dev.mirrorcheck.mm;

/** {@code struct dev_pagemap_ops} of a device's private memory. */
public interface DevicePagemapOps {

  /**
   * {@code migrate_to_ram}: a CPU fault hit a device-private entry of this device at page {@code v};
   * called with {@code mmap_lock} held for read. Returns 0 (the fault is retried) or an error.
   */
  int migrateToRam(Mm mm, String role, int v);
}

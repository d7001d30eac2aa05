package dev.mirrorcheck.ghost;

/** What the properties see of a CPU page-table entry ({@code cpuPT[v]} of docs/reference.md). */
public interface CpuEntry {

  /** The entry shapes of docs/reference.md (plus swap, for anonymous reclaim). */
  enum Kind {
    NONE,
    PRESENT,
    MIGRATION,
    DEVICE_PRIVATE,
    SWAP
  }

  Kind kind();

  /** The frame mapped, migrating or device-private; -1 for none and swap. */
  int frame();

  boolean writable();

  boolean dirty();
}

package dev.mirrorcheck.ghost;

/** What the properties see of a CPU page-table entry ({@code cpuPT[v]} of docs/reference.md). */
public interface CpuEntry {

  /** The entry shapes of docs/reference.md (plus swap, for anonymous reclaim). */
  enum Kind {
    NONE,
    PRESENT,
    MIGRATION,
    DEVICE_PRIVATE,
    SWAP,
    /** A device-exclusive entry ({@code make_device_exclusive}): the CPU faults to take it back. */
    EXCLUSIVE
  }

  Kind kind();

  /** The frame mapped, migrating or device-private; -1 for none and swap. */
  int frame();

  boolean writable();

  boolean dirty();

  /** For {@link Kind#EXCLUSIVE}: the device that holds the page exclusively; else -1. */
  int exclusiveOwner();
}

/**
 * The CPU side of the mirror (docs/reference.md, "The CPU side"): physical frames, address spaces
 * with their page tables, VMAs and {@code mmap_lock}, and the mm operations that invalidate mirrors
 * (munmap, mprotect, fork, CPU faults with COW break, migration, reclaim and writeback,
 * madvise(DONTNEED), exit and the OOM reaper). Each operation brackets its page-table changes with
 * {@code invalidate_range_start/end} and may free frames before the end, as the kernel does.
 *
 * <p>Page-table-lock critical sections are one step each ({@code lock; atomic; unlock}), like every
 * short spinlock section in the model.
 */
package dev.mirrorcheck.mm;

/**
 * A dmirror-style device driver ({@code lib/test_hmm.c}, pseudo-code C and D) on a device with real
 * translation hardware: a device page table, a device TLB and a DMA engine that works without the
 * driver lock and raises a device fault on a miss or a write to a read-only entry. The invalidate
 * callback records the epoch first, zaps, flushes the TLB and waits for in-flight DMA, then unmaps
 * and dirties; the fault handler installs only from a snapshot validated under the driver lock.
 * Device-private memory, migration to and from it, and snapshots follow the test driver.
 */
package dev.mirrorcheck.device;

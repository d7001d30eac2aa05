/**
 * {@code hmm_range_fault} (kernel {@code mm/hmm.c}, pseudo-code E): a snapshot of the CPU page table
 * into an array of HMM pfns, faulting missing or read-only pages through the CPU fault path on request,
 * restarting with {@code -EBUSY} when the subscription's sequence moved. Takes no page references.
 */
package dev.mirrorcheck.hmm;

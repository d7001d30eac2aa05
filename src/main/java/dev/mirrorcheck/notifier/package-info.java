/**
 * The mmu interval notifier core (kernel {@code mm/mmu_notifier.c}, interval part; docs/reference.md and
 * pseudo-code B): per-mm subscriptions with the odd/even {@code seq} epochs, the {@code active} count,
 * the interval set frozen while an epoch is open, the deferred insert/remove list and the wait queue.
 */
package dev.mirrorcheck.notifier;

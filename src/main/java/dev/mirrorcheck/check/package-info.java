/**
 * The property checkers of docs/properties.md: S1..S10 and L1..L5, each with an id, a statement and
 * the checks that decide it.
 *
 * <p>{@link dev.mirrorcheck.check.PropertyCatalog} lists them; {@link dev.mirrorcheck.check.Subject}
 * describes the world to check; {@link dev.mirrorcheck.check.Properties#install} puts a selection on a
 * world while it is built. State invariants read the model with {@code peek}, one invariant per
 * (property, mirror, page) reading a fixed set of cells; event checks are ghost listeners that fail
 * the acting step through {@code Sync.check}; end checks look at the final state of complete
 * executions. The checkers keep their own ghost cells per page, frame or address space, never a cell
 * every step touches. L1 and L4 are reported by the explorer.
 */
package dev.mirrorcheck.check;

/**
 * Ghost state and events for the properties (docs/properties.md).
 *
 * <p>The model reports what it does through {@link dev.mirrorcheck.ghost.Ghost}, which keeps the cheap
 * per-frame and per-page ghost cells (device writes since the last clean, per-page invalidation
 * generations) and forwards every event to the registered {@link dev.mirrorcheck.ghost.GhostListener}s.
 * Ghost cells are updated with {@code poke} inside the step of the operation they describe, so they add
 * no scheduling points; they are per frame or per page so they add no artificial dependencies.
 *
 * <p>This package is the shared vocabulary of the mirror: it depends on nothing but the facade, and the
 * model's value types ({@code Pte}, {@code DevPte}) implement its views.
 */
package dev.mirrorcheck.ghost;

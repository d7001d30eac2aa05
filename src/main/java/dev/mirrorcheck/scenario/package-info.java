/**
 * Turns a {@link dev.mirrorcheck.spec.Spec} into a {@link dev.mirrorcheck.sync.Harness}: builds the
 * mirror model's world (memory, address spaces, files, dmirror devices, ODP umems) for each execution,
 * lets the caller install property checks on it, and runs each actor's operations against the model.
 */
package dev.mirrorcheck.scenario;

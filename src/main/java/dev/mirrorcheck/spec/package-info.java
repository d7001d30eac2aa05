/**
 * Scenario specs: the small declarative format (YAML) in which users describe a bounded scenario —
 * design, memory, devices, actors and their operations, properties, mutations, bounds — without
 * writing Java. {@link dev.mirrorcheck.spec.SpecParser} turns a file into an immutable
 * {@link dev.mirrorcheck.spec.Spec}, reporting problems as {@code file:line: what is wrong}.
 */
package dev.mirrorcheck.spec;

/**
 * The explorer's differential self-test: random programs over every facade primitive, run by the
 * explorer (with and without block reduction) and by an independent brute-force reference, whose
 * reachable final states, violations and deadlocks must agree.
 *
 * <p>A {@link dev.mirrorcheck.selftest.Program} is a small abstract syntax tree. {@link
 * dev.mirrorcheck.selftest.FacadeProgram} turns it into a facade {@link dev.mirrorcheck.sync.Harness}
 * for the explorer; {@link dev.mirrorcheck.selftest.Reference} compiles it to a tiny instruction set
 * with its own lock, semaphore and wait-queue semantics (written from the facade's documentation) and
 * enumerates every reachable state explicitly. Nothing in the reference uses the explorer's runtime.
 * {@link dev.mirrorcheck.selftest.Minimiser} shrinks a program on which the two disagree; {@link
 * dev.mirrorcheck.selftest.ProgramText} prints and parses programs, so shrunk ones can be kept as
 * regression tests. This package depends on {@code explore} and {@code sync} only.
 */
package dev.mirrorcheck.selftest;

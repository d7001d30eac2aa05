/**
 * The concurrency facade: the only way model code (the mirror, harnesses) touches shared state or
 * synchronises.
 *
 * <p>Model code is ordinary blocking Java written against {@link dev.mirrorcheck.sync.Sync} and the
 * primitives it creates. Two runtimes implement it: {@link dev.mirrorcheck.sync.NativeSync} runs on real
 * threads (and under Java PathFinder), and the explorer's runtime runs one actor at a time and switches
 * only at facade operations. Every operation takes a label in the protocol's vocabulary (for example
 * {@code "fault:read_retry"}) so traces and coverage speak the kernel's words.
 *
 * <p>Each blocking or shared-memory operation is a <em>scheduling point</em>: the explorer may run another
 * actor just before it. {@code peek}/{@code poke} and {@link dev.mirrorcheck.sync.Sync#atomic} perform
 * accesses inside the current step instead (no scheduling point), which is how ghost state is updated
 * together with the operation it describes.
 */
package dev.mirrorcheck.sync;

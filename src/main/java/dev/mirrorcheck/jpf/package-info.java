/**
 * Java PathFinder interop: entry points ({@code main} classes that JPF's VM runs on plain threads,
 * each with a {@code harness(String[])} that gives our explorer the same program), the {@code .jpf}
 * configuration reader with JPF's semantics, the mapping of JPF's search keys to our explorer, and
 * the launcher of a real Java PathFinder installation.
 *
 * <p>The entry classes ({@code *Main}, {@code *Program}, {@link dev.mirrorcheck.jpf.NativeMain})
 * depend only on the JDK and {@code dev.mirrorcheck.sync}, and contain no {@code invokedynamic}.
 */
package dev.mirrorcheck.jpf;

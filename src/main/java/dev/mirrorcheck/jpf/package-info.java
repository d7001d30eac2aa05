/**
 * Java PathFinder interop: entry points ({@code main} classes that JPF's VM runs on plain threads,
 * each with a {@code harness(String[])} that gives our explorer the same program), the {@code .jpf}
 * configuration reader with JPF's semantics, the mapping of JPF's search keys to our explorer, and
 * the launcher of a real Java PathFinder installation.
 *
 * <p>The calibration and lock-order entry classes ({@code CalibrationMain}, {@code LockOrderMain},
 * their {@code *Program}s and {@link dev.mirrorcheck.jpf.NativeMain}) depend only on the JDK and
 * {@code dev.mirrorcheck.sync}, and contain no {@code invokedynamic}. The scenario-family entry
 * ({@link dev.mirrorcheck.jpf.MirrorScenarioMain}) builds its worlds from the mirror packages, which
 * need Guava and use lambdas; its own classes contain no {@code invokedynamic} either, and it reaches
 * none of the checking or reporting packages.
 */
package dev.mirrorcheck.jpf;

/**
 * JUnit 5 integration: write a harness as a test method annotated
 * {@link dev.mirrorcheck.junit.ExploreTest} and the explorer's verdict becomes the test's result.
 *
 * <pre>{@code
 * @ExploreTest(maxSteps = 2000)
 * void faultVersusMunmap(World world) {
 *   // cells, actors and invariants, built afresh for every execution
 * }
 *
 * @ExploreTest(expect = Expect.VIOLATION, property = "S3")
 * void brokenVariantIsCaught(World world) { ... }
 * }</pre>
 *
 * <p>An unexpected violation fails the test with the finding, the schedule, the replayed step table and
 * a counterexample file that {@code ./mirrorcheck replay --classpath target/test-classes FILE}
 * re-executes. JUnit is a {@code provided} dependency: only test runs load this package, never the CLI.
 */
package dev.mirrorcheck.junit;

/**
 * The classic stateless-model-checking benchmarks (lastzero, indexer, filesystem, readers, dining
 * philosophers, as published with Nidhugg and Concuerror) written against the concurrency facade. Their
 * Mazurkiewicz trace counts are known, which makes them a yardstick for the explorer's reductions: the
 * test suite asserts the counts, and {@code bench --reduction} times them.
 */
package dev.mirrorcheck.benchmarks;

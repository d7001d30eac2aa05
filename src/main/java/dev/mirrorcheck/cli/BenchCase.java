package dev.mirrorcheck.cli;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.Result;

/**
 * One row of the calibration yardstick (docs/jpf-figures.md) with Java PathFinder's
 * reference wall time for it: jpf-core java-17 branch, DFSearch, JDK 17, 2 shared cores, including
 * about 1.1 s of JVM and JPF start-up.
 */
final class BenchCase {
  /** How far a run goes. */
  enum Mode {
    EXHAUSTIVE("exhaustive"),
    FIRST_ERROR("first error"),
    ALL_ERRORS("all errors");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  /** The table of docs/jpf-figures.md, in its order. */
  static final ImmutableList<BenchCase> CALIBRATION = ImmutableList.of(
      new BenchCase(false, 2, 1, Mode.EXHAUSTIVE, 3.8, 5.4),
      new BenchCase(false, 3, 1, Mode.EXHAUSTIVE, 4.3, 6.9),
      new BenchCase(false, 2, 2, Mode.EXHAUSTIVE, 33.8, 37.1),
      new BenchCase(false, 3, 2, Mode.EXHAUSTIVE, 81.6, 115.5),
      new BenchCase(true, 2, 1, Mode.FIRST_ERROR, 1.9, 2.3),
      new BenchCase(true, 3, 2, Mode.FIRST_ERROR, 6.7, 7.3),
      new BenchCase(true, 3, 2, Mode.ALL_ERRORS, 115, 132));

  final boolean buggy;
  final int pages;
  final int faulters;
  final Mode mode;
  final double jpfMinSeconds;
  final double jpfMaxSeconds;

  private BenchCase(boolean buggy, int pages, int faulters, Mode mode, double jpfMin, double jpfMax) {
    this.buggy = buggy;
    this.pages = pages;
    this.faulters = faulters;
    this.mode = mode;
    this.jpfMinSeconds = jpfMin;
    this.jpfMaxSeconds = jpfMax;
  }

  String variant() {
    return buggy ? "buggy" : "correct";
  }

  Result.Verdict expected() {
    return buggy ? Result.Verdict.VIOLATION : Result.Verdict.PASS;
  }

  /** For example {@code 3.8-5.4}. */
  String jpfRange() {
    return trim(jpfMinSeconds) + "-" + trim(jpfMaxSeconds);
  }

  private static String trim(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }

  @Override
  public String toString() {
    return variant() + " " + pages + " pages / " + faulters + " faulter(s), " + mode.label;
  }
}

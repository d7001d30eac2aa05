package dev.mirrorcheck.cli;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.explore.Result;

/**
 * One calibration configuration of the benchmark: the calibration mirror (one invalidating thread,
 * N faulting threads, one device thread) at a size, correct or buggy, searched exhaustively, to the
 * first error, or for every error.
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

  /** From the smallest to the largest the explorer handles in well under a second. */
  static final ImmutableList<BenchCase> CALIBRATION = ImmutableList.of(
      new BenchCase(false, 2, 1, Mode.EXHAUSTIVE),
      new BenchCase(false, 3, 1, Mode.EXHAUSTIVE),
      new BenchCase(false, 2, 2, Mode.EXHAUSTIVE),
      new BenchCase(false, 3, 2, Mode.EXHAUSTIVE),
      new BenchCase(true, 2, 1, Mode.FIRST_ERROR),
      new BenchCase(true, 3, 2, Mode.FIRST_ERROR),
      new BenchCase(true, 3, 2, Mode.ALL_ERRORS));

  final boolean buggy;
  final int pages;
  final int faulters;
  final Mode mode;

  private BenchCase(boolean buggy, int pages, int faulters, Mode mode) {
    this.buggy = buggy;
    this.pages = pages;
    this.faulters = faulters;
    this.mode = mode;
  }

  String variant() {
    return buggy ? "buggy" : "correct";
  }

  Result.Verdict expected() {
    return buggy ? Result.Verdict.VIOLATION : Result.Verdict.PASS;
  }

  /**
   * The Java PathFinder configuration of this case, as in {@code jpf-configs/}: the calibration entry
   * point with its arguments, {@code classes} on the classpath.
   */
  String jpfConfig(String classes) {
    return "# Calibration mirror, " + variant() + ", " + pages + " pages / " + faulters
        + " faulter(s), " + mode.label + " (written by mirrorcheck bench --jpf).\n"
        + "target = dev.mirrorcheck.jpf.CalibrationMain\n"
        + "target.args = " + pages + "," + faulters + "," + variant() + "\n"
        + "classpath = " + classes.replace('\\', '/') + "\n"
        + "search.class = gov.nasa.jpf.search.DFSearch\n"
        + (mode == Mode.ALL_ERRORS ? "search.multiple_errors = true\n" : "")
        + "vm.enable_assertions = *\n";
  }

  @Override
  public String toString() {
    return variant() + " " + pages + " pages / " + faulters + " faulter(s), " + mode.label;
  }
}

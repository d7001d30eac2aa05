package dev.mirrorcheck.jpf;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.sync.Harness;

/**
 * Entry point of the calibration mirror for Java PathFinder and our explorer; arguments
 * {@code [pages [faulters [correct|buggy]]]}, defaults 2, 1, correct (those of the original
 * {@code MirrorCalibration} program).
 */
public final class CalibrationMain {
  static final String USAGE = "calibration";

  private CalibrationMain() {}

  public static void main(String[] args) throws InterruptedException {
    NativeMain.run(harness(args));
  }

  /** The program {@link #main} runs, for our explorer; throws IllegalArgumentException on bad arguments. */
  public static Harness harness(String[] args) {
    if (args.length > 3) {
      throw new IllegalArgumentException(USAGE + ": expected at most 3 arguments "
          + "(pages, faulters, correct|buggy), got " + args.length);
    }
    int pages = args.length > 0 ? NativeMain.count(USAGE, "pages", args[0], 1, 8) : 2;
    int faulters = args.length > 1 ? NativeMain.count(USAGE, "faulters", args[1], 1, 6) : 1;
    boolean buggy = args.length > 2 && NativeMain.buggy(USAGE, args[2]);
    return new MirrorCalibration(pages, faulters, buggy);
  }
}

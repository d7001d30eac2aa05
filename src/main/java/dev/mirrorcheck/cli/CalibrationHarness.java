package dev.mirrorcheck.cli;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.sync.Harness;

/** The {@code calibration} harness kind: {@link MirrorCalibration} with pages, faulters, variant. */
final class CalibrationHarness {
  static final String KIND = "calibration";

  private CalibrationHarness() {}

  static HarnessRef ref(int pages, int faulters, boolean buggy) {
    return HarnessRef.builder(KIND).param("pages", pages).param("faulters", faulters)
        .param("variant", buggy ? "buggy" : "correct").build();
  }

  static Harness create(HarnessParams params) {
    int pages = params.integer("pages");
    int faulters = params.integer("faulters");
    boolean buggy = params.oneOf("variant", "correct", "buggy").equals("buggy");
    try {
      return new MirrorCalibration(pages, faulters, buggy);
    } catch (IllegalArgumentException e) {
      // The harness owns its size limits; its message states them.
      throw params.error(e.getMessage());
    }
  }
}

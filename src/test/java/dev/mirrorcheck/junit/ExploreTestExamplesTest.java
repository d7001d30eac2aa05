package dev.mirrorcheck.junit;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.junit.fixtures.Counters;
import dev.mirrorcheck.sync.World;
import org.junit.jupiter.api.TestInfo;

/** {@link ExploreTest} as users write it: each method is a harness, the verdict is the result. */
class ExploreTestExamplesTest {

  @ExploreTest(expect = Expect.VIOLATION, property = "C1")
  void racyCounterLosesAnUpdate(World world) {
    Counters.racy(world);
  }

  @ExploreTest(maxSteps = 200)
  void lockedCounterNeverLosesOne(World world) {
    Counters.locked(world);
  }

  @ExploreTest(maxSteps = 2000)
  void calibrationMirrorIsCorrect(World world) {
    new MirrorCalibration(2, 1, false).build(world);
  }

  @ExploreTest(maxSteps = 2000, workers = 2)
  void calibrationMirrorIsCorrectOnTwoWorkers(World world) {
    new MirrorCalibration(2, 2, false).build(world);
  }

  @ExploreTest(expect = Expect.VIOLATION, property = "S3", workers = 2)
  void calibrationWithoutRetryMapsAFreedFrameOnTwoWorkers(World world) {
    new MirrorCalibration(2, 1, true).build(world);
  }

  @ExploreTest(expect = Expect.VIOLATION, property = "S3")
  void calibrationWithoutRetryMapsAFreedFrame(World world) {
    new MirrorCalibration(2, 1, true).build(world);
  }

  @ExploreTest(reduce = false, stopAtFirst = false)
  void otherParametersStillResolve(World world, TestInfo info) {
    world.sync().newInt(info.getTestMethod().orElseThrow().getName(), 0);
    Counters.locked(world);
  }
}

package dev.mirrorcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The remaining-work estimate: from the search's position, as a range, with bounded memory. */
class EstimateTest {
  @Test
  void theTotalIsExecutionsOverTheShareDone() {
    Estimate e = new Estimate();
    assertNull(e.range(0));
    assertTrue(e.wants(16));
    e.add(16, 0.25, 0.25);
    Estimate.Range r = e.range(16);
    assertEquals(64, r.low());
    assertEquals(64, r.high());
    assertEquals("est. total 64 executions, 25% done", r.toString());
  }

  @Test
  void theRangeIsTheSpreadOverTheRecentHalfOfTheRun() {
    Estimate e = new Estimate();
    long n = 0;
    // the estimate settles from 100k to 45k-50k over the run; early samples leave the range
    for (int i = 1; i <= 1000; i++) {
      n += 16;
      if (e.wants(n)) {
        double share = n / (i <= 500 ? 100_000.0 : 40_000.0 + 10 * i);
        e.add(n, share, share);
      }
    }
    Estimate.Range r = e.range(n);
    assertTrue(r.low() >= 45_000 && r.high() <= 50_000, r::toString);
    assertTrue(e.state().totals().length <= Estimate.KEEP, "bounded memory");
    // a checkpoint's copy goes on exactly as the original
    Estimate copy = new Estimate(e.state());
    assertEquals(e.wants(n + 16), copy.wants(n + 16));
    assertEquals(r, copy.range(n));
  }

  @Test
  void neverBelowWhatRanAndNeverDoneBeforeTheEnd() {
    Estimate e = new Estimate();
    e.add(16, 2.0, 2.0); // a share above 1: branches were added after they were counted
    Estimate.Range r = e.range(20);
    assertEquals(20, r.low());
    assertEquals("100", r.donePercent());
    assertEquals("99", new Estimate.Range(1000, 1000.5, 1000).donePercent().substring(0, 2));
  }

  @Test
  void theHighEndCountsTheBranchesNodesMayStillGain() {
    Estimate e = new Estimate();
    e.add(16, 0.5, 0.1); // half done with the branches known now, a tenth with every possible one
    Estimate.Range r = e.range(16);
    assertEquals(32, r.low());
    assertEquals(160, r.high());
    assertEquals("est. total 32–160 executions, 10–50% done", r.toString());
    Estimate copy = new Estimate(e.state());
    assertEquals(r, copy.range(16));
  }

  @Test
  void largeNumbersAreCompact() {
    assertEquals("950", Estimate.compact(950));
    assertEquals("1.2k", Estimate.compact(1_234));
    assertEquals("12k", Estimate.compact(12_345));
    assertEquals("3.4M", Estimate.compact(3_400_000));
    assertEquals("1.0k", Estimate.compact(999.7));
    assertEquals("2.0e+15", Estimate.compact(2e15));
  }
}

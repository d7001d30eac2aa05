package dev.mirrorcheck.explore;

import dev.mirrorcheck.calibration.MirrorCalibration;

public class CalMain {
  public static void main(String[] a) {
    int[][] cfgs = {{2,1,0},{3,1,0},{2,2,0},{3,2,0},{2,1,1},{3,2,1}};
    for (int rep = 0; rep < Integer.parseInt(a[0]); rep++)
    for (int[] c : cfgs) {
      MirrorCalibration h = new MirrorCalibration(c[0], c[1], c[2] == 1);
      long t0 = System.nanoTime();
      Result r = new Explorer(ExplorerOptions.defaults()).explore(h);
      System.out.printf("%s: %s execs=%d trans=%d depth=%d sleepBlocked=%d fallbacks=%d %dms %s%n", h.describe(), r.verdict(),
        r.statistics().executions(), r.statistics().transitions(), r.statistics().maxDepth(), r.statistics().sleepBlocked(), r.statistics().fallbacks(), (System.nanoTime()-t0)/1000000, r.findings().isEmpty()? "" : r.findings().get(0).toString());
    }
  }
}

package dev.mirrorcheck.report;

import dev.mirrorcheck.explore.Decision;
import java.util.List;
import java.util.Locale;

/** How reports write numbers, durations, memory sizes and schedules. */
public final class Formats {
  private Formats() {}

  /** {@code 1,234,567}: the same grouping whatever the machine's locale. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 850 ms}, {@code 12.3 s} or {@code 4 min 05 s}. */
  public static String millis(long ms) {
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  /** Whole megabytes ({@code 18 MB}). */
  public static String megabytes(long bytes) {
    return count(bytes >> 20) + " MB";
  }

  /** A schedule compactly: runs of the same actor collapse to {@code fault0 x4}. */
  public static String schedule(List<Decision> schedule) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < schedule.size()) {
      Decision d = schedule.get(i);
      int j = i + 1;
      while (j < schedule.size() && schedule.get(j).equals(d)) {
        j++;
      }
      sb.append(sb.length() == 0 ? "" : ", ").append(d);
      if (j - i > 1) {
        sb.append(" x").append(j - i);
      }
      i = j;
    }
    return sb.toString();
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Decision;
import java.util.List;

/** Renders a schedule compactly: runs of the same actor collapse to {@code fault0 x4}. */
final class ScheduleText {
  private ScheduleText() {}

  static String compact(List<Decision> schedule) {
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

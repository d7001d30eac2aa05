package dev.mirrorcheck.explore;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** How often each operation label was executed as a new (not replayed) step. */
final class Coverage {
  private final HashMap<String, long[]> counts = new HashMap<>();

  void hit(String label) {
    long[] c = counts.get(label);
    if (c == null) {
      counts.put(label, new long[] {1});
    } else {
      c[0]++;
    }
  }

  void merge(Coverage other) {
    other.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
  }

  /** Replaces the counts by {@code saved} (a checkpoint's). */
  void restore(Map<String, Long> saved) {
    counts.clear();
    saved.forEach((k, v) -> counts.put(k, new long[] {v}));
  }

  void clear() {
    counts.clear();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }
}

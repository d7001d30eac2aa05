package dev.mirrorcheck.report;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns spec names into distinct, portable file names. */
public final class SafeNames {
  private static final int MAX = 80;

  private SafeNames() {}

  /** One safe name per input, in order; names that collide get {@code -2}, {@code -3}, ... */
  static ImmutableList<String> assign(List<String> names) {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    // Case-insensitive file systems would merge names that differ only in case.
    Set<String> taken = new HashSet<>();
    for (String n : names) {
      String base = of(n);
      String candidate = base;
      for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
        candidate = base + "-" + i;
      }
      out.add(candidate);
    }
    return out.build();
  }

  /** Letters, digits, {@code .}, {@code _}, {@code -}; starts with a letter or digit; never empty. */
  public static String of(String name) {
    String s = name.strip().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "");
    if (s.length() > MAX) {
      s = s.substring(0, MAX);
    }
    return s.isEmpty() ? "spec" : s;
  }
}

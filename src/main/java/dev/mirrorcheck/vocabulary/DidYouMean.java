package dev.mirrorcheck.vocabulary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggestions for a misspelt name: the known names closest to it by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours, ignoring case), or those it is a prefix of;
 * only the names at the smallest distance found, at most three.
 */
public final class DidYouMean {
  private static final int MAX_SUGGESTIONS = 3;

  private DidYouMean() {}

  /** Up to three known names close to {@code typed}, closest first; empty when none is close. */
  public static List<String> suggest(String typed, Collection<String> known) {
    String t = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return List.of();
    }
    // Short names tolerate one edit; longer ones about one edit per four characters.
    int tolerance = Math.max(1, t.length() / 4);
    List<String> close = new ArrayList<>();
    List<Integer> distances = new ArrayList<>();
    for (String k : known) {
      String c = k.toLowerCase(Locale.ROOT);
      int d = c.startsWith(t) && t.length() >= 3 ? 0 : distance(t, c);
      if (d <= tolerance && !close.contains(k)) {
        close.add(k);
        distances.add(d);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < close.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(distances::get));
    // Only the closest: "s1" is S1, not also S3 and L1.
    List<String> out = new ArrayList<>();
    for (int i = 0; i < order.size() && out.size() < MAX_SUGGESTIONS; i++) {
      if (distances.get(order.get(i)).equals(distances.get(order.get(0)))) {
        out.add(close.get(order.get(i)));
      }
    }
    return out;
  }

  /**
   * {@code "; did you mean 'a' or 'b'?"} for the suggestions, or the empty string: ready to append to
   * an error message.
   */
  public static String hint(String typed, Collection<String> known) {
    List<String> s = suggest(typed, known);
    if (s.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("; did you mean ");
    for (int i = 0; i < s.size(); i++) {
      sb.append(i == 0 ? "" : i == s.size() - 1 ? " or " : ", ").append('\'').append(s.get(i))
          .append('\'');
    }
    return sb.append('?').toString();
  }

  /** Optimal-string-alignment distance: Levenshtein plus transposition of adjacent characters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}

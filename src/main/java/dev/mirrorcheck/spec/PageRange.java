package dev.mirrorcheck.spec;

import com.google.common.base.Preconditions;

/** Virtual pages {@code [first, last]}, written {@code 3} or {@code 0..2} in specs. */
public final class PageRange {
  private final int first;
  private final int last;

  public PageRange(int first, int last) {
    Preconditions.checkArgument(0 <= first && first <= last, "bad range %s..%s", first, last);
    this.first = first;
    this.last = last;
  }

  public int first() {
    return first;
  }

  public int last() {
    return last;
  }

  /** Exclusive end, as the model's {@code [start, end)} ranges take it. */
  public int end() {
    return last + 1;
  }

  public int size() {
    return last - first + 1;
  }

  /** Parses {@code "N"} or {@code "N..M"}; returns null when the text is not a range. */
  static PageRange parse(String text) {
    int dots = text.indexOf("..");
    try {
      if (dots < 0) {
        int p = Integer.parseInt(text);
        return p < 0 ? null : new PageRange(p, p);
      }
      int a = Integer.parseInt(text.substring(0, dots));
      int b = Integer.parseInt(text.substring(dots + 2));
      return a < 0 || b < a ? null : new PageRange(a, b);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PageRange && ((PageRange) o).first == first && ((PageRange) o).last == last;
  }

  @Override
  public int hashCode() {
    return first * 31 + last;
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + ".." + last;
  }
}

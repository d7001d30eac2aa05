package dev.mirrorcheck.jpf;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code .jpf} file into entries with the syntax of {@link java.util.Properties#load}, which
 * JPF's configuration reader uses: {@code #}/{@code !} comments, backslash continuation lines,
 * {@code =}, {@code :} or blank as separator, and backslash escapes. Lines that {@code Properties}
 * would silently accept but that cannot be meant (a bare word, a key with a blank in it) are errors.
 */
final class PropertiesReader {

  /** One logical entry, with the line it starts on. */
  record Entry(String key, String value, int line) {}

  private PropertiesReader() {}

  static List<Entry> read(String file, String text) throws JpfConfigException {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    int i = 0;
    while (i < lines.length) {
      int first = i + 1;
      String natural = stripLeading(lines[i++]);
      if (natural.isEmpty() || natural.charAt(0) == '#' || natural.charAt(0) == '!') {
        continue;
      }
      StringBuilder logical = new StringBuilder();
      while (endsWithContinuation(natural)) {
        logical.append(natural, 0, natural.length() - 1);
        natural = i < lines.length ? stripLeading(lines[i++]) : "";
      }
      logical.append(natural);
      entries.add(entry(new Origin(file, first), logical.toString()));
    }
    return entries;
  }

  private static Entry entry(Origin at, String line) throws JpfConfigException {
    int n = line.length();
    int keyEnd = 0;
    boolean escaped = false;
    while (keyEnd < n) {
      char c = line.charAt(keyEnd);
      if (!escaped && (c == '=' || c == ':' || isBlank(c))) {
        break;
      }
      escaped = c == '\\' && !escaped;
      keyEnd++;
    }
    int valueStart = keyEnd;
    while (valueStart < n && isBlank(line.charAt(valueStart))) {
      valueStart++;
    }
    boolean separator = valueStart < n
        && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':');
    if (separator) {
      valueStart++;
      while (valueStart < n && isBlank(line.charAt(valueStart))) {
        valueStart++;
      }
    }
    String key = unescape(at, line.substring(0, keyEnd));
    String value = unescape(at, line.substring(valueStart));
    if (key.isEmpty()) {
      throw new JpfConfigException(at, "malformed line '" + line.strip() + "': no key before '"
          + line.charAt(keyEnd) + "'");
    }
    if (!separator && value.isEmpty()) {
      throw new JpfConfigException(at, "malformed line '" + line.strip()
          + "': expected 'key = value'");
    }
    if (!separator && (value.contains("=") || value.contains(":"))) {
      throw new JpfConfigException(at, "malformed line '" + line.strip()
          + "': keys cannot contain blanks (key '" + key + "' is followed by '" + value + "')");
    }
    return new Entry(key, value, at.line());
  }

  private static boolean endsWithContinuation(String s) {
    int slashes = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      slashes++;
    }
    return slashes % 2 == 1;
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }

  private static String unescape(Origin at, String s) throws JpfConfigException {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          String hex = i + 5 <= s.length() ? s.substring(i + 1, i + 5) : "";
          if (!hex.matches("[0-9a-fA-F]{4}")) {
            throw new JpfConfigException(at, "malformed \\uXXXX escape in '" + s + "'");
          }
          sb.append((char) Integer.parseInt(hex, 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }
}

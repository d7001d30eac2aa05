package dev.mirrorcheck.report;

/** Escaping of user-controlled text for XML/HTML/SVG and for Markdown. */
final class Escapes {
  private Escapes() {}

  /**
   * Text safe in XML and HTML content and in quoted attributes. Characters XML forbids (most control
   * characters, lone surrogates) become U+FFFD, so the page always parses.
   */
  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        case '`': sb.append("&#96;"); break;
        default:
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
              || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  /**
   * Text that Markdown shows literally, on one line (it may sit in a table cell): punctuation that
   * Markdown or inline HTML would interpret is backslash-escaped, line breaks become spaces.
   */
  static String markdown(String s) {
    String one = s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    StringBuilder sb = new StringBuilder(one.length() + 16);
    for (int i = 0; i < one.length(); i++) {
      char c = one.charAt(i);
      if ("\\`*[]<>|#~!{}&$".indexOf(c) >= 0 || c == '_' && !intraword(one, i)) {
        sb.append('\\');
      }
      sb.append(c < 0x20 ? ' ' : c);
    }
    // Text that starts like a list item or an ordered-list number would turn into one.
    return sb.toString().replaceFirst("^([-+=])(\\s|$)", "\\\\$1$2")
        .replaceFirst("^(\\d+)([.)])(\\s|$)", "$1\\\\$2$3");
  }

  /** An underscore between letters or digits never starts emphasis, so it stays readable unescaped. */
  private static boolean intraword(String s, int i) {
    return i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
        && Character.isLetterOrDigit(s.charAt(i + 1));
  }

  /** A code fence longer than any run of backticks in {@code content}, so the content cannot end it. */
  static String fence(String content) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}

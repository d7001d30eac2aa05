package dev.mirrorcheck.vocabulary;

/**
 * The grammar of a protocol step label, {@code ROLE:STEP}: the role is the operation that ran the
 * step ({@code munmap}, {@code fault}, nested ones such as {@code fault/cow}), the step what the
 * kernel code did ({@code zap_pte_range}).
 */
public final class Labels {
  private Labels() {}

  /** The step of a label: the part after the last {@code ':'} (the whole label if it has none). */
  public static String stepOf(String label) {
    return label.substring(label.lastIndexOf(':') + 1);
  }

  /** The role of a label: the part before the last {@code ':'}, or the empty string. */
  public static String roleOf(String label) {
    int colon = label.lastIndexOf(':');
    return colon < 0 ? "" : label.substring(0, colon);
  }
}

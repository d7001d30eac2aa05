package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableMap;

/**
 * The protection bytes the SNAPSHOT ioctl reports per page ({@code HMM_DMIRROR_PROT_*} of
 * {@code test_hmm_uapi.h}), by the names a spec's {@code expect} uses for them.
 */
public final class SnapshotProt {
  private static final ImmutableMap<String, Integer> BY_NAME = ImmutableMap.<String, Integer>builder()
      .put("error", 0xFF) // no VMA, or an unreadable one
      .put("none", 0x00) // not populated
      .put("r", 0x01)
      .put("w", 0x02)
      .put("zero", 0x11) // the shared zero page, read-only
      .put("local-r", 0x21) // device-private memory of the snapshotting device
      .put("local-w", 0x22)
      .put("remote-r", 0x31) // device-private memory of another device
      .put("remote-w", 0x32)
      .buildOrThrow();

  private SnapshotProt() {}

  /** The byte of {@code name}, or null. */
  public static Integer byName(String name) {
    return BY_NAME.get(name);
  }

  /** The name of {@code prot}, or its value in hex. */
  public static String name(int prot) {
    for (var e : BY_NAME.entrySet()) {
      if (e.getValue() == prot) {
        return e.getKey();
      }
    }
    return "0x" + Integer.toHexString(prot);
  }

  /** The names, for syntax help and errors. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (String name : BY_NAME.keySet()) {
      sb.append(sb.length() == 0 ? "" : "|").append(name);
    }
    return sb.toString();
  }
}

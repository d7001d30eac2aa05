package dev.mirrorcheck.hmm;

import java.util.Objects;

/** One immutable HMM pfn: a frame with {@code HMM_PFN_VALID/WRITE/ERROR} flags, or 0. */
public final class HmmPfn {
  public static final int VALID = 1;
  public static final int WRITE = 2;
  public static final int ERROR = 4;

  /** No valid page (pte_none in snapshot mode, or not requested). */
  public static final HmmPfn NONE = new HmmPfn(-1, 0);
  /** {@code HMM_PFN_ERROR}: a hole or an unreadable VMA in snapshot mode. */
  public static final HmmPfn ERROR_PFN = new HmmPfn(-1, ERROR);

  private final int frame;
  private final int flags;

  private HmmPfn(int frame, int flags) {
    this.frame = frame;
    this.flags = flags;
  }

  /** A valid pfn for {@code frame}. */
  public static HmmPfn valid(int frame, boolean write) {
    return new HmmPfn(frame, VALID | (write ? WRITE : 0));
  }

  public int frame() {
    return frame;
  }

  public boolean valid() {
    return (flags & VALID) != 0;
  }

  public boolean write() {
    return (flags & WRITE) != 0;
  }

  public boolean error() {
    return (flags & ERROR) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmmPfn && ((HmmPfn) o).frame == frame && ((HmmPfn) o).flags == flags;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frame, flags);
  }

  @Override
  public String toString() {
    return error() ? "ERROR" : valid() ? frame + (write() ? "|W" : "|R") : "0";
  }
}

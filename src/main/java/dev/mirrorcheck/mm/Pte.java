package dev.mirrorcheck.mm;

import dev.mirrorcheck.ghost.CpuEntry;
import java.util.Objects;

/** An immutable CPU page-table entry: none, present, migration, device-private or swap. */
public final class Pte implements CpuEntry {
  /** {@code pte_none}. */
  public static final Pte NONE = new Pte(Kind.NONE, -1, false, false);

  private final Kind kind;
  private final int frame;
  private final boolean writable;
  private final boolean dirty;

  private Pte(Kind kind, int frame, boolean writable, boolean dirty) {
    this.kind = kind;
    this.frame = frame;
    this.writable = writable;
    this.dirty = dirty;
  }

  /** A present mapping of {@code frame}. */
  public static Pte present(int frame, boolean writable, boolean dirty) {
    return new Pte(Kind.PRESENT, frame, writable, dirty);
  }

  /** A migration entry for {@code frame} (writable if the mapping was). */
  public static Pte migration(int frame, boolean writable) {
    return new Pte(Kind.MIGRATION, frame, writable, false);
  }

  /** A device-private swap entry for device frame {@code frame}. */
  public static Pte devicePrivate(int frame, boolean writable) {
    return new Pte(Kind.DEVICE_PRIVATE, frame, writable, false);
  }

  /** A swap entry; the slot is the page's own. */
  public static Pte swap() {
    return new Pte(Kind.SWAP, -1, false, false);
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public int frame() {
    return frame;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public boolean dirty() {
    return dirty;
  }

  public boolean isPresent() {
    return kind == Kind.PRESENT;
  }

  public boolean isNone() {
    return kind == Kind.NONE;
  }

  /** {@code pte_wrprotect} / {@code pte_mkwrite}. */
  public Pte withWritable(boolean w) {
    return new Pte(kind, frame, w, dirty);
  }

  /** {@code pte_mkdirty} / {@code pte_mkclean}. */
  public Pte withDirty(boolean d) {
    return new Pte(kind, frame, writable, d);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Pte)) {
      return false;
    }
    Pte p = (Pte) o;
    return kind == p.kind && frame == p.frame && writable == p.writable && dirty == p.dirty;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, frame, writable, dirty);
  }

  @Override
  public String toString() {
    switch (kind) {
      case NONE: return "none";
      case SWAP: return "swap";
      case PRESENT: return "P(" + frame + (writable ? ",W" : ",R") + (dirty ? ",D)" : ")");
      case MIGRATION: return "MIG(" + frame + (writable ? ",W)" : ")");
      default: return "DEVPRIV(" + frame + (writable ? ",W)" : ")");
    }
  }
}

package dev.mirrorcheck.mm;

import dev.mirrorcheck.ghost.CpuEntry;
import java.util.Objects;

/**
 * An immutable CPU page-table entry: none, present, migration, device-private, swap or
 * device-exclusive.
 */
public final class Pte implements CpuEntry {
  /** {@code pte_none}. */
  public static final Pte NONE = new Pte(Kind.NONE, -1, false, false, -1);

  private final Kind kind;
  private final int frame;
  private final boolean writable;
  private final boolean dirty;
  private final int owner;

  private Pte(Kind kind, int frame, boolean writable, boolean dirty, int owner) {
    this.kind = kind;
    this.frame = frame;
    this.writable = writable;
    this.dirty = dirty;
    this.owner = owner;
  }

  private Pte(Kind kind, int frame, boolean writable, boolean dirty) {
    this(kind, frame, writable, dirty, -1);
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

  /**
   * A device-exclusive entry for {@code frame}, held by device {@code owner}
   * ({@code make_device_exclusive_entry}); writable unless mprotect removed write access.
   */
  public static Pte exclusive(int frame, boolean writable, int owner) {
    return new Pte(Kind.EXCLUSIVE, frame, writable, false, owner);
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

  @Override
  public int exclusiveOwner() {
    return owner;
  }

  /** Whether the entry references its frame with a mapping reference (present, device-private, exclusive). */
  public boolean mapsFrame() {
    return kind == Kind.PRESENT || kind == Kind.DEVICE_PRIVATE || kind == Kind.EXCLUSIVE;
  }

  public boolean isPresent() {
    return kind == Kind.PRESENT;
  }

  public boolean isNone() {
    return kind == Kind.NONE;
  }

  /** {@code pte_wrprotect} / {@code pte_mkwrite}. */
  public Pte withWritable(boolean w) {
    return new Pte(kind, frame, w, dirty, owner);
  }

  /** {@code pte_mkdirty} / {@code pte_mkclean}. */
  public Pte withDirty(boolean d) {
    return new Pte(kind, frame, writable, d, owner);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Pte)) {
      return false;
    }
    Pte p = (Pte) o;
    return kind == p.kind && frame == p.frame && writable == p.writable && dirty == p.dirty
        && owner == p.owner;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, frame, writable, dirty, owner);
  }

  @Override
  public String toString() {
    switch (kind) {
      case NONE: return "none";
      case SWAP: return "swap";
      case PRESENT: return "P(" + frame + (writable ? ",W" : ",R") + (dirty ? ",D)" : ")");
      case MIGRATION: return "MIG(" + frame + (writable ? ",W)" : ")");
      case EXCLUSIVE: return "EXCL(" + frame + (writable ? ",W" : ",R") + ",dev" + owner + ")";
      default: return "DEVPRIV(" + frame + (writable ? ",W)" : ")");
    }
  }
}

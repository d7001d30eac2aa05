package dev.mirrorcheck.driver;

import dev.mirrorcheck.ghost.DevEntry;
import java.util.Objects;

/**
 * An immutable device translation: frame, write permission and whether it is an atomic mapping of a
 * page the device holds exclusively (dmirror's {@code DPT_XA_TAG_ATOMIC}), plus two ghost fields
 * recorded at install time (the frame's allocation generation and the page's invalidation
 * generation).
 */
public final class DevPte implements DevEntry {
  private final int frame;
  private final boolean writable;
  private final boolean atomic;
  private final int frameGen;
  private final int installGen;

  public DevPte(int frame, boolean writable, int frameGen, int installGen) {
    this(frame, writable, false, frameGen, installGen);
  }

  private DevPte(int frame, boolean writable, boolean atomic, int frameGen, int installGen) {
    this.frame = frame;
    this.writable = writable;
    this.atomic = atomic;
    this.frameGen = frameGen;
    this.installGen = installGen;
  }

  /** An atomic mapping: read access plus the device's atomics, which the exclusive entry allows. */
  public static DevPte atomic(int frame, int frameGen, int installGen) {
    return new DevPte(frame, false, true, frameGen, installGen);
  }

  /** Whether this is an atomic mapping of a device-exclusive page. */
  public boolean atomic() {
    return atomic;
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
  public int frameGen() {
    return frameGen;
  }

  @Override
  public int installGen() {
    return installGen;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DevPte)) {
      return false;
    }
    DevPte d = (DevPte) o;
    return frame == d.frame && writable == d.writable && atomic == d.atomic
        && frameGen == d.frameGen && installGen == d.installGen;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frame, writable, atomic, frameGen, installGen);
  }

  @Override
  public String toString() {
    return "dev(" + frame + (atomic ? ",A)" : writable ? ",W)" : ",R)");
  }
}

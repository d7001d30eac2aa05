package dev.mirrorcheck.device;

import dev.mirrorcheck.ghost.DevEntry;
import java.util.Objects;

/**
 * An immutable device translation: frame and write permission, plus two ghost fields recorded at
 * install time (the frame's allocation generation and the page's invalidation generation).
 */
public final class DevPte implements DevEntry {
  private final int frame;
  private final boolean writable;
  private final int frameGen;
  private final int installGen;

  public DevPte(int frame, boolean writable, int frameGen, int installGen) {
    this.frame = frame;
    this.writable = writable;
    this.frameGen = frameGen;
    this.installGen = installGen;
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
    return frame == d.frame && writable == d.writable && frameGen == d.frameGen
        && installGen == d.installGen;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frame, writable, frameGen, installGen);
  }

  @Override
  public String toString() {
    return "dev(" + frame + (writable ? ",W)" : ",R)");
  }
}

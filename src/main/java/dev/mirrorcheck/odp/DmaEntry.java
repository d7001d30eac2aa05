package dev.mirrorcheck.odp;

/** A {@code dma_list} entry: the DMA-mapped frame plus {@code ODP_READ/WRITE_ALLOWED_BIT}. */
public final class DmaEntry {
  private final int frame;
  private final boolean write;

  public DmaEntry(int frame, boolean write) {
    this.frame = frame;
    this.write = write;
  }

  public int frame() {
    return frame;
  }

  public boolean write() {
    return write;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DmaEntry && ((DmaEntry) o).frame == frame && ((DmaEntry) o).write == write;
  }

  @Override
  public int hashCode() {
    return frame * 2 + (write ? 1 : 0);
  }

  @Override
  public String toString() {
    return "dma(" + frame + (write ? ",RW)" : ",R)");
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.ghost.Errno;

/** The device's data path as the test driver exposes it: DMA reads and writes with fault service. */
public final class DeviceIo {
  private DeviceIo() {}

  /** Result of a device read or write ({@code struct hmm_dmirror_cmd}). */
  public static final class Result {
    private final int rc;
    private final int[] data;
    private final int faults;
    private final int cpages;

    Result(int rc, int[] data, int faults, int cpages) {
      this.rc = rc;
      this.data = data;
      this.faults = faults;
      this.cpages = cpages;
    }

    /** 0 or a negative errno. */
    public int rc() {
      return rc;
    }

    /** The values read, one per page (reads only). */
    public int[] data() {
      return data.clone();
    }

    /** {@code cmd.faults}: fault rounds needed. */
    public int faults() {
      return faults;
    }

    /** {@code cmd.cpages}: pages accessed. */
    public int cpages() {
      return cpages;
    }

    @Override
    public String toString() {
      return "rc=" + Errno.name(rc) + " faults=" + faults + " cpages=" + cpages;
    }
  }

  /** One DMA read of page {@code v} without fault service; {@link DeviceMmu#FAULT} on a miss. */
  public static int dmaRead(Dmirror d, int v) {
    return d.mmu().access("dma", v, false, 0);
  }

  /** One DMA write of {@code value} to page {@code v}; {@link DeviceMmu#FAULT} on a miss. */
  public static int dmaWrite(Dmirror d, int v, int value) {
    return d.mmu().access("dma", v, true, value);
  }

  /** {@code dmirror_read}: DMA-read {@code [start, end)}, servicing device faults as they come. */
  public static Result read(Dmirror d, int start, int end) {
    return run(d, start, end, false, new int[end - start]);
  }

  /** {@code dmirror_write}: DMA-write {@code values} to {@code [start, end)}, servicing faults. */
  public static Result write(Dmirror d, int start, int end, int... values) {
    return run(d, start, end, true, values.clone());
  }

  private static Result run(Dmirror d, int start, int end, boolean write, int[] data) {
    int faults = 0;
    int cur = start;
    while (cur < end) {
      int r = d.mmu().access("dma", cur, write, write ? data[cur - start] : 0);
      if (r == DeviceMmu.FAULT) {
        int rc = DmirrorFault.fault(d, cur, end, write);
        if (rc != 0) {
          return new Result(rc, data, faults, cur - start);
        }
        faults++;
        continue;
      }
      data[cur - start] = r;
      cur++;
    }
    return new Result(0, data, faults, end - start);
  }
}

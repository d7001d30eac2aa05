package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;

/** {@code struct hmm_device}: a device registered with HMM, with its callbacks and a DMA device. */
public final class HmmDevice {
  private final String name;
  private final HmmDeviceOps ops;

  /** {@code hmm_device_register}. */
  public HmmDevice(String name, HmmDeviceOps ops) {
    this.name = name;
    this.ops = Preconditions.checkNotNull(ops);
  }

  public String name() {
    return name;
  }

  public HmmDeviceOps ops() {
    return ops;
  }

  @Override
  public String toString() {
    return name;
  }
}

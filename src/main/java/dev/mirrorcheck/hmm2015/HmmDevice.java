package dev.mirrorcheck.hmm2015;

import com.google.common.base.Preconditions;

/**
 * {@code struct hmm_device} (HMM v9 05/15): a device registered with HMM ({@code
 * hmm_device_register}), with its callbacks and a DMA device; its mirror list is not modelled.
 */
public final class HmmDevice {
  private final String name;
  private final HmmDeviceOps ops;

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

package dev.mirrorcheck.hmm2015;

/** {@code struct hmm_device_ops} (HMM v9/v10). */
public interface HmmDeviceOps {

  /**
   * {@code ->update(mirror, event)}: for an invalidation, synchronously stop the device from using
   * {@code [event.start, event.end)} (it may set {@code DIRTY} on entries it wrote); for a device
   * fault, program the device page table from the mirror's {@code hmm_pte}s. Returns 0 or -errno;
   * {@code role} labels the caller's steps.
   */
  int update(String role, HmmMirror mirror, HmmEvent event);

  /** {@code ->release(mirror)}: the device must stop using the address space. */
  void release(String role, HmmMirror mirror);
}

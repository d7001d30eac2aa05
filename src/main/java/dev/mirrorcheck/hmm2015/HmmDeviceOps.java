package dev.mirrorcheck.hmm2015;

/**
 * {@code struct hmm_device_ops} (HMM v9 05/15 {@code release}, 07/15 {@code update}); the {@code
 * free} callback, which only frees memory, is not modelled.
 */
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

  /**
   * Model only, no kernel counterpart: called inside the step that ends {@code
   * hmm_mirror_update_pt} for an invalidation of {@code [start, end)}, so the driver can tell the
   * checkers which of its translation engines have now completed it (the ghost's
   * {@code callbackReturned}). Reads with peek only.
   */
  default void ghostInvalidated(HmmMirror mirror, int start, int end) {}
}

package dev.mirrorcheck.hmm2015;

/**
 * {@code struct mlx5_hmm_pfault} (ODP-on-HMM RFC v1 35/36): a device fault event carrying the
 * faulting MR and the requested access ({@code access_mask}).
 */
final class Mlx5HmmPfault extends HmmEvent {
  private final IbUmemHmm umem;
  private final boolean writeAccess;

  /** A writable MR always write-faults: {@code etype = umem->writable ? WFAULT : RFAULT}. */
  Mlx5HmmPfault(IbUmemHmm umem, int start, int end) {
    super(start, end, umem.writable() ? HmmEtype.DEVICE_WFAULT : HmmEtype.DEVICE_RFAULT);
    this.umem = umem;
    this.writeAccess = umem.writable();
  }

  IbUmemHmm umem() {
    return umem;
  }

  /** {@code access_mask & ODP_WRITE_ALLOWED_BIT}. */
  boolean writeAccess() {
    return writeAccess;
  }
}

package dev.mirrorcheck.nouveau;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverKernel;

/** {@link NouveauSvmm} with {@code set_page_dirty} of each writable page PFNCLR unmaps. */
public final class NouveauSvmmDirtying extends NouveauSvmm {
  public NouveauSvmmDirtying(DriverKernel k) {
    super(k);
  }

  @Override
  protected void afterUnmap(String label, DeviceMmu.Zapped z) {
    if (z.entry().writable()) {
      kernel().setPageDirtyInStep(label, z.entry().frame());
    }
  }
}

package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DevPte;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.DeviceExclusive;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;

/**
 * {@code HMM_DMIRROR_EXCLUSIVE} and {@code HMM_DMIRROR_CHECK_EXCLUSIVE} ({@code dmirror_exclusive},
 * {@code dmirror_check_atomic}): the device takes pages for atomic access and maps them tagged
 * atomic; a CPU access later revokes that access.
 */
public final class DmirrorExclusive {
  private DmirrorExclusive() {}

  /**
   * Makes every page of {@code [start, end)} device-exclusive for {@code d}'s device and maps each,
   * still locked, with an atomic translation ({@code dmirror_atomic_map}); the page lock keeps a CPU
   * fault from taking it back before it is mapped. Returns 0 or the first page's error.
   */
  public static int exclusive(Dmirror d, int start, int end) {
    String role = "exclusive";
    Mm mm = d.mm();
    if (!mm.mmgetNotZero(role + ":mmget_not_zero")) {
      return Errno.EINVAL;
    }
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    int rc = 0;
    for (int v = start; v < end && rc == 0; v++) {
      int p = DeviceExclusive.make(mm, role, v, d.device().id());
      if (p < 0) {
        rc = p;
        break;
      }
      int page = v;
      d.lock().lock(role + ":lock");
      String label = role + ":atomic_map";
      Steps.atomic(mm.sync(), label, () -> {
        d.mmu().installInStep(label, page, d.mmu().atomicEntry(page, p));
        return null;
      });
      d.lock().unlock(role + ":unlock");
      DeviceExclusive.release(mm, role, p);
    }
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
    mm.mmput(role);
    return rc;
  }

  /** {@code dmirror_check_atomic}: {@code -EPERM} while some page of the range is still mapped atomic. */
  public static int checkAtomic(Dmirror d, int start, int end) {
    String role = "check_exclusive";
    d.lock().lock(role + ":lock");
    String label = role + ":xa_load";
    int rc = Steps.atomic(d.mm().sync(), label, () -> {
      for (int v = start; v < end; v++) {
        DevPte e = d.mmu().lookupInStep(label, v);
        if (e != null && e.atomic()) {
          return Errno.EPERM;
        }
      }
      return 0;
    });
    d.lock().unlock(role + ":unlock");
    return rc;
  }
}

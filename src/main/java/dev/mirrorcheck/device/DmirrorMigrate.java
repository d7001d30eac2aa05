package dev.mirrorcheck.device;

import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.MigrateVma;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mm.Vma;
import dev.mirrorcheck.mutation.Mutation;

/** {@code HMM_DMIRROR_MIGRATE} ({@code dmirror_migrate}): system memory to device-private memory. */
public final class DmirrorMigrate {
  private DmirrorMigrate() {}

  /**
   * Migrates the present pages of {@code [start, end)} into the device's memory and maps them in the
   * device page table. The MIGRATE invalidation carries the device as owner, so this driver's own
   * callbacks skip it; the driver invalidates its own translations before copying (hmm.rst's migration step 3).
   * Returns 0, -EINVAL (hole or unreadable VMA) or -ENOENT (a page of the range is not in the
   * device's page table afterwards: it was not an anonymous page in system memory, or an
   * invalidation removed it since).
   */
  public static int toDevice(Dmirror d, int start, int end) {
    String role = "migrate_to_dev";
    Mm mm = d.mm();
    if (!mm.mmgetNotZero(role + ":mmget_not_zero")) {
      return Errno.EINVAL;
    }
    mm.mmapLock().downRead(role + ":mmap_read_lock");
    String label = role + ":find_vma";
    Vma[] vmas = mm.underPtl(label, () -> {
      Vma[] out = new Vma[end - start];
      for (int v = start; v < end; v++) {
        out[v - start] = mm.vmas().get(label, v);
      }
      return out;
    });
    for (Vma vma : vmas) {
      if (vma == null || !vma.read()) {
        mm.mmapLock().upRead(role + ":mmap_read_unlock");
        mm.mmput(role);
        return Errno.EINVAL;
      }
    }
    DmirrorDevice dev = d.device();
    MigrateVma m = MigrateVma.setup(mm, role, start, end, dev.id(), false);
    if (!d.mutations().has(Mutation.M28)) { // M28: undoes hmm.rst's migration step 3 (invalidate before the copy)
      // only the pages that migrate: the device keeps its translations of the others (its own
      // private pages among them), which the read-back below still finds
      for (int v = start; v < end; v++) {
        if (m.src(v) >= 0 && (v == start || m.src(v - 1) < 0)) {
          int run = v;
          while (run < end && m.src(run) >= 0) {
            run++;
          }
          dev.invalidateOwn(mm, role, v, run);
        }
      }
    }
    for (int v = start; v < end; v++) {
      if (m.src(v) >= 0) {
        // dmirror_migrate_alloc_and_copy: MIGRATE_PFN_WRITE only from a writable source (a COW
        // shared page stays read-only on the device too)
        m.allocAndCopy(role + ":copy_highpage", v, dev.id(), m.srcWrite(v));
      }
    }
    m.pages();
    // dmirror_migrate_finalize_and_map
    d.lock().lock(role + ":lock");
    String map = role + ":finalize_and_map";
    Steps.atomic(mm.sync(), map, () -> {
      for (int v = start; v < end; v++) {
        if (m.dst(v) >= 0) {
          d.mmu().installInStep(map, v, d.mmu().entry(v, m.dst(v), m.dstWrite(v)));
        }
      }
      return null;
    });
    d.lock().unlock(role + ":unlock");
    m.finalizeMigration();
    mm.mmapLock().upRead(role + ":mmap_read_unlock");
    mm.mmput(role);
    // "Return the migrated data for verification": dmirror_do_read of the range, -ENOENT when a
    // page is not in the device's page table (it did not migrate, or was invalidated since)
    d.lock().lock(role + ":lock");
    String read = role + ":do_read";
    int rc = Steps.atomic(mm.sync(), read, () -> {
      for (int v = start; v < end; v++) {
        if (d.mmu().lookupInStep(read, v) == null) {
          return Errno.ENOENT;
        }
      }
      return 0;
    });
    d.lock().unlock(role + ":unlock");
    return rc;
  }
}

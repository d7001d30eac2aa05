package dev.mirrorcheck.scenario;

import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorExclusive;
import dev.mirrorcheck.device.DmirrorFault;
import dev.mirrorcheck.device.DmirrorMigrate;
import dev.mirrorcheck.device.Snapshot;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.MigrateVma;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.spec.Expectation;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.PageRange;
import dev.mirrorcheck.spec.SnapshotProt;
import dev.mirrorcheck.spec.Spec;

/**
 * Performs one spec operation on the model, and checks what a reading operation observed against its
 * {@code expect} clause (property {@code data}, as hmm-tests checks the data it reads back).
 */
final class OpRunner {
  /** Property id of the data a scenario expects reads to return. */
  static final String DATA = Spec.DATA;

  private final ScenarioWorld w;
  private final String actor;
  private final boolean checkData;

  OpRunner(ScenarioWorld w, String actor, boolean checkData) {
    this.w = w;
    this.actor = actor;
    this.checkData = checkData;
  }

  void run(Op op) {
    PageRange r = op.range();
    switch (op.kind()) {
      case MUNMAP:
        Unmap.munmap(mm(op), r.first(), r.end());
        break;
      case MADVISE_DONTNEED:
        Unmap.madviseDontneed(mm(op), r.first(), r.end());
        break;
      case MPROTECT:
        Mprotect.mprotect(mm(op), r.first(), r.end(), !op.perm().equals("none"), op.perm().equals("rw"));
        break;
      case FORK:
        Fork.fork(w.mm(), w.child());
        break;
      case CPU_READ:
        expectValue(op, CpuAccess.read(mm(op), "cpu", op.page()), "CPU read");
        break;
      case CPU_WRITE:
        expectOk(op, CpuAccess.write(mm(op), "cpu", op.page(), op.value()), "CPU write");
        break;
      case MIGRATE:
        MigrateVma.migratePage(mm(op), op.page());
        break;
      case PAGEOUT:
        Reclaim.pageout(mm(op), op.page());
        break;
      case WRITEBACK:
        Reclaim.writeback(w.files().get(op.name()), op.index());
        break;
      case RECLAIM:
        Reclaim.reclaim(w.files().get(op.name()), op.index());
        break;
      case OOM_REAP:
        Unmap.oomReap(mm(op), r.first(), r.end());
        break;
      case EXIT:
        Unmap.exit(mm(op));
        break;
      case DEVICE_FAULT:
        ioctl(op, () -> DmirrorFault.fault(mirror(op), r.first(), r.end(), op.write()));
        break;
      case DMA_READ:
        expectValue(op, DeviceIo.dmaRead(mirror(op), op.page()), "DMA read");
        break;
      case DMA_WRITE:
        expectValue(op, DeviceIo.dmaWrite(mirror(op), op.page(), op.value()), "DMA write");
        break;
      case DEVICE_READ: {
        DeviceIo.Result[] res = new DeviceIo.Result[1];
        int rc = ioctl(op, () -> (res[0] = DeviceIo.read(mirror(op), r.first(), r.end())).rc());
        for (int i = 0; i < r.size(); i++) {
          expectPage(op, i, rc != 0 ? DeviceMmu.FAULT : res[0].data()[i], "device read", false);
        }
        break;
      }
      case DEVICE_WRITE: {
        int[] values = new int[r.size()];
        java.util.Arrays.fill(values, op.value());
        int rc = ioctl(op, () -> DeviceIo.write(mirror(op), r.first(), r.end(), values).rc());
        expectValue(op, rc != 0 ? DeviceMmu.FAULT : op.value(), "device write");
        break;
      }
      case SNAPSHOT: {
        Snapshot.Result[] res = new Snapshot.Result[1];
        int rc = ioctl(op, () -> (res[0] = Snapshot.snapshot(mirror(op), r.first(), r.end())).rc());
        for (int i = 0; i < r.size(); i++) {
          expectPage(op, i, rc != 0 ? DeviceMmu.FAULT : res[0].perm()[i], "snapshot", true);
        }
        break;
      }
      case MIGRATE_TO_DEVICE:
        expectOk(op, ioctl(op, () -> DmirrorMigrate.toDevice(mirror(op), r.first(), r.end())),
            "migrate to device");
        break;
      case MIGRATE_TO_RAM:
        mirror(op).device().migrateToRam(mirror(op).mm(), "cpu", op.page());
        break;
      case EVICT:
        ioctl(op, () -> {
          mirror(op).device().evict(mirror(op).mm());
          return 0;
        });
        break;
      case MAKE_DEVICE_EXCLUSIVE:
        expectOk(op, ioctl(op, () -> DmirrorExclusive.exclusive(mirror(op), r.first(), r.end())),
            "make_device_exclusive");
        break;
      case CHECK_EXCLUSIVE:
        expectOk(op, ioctl(op, () -> DmirrorExclusive.checkAtomic(mirror(op), r.first(), r.end())),
            "check_exclusive");
        break;
      case MIRROR_OPEN:
        mirror(op).open();
        break;
      case MIRROR_RELEASE:
        mirror(op).release();
        break;
      case ODP_FAULT:
        w.region(op.umem()).pagefault(r.first(), r.end(), op.write());
        break;
      case ODP_PREFETCH:
        w.region(op.umem()).prefetch(
            () -> OdpFault.prefetch(odpUmem(op.umem()), r.first(), r.end(), op.write()));
        break;
      case RDMA_READ:
        expectValue(op, w.region(op.umem()).access(op.page(), false, 0), "RDMA read");
        break;
      case RDMA_WRITE:
        expectValue(op, w.region(op.umem()).access(op.page(), true, op.value()), "RDMA write");
        break;
      case MR_DEREG:
        w.region(op.umem()).dereg();
        break;
      case UMEM_REGISTER:
        w.region(op.name()).register();
        break;
      default:
        throw new AssertionError(op.kind());
    }
  }

  /** An ioctl on the device file: {@code -EBADF} unless the file is open, which it stays meanwhile. */
  private int ioctl(Op op, java.util.function.IntSupplier body) {
    Dmirror d = mirror(op);
    if (!d.fileGet(actor)) {
      return Errno.EBADF;
    }
    int rc = body.getAsInt();
    d.filePut(actor);
    return rc;
  }

  private Mm mm(Op op) {
    return "child".equals(op.mm()) ? w.child() : w.mm();
  }

  private Dmirror mirror(Op op) {
    return w.mirrors().get(op.device());
  }

  private IbUmemOdp odpUmem(String name) {
    return name == null ? w.umems().values().iterator().next() : w.umems().get(name);
  }

  /** An operation that returns 0 or a negative errno, checked against {@code expect ok|fault}. */
  private void expectOk(Op op, int rc, String what) {
    expectValue(op, rc == 0 ? 0 : DeviceMmu.FAULT, what);
  }

  private void expectValue(Op op, int got, String what) {
    expectPage(op, 0, got, what, false);
  }

  /**
   * Checks what page {@code i} of the operation's range showed ({@code got}, or
   * {@link DeviceMmu#FAULT}) against the {@code expect} clause; {@code prot}: {@code got} is a
   * snapshot protection byte.
   */
  private void expectPage(Op op, int i, int got, String what, boolean prot) {
    if (!checkData || !op.hasExpectation()) {
      return;
    }
    Expectation e = op.expectation(i);
    boolean fault = got == DeviceMmu.FAULT;
    if (!e.allows(fault, got)) {
      String shown = fault ? "a fault" : prot ? SnapshotProt.name(got) : Integer.toString(got);
      String page = op.range() != null && op.range().size() > 1
          ? " of page " + (op.range().first() + i) : "";
      check(false, op, what + page + " returned " + shown + ", expected " + describe(e, prot));
    }
  }

  private static String describe(Expectation e, boolean prot) {
    StringBuilder sb = new StringBuilder(e.ok() ? "success" : "");
    for (int v : e.values()) {
      sb.append(sb.length() == 0 ? "" : " or ").append(prot ? SnapshotProt.name(v) : v);
    }
    if (e.fault()) {
      sb.append(sb.length() == 0 ? "a fault" : " or a fault");
    }
    return sb.toString();
  }

  private void check(boolean ok, Op op, String message) {
    w.sync().check(ok, DATA, actor + " '" + op.text() + "' (line " + op.line() + "): " + message);
  }
}

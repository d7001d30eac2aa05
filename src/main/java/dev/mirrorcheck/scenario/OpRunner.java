package dev.mirrorcheck.scenario;

import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.driver.DeviceMmu;
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
import dev.mirrorcheck.spec.Condition;
import dev.mirrorcheck.spec.Expectation;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.spec.PageRange;
import dev.mirrorcheck.spec.SnapshotProt;
import dev.mirrorcheck.spec.Spec;

/**
 * Performs one spec operation on the model, records its result when it is tagged {@code as NAME},
 * and checks what a reading operation observed against its {@code expect} clause (property
 * {@code data}, as hmm-tests checks the data it reads back), when the clause's {@code if} conditions
 * hold as the operation starts.
 */
final class OpRunner {
  /** Property id of the data a scenario expects reads to return. */
  static final String DATA = Spec.DATA;
  /** The result cell of a tagged operation that has not completed. */
  static final int NOT_DONE = Integer.MIN_VALUE + 1;

  private final ScenarioWorld w;
  private final String actor;
  private final boolean checkData;

  OpRunner(ScenarioWorld w, String actor, boolean checkData) {
    this.w = w;
    this.actor = actor;
    this.checkData = checkData;
  }

  /** No observation: the operation returns nothing a user program would look at. */
  private static final int[] NOTHING = new int[0];

  /**
   * Performs {@code op} once each operation it waits for ({@code after NAME}) has completed, and
   * returns what it observed, one value per page of its range or a single one: the data read, or
   * {@link DeviceMmu#FAULT} for a fault, for reads and stores; the return code (0 or a negative
   * errno) for calls; the protection byte per page for a snapshot (all {@link DeviceMmu#FAULT} when
   * it failed). Then checks the {@code expect} clause against it when its {@code if} conditions held
   * as the operation started, and records its result when it is tagged {@code as NAME}.
   */
  int[] run(Op op) {
    for (String a : op.after()) {
      w.awaitOutcome("after " + a + ":wait_for_result", a);
    }
    boolean expecting = checkData && op.hasExpectation() && conditionsHold(op);
    int[] seen = perform(op);
    if (expecting) {
      for (int i = 0; i < seen.length; i++) {
        expectPage(op, i, seen[i]);
      }
    }
    if (op.as() != null) {
      w.recordOutcome("as " + op.as() + ":record_result", op.as(), result(op, seen));
    }
    return seen;
  }

  /**
   * The result an {@code if NAME} condition tests: {@code FAULT} for a fault or a failed call, else
   * the value read (the last page's), the value stored, or 0.
   */
  private static int result(Op op, int[] seen) {
    if (seen.length == 0) {
      return 0;
    }
    int last = seen[seen.length - 1];
    if (op.kind().returnsCode()) {
      return last < 0 ? DeviceMmu.FAULT : op.kind() == OpKind.DEVICE_WRITE ? op.value() : 0;
    }
    return last;
  }

  /**
   * Performs {@code op}; a CPU syscall first pins its address space as its thread does
   * ({@code mmget} in {@code copy_mm}, dropped by {@code exit_mm}), so a concurrent {@code exit}
   * cannot run {@code exit_mmap} under it: the last of them out runs it. A thread whose process has
   * already exited performs nothing: a read or store reports a fault, a call does nothing.
   */
  private int[] perform(Op op) {
    if (!w.threadsPinMm() || !isCpuSyscall(op.kind())) {
      return performUnpinned(op);
    }
    Mm m = op.kind() == OpKind.FORK ? w.mm()
        : op.kind() == OpKind.MIGRATE_TO_RAM ? mirror(op).mm() : mm(op);
    if (!m.mmgetNotZero("cpu:mmget_not_zero")) {
      return isCpuAccess(op.kind()) ? one(DeviceMmu.FAULT) : NOTHING;
    }
    int[] seen = performUnpinned(op);
    m.mmput("cpu");
    return seen;
  }

  /** Operations a thread of the process issues against its own address space. */
  private static boolean isCpuSyscall(OpKind kind) {
    switch (kind) {
      case MUNMAP:
      case MADVISE_DONTNEED:
      case MPROTECT:
      case FORK:
      case MIGRATE_TO_RAM:
        return true;
      default:
        return isCpuAccess(kind);
    }
  }

  private static boolean isCpuAccess(OpKind kind) {
    return kind == OpKind.CPU_READ || kind == OpKind.CPU_WRITE;
  }

  private int[] performUnpinned(Op op) {
    PageRange r = op.range();
    switch (op.kind()) {
      case MUNMAP:
        Unmap.munmap(mm(op), r.first(), r.end());
        return NOTHING;
      case MADVISE_DONTNEED:
        Unmap.madviseDontneed(mm(op), r.first(), r.end());
        return NOTHING;
      case MPROTECT:
        Mprotect.mprotect(mm(op), r.first(), r.end(), !op.perm().equals("none"), op.perm().equals("rw"));
        return NOTHING;
      case FORK:
        Fork.fork(w.mm(), w.child());
        return NOTHING;
      case CPU_READ:
        return one(CpuAccess.read(mm(op), "cpu", op.page()));
      case CPU_WRITE:
        return one(CpuAccess.write(mm(op), "cpu", op.page(), op.value()) == 0 ? 0 : DeviceMmu.FAULT);
      case MIGRATE:
        MigrateVma.migratePage(mm(op), op.page());
        return NOTHING;
      case PAGEOUT:
        Reclaim.pageout(mm(op), op.page());
        return NOTHING;
      case WRITEBACK:
        Reclaim.writeback(w.files().get(op.name()), op.index());
        return NOTHING;
      case RECLAIM:
        Reclaim.reclaim(w.files().get(op.name()), op.index());
        return NOTHING;
      case OOM_REAP:
        Unmap.oomReap(mm(op), r.first(), r.end());
        return NOTHING;
      case EXIT:
        Unmap.exit(mm(op));
        return NOTHING;
      case DEVICE_FAULT:
        if (!fileGet(op)) {
          return one(Errno.EBADF);
        }
        return one(filePut(op, DmirrorFault.fault(mirror(op), r.first(), r.end(), op.write())));
      case DMA_READ:
        return one(DeviceIo.dmaRead(mirror(op), op.page()));
      case DMA_WRITE:
        return one(DeviceIo.dmaWrite(mirror(op), op.page(), op.value()));
      case DEVICE_READ: {
        if (!fileGet(op)) {
          return faults(r.size());
        }
        DeviceIo.Result res = DeviceIo.read(mirror(op), r.first(), r.end());
        return filePut(op, res.rc()) != 0 ? faults(r.size()) : res.data();
      }
      case DEVICE_WRITE: {
        int[] values = new int[r.size()];
        java.util.Arrays.fill(values, op.value());
        if (!fileGet(op)) {
          return one(Errno.EBADF);
        }
        return one(filePut(op, DeviceIo.write(mirror(op), r.first(), r.end(), values).rc()));
      }
      case SNAPSHOT: {
        if (!fileGet(op)) {
          return faults(r.size());
        }
        Snapshot.Result res = Snapshot.snapshot(mirror(op), r.first(), r.end());
        return filePut(op, res.rc()) != 0 ? faults(r.size()) : res.perm();
      }
      case MIGRATE_TO_DEVICE:
        if (!fileGet(op)) {
          return one(Errno.EBADF);
        }
        return one(filePut(op, DmirrorMigrate.toDevice(mirror(op), r.first(), r.end())));
      case MIGRATE_TO_RAM:
        mirror(op).device().migrateToRam(mirror(op).mm(), "cpu", op.page());
        return NOTHING;
      case EVICT:
        if (fileGet(op)) {
          mirror(op).device().evict(mirror(op).mm());
          filePut(op, 0);
        }
        return NOTHING;
      case MAKE_DEVICE_EXCLUSIVE:
        if (!fileGet(op)) {
          return one(Errno.EBADF);
        }
        return one(filePut(op, DmirrorExclusive.exclusive(mirror(op), r.first(), r.end())));
      case CHECK_EXCLUSIVE:
        if (!fileGet(op)) {
          return one(Errno.EBADF);
        }
        return one(filePut(op, DmirrorExclusive.checkAtomic(mirror(op), r.first(), r.end())));
      case MIRROR_OPEN:
        mirror(op).open();
        return NOTHING;
      case MIRROR_RELEASE:
        mirror(op).release();
        return NOTHING;
      case ODP_FAULT:
        // a positive code is a handled no-op (the mkey was gone): success to the HCA
        return one(Math.min(w.region(op.umem()).pagefault(r.first(), r.end(), op.write()), 0));
      case ODP_PREFETCH:
        return one(w.region(op.umem()).prefetch(r.first(), r.end(), op.write(), op.noFault(),
            op.flush()));
      case RDMA_READ:
        return one(rdma(op, false, 0));
      case RDMA_WRITE:
        return one(rdma(op, true, op.value()));
      case MR_DEREG:
        w.region(op.umem()).dereg();
        return NOTHING;
      case UMEM_REGISTER:
        w.region(op.name()).register();
        return NOTHING;
      case UCONTEXT_CLOSE:
        w.hmmContext().close();
        return NOTHING;
      default:
        throw new AssertionError(op.kind());
    }
  }

  /** One HCA access, retrying through the page-fault handler when the op says {@code retry}. */
  private int rdma(Op op, boolean write, int value) {
    Region region = w.region(op.umem());
    return op.retry() ? region.accessRetry(op.page(), write, value)
        : region.access(op.page(), write, value);
  }

  /**
   * Whether every {@code if NAME RESULT} of the operation holds: the operation tagged {@code NAME}
   * completed before this one started, with that result. Reads the result cells as steps, so the
   * explorer orders them against the operations they depend on.
   */
  private boolean conditionsHold(Op op) {
    boolean hold = true;
    for (Condition c : op.conditions()) {
      int got = w.outcome(c.name()).get("if " + c.name() + ":read_result");
      if (got == NOT_DONE) {
        hold = false;
      } else if (c.result() == Condition.Result.OK) {
        hold &= got != DeviceMmu.FAULT;
      } else if (c.result() == Condition.Result.FAULT) {
        hold &= got == DeviceMmu.FAULT;
      } else if (c.result() == Condition.Result.VALUE) {
        hold &= got == c.value();
      }
    }
    return hold;
  }

  private static int[] one(int value) {
    return new int[] {value};
  }

  private static int[] faults(int n) {
    int[] out = new int[n];
    java.util.Arrays.fill(out, DeviceMmu.FAULT);
    return out;
  }

  /**
   * An ioctl starts on the device file ({@code fdget}): false ({@code -EBADF}) unless the file is
   * open, which it stays until {@link #filePut}. No lambda here: Java PathFinder runs this class,
   * and its enum switches already own the synthetic class names a lambda would get.
   */
  private boolean fileGet(Op op) {
    return mirror(op).fileGet(actor);
  }

  /** The ioctl returns {@code rc} and drops the file ({@code fdput}). */
  private int filePut(Op op, int rc) {
    mirror(op).filePut(actor);
    return rc;
  }

  private Mm mm(Op op) {
    return "child".equals(op.mm()) ? w.child() : w.mm();
  }

  private Dmirror mirror(Op op) {
    return w.mirrors().get(op.device());
  }

  /**
   * Checks what page {@code i} of the operation's range showed against the {@code expect} clause:
   * a fault, or a failed call, or the value (a snapshot's protection byte).
   */
  private void expectPage(Op op, int i, int got) {
    Expectation e = op.expectation(i);
    boolean prot = op.kind() == OpKind.SNAPSHOT;
    boolean fault = got == DeviceMmu.FAULT || (op.kind().returnsCode() && got != 0);
    if (!e.allows(fault, got)) {
      String shown = fault ? (op.kind().returnsCode() && got != DeviceMmu.FAULT ? Errno.name(got)
          : "a fault") : prot ? SnapshotProt.name(got) : Integer.toString(got);
      String page = op.range() != null && op.range().size() > 1
          ? " of page " + (op.range().first() + i) : "";
      check(false, op, op.kind().word() + page + " returned " + shown + ", expected "
          + describe(e, prot) + (op.conditions().isEmpty() ? "" : " (" + op.conditions()
          + " held)"));
    }
  }

  private static String describe(Expectation e, boolean prot) {
    StringBuilder sb = new StringBuilder(e.ok() ? "success" : "");
    for (int v : e.values()) {
      sb.append(sb.length() == 0 ? "" : " or ").append(prot ? SnapshotProt.name(v) : v);
    }
    for (int rc : e.errnos()) {
      sb.append(sb.length() == 0 ? "" : " or ").append(Errno.name(rc));
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

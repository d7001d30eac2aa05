package dev.mirrorcheck.scenario;

import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorFault;
import dev.mirrorcheck.device.DmirrorMigrate;
import dev.mirrorcheck.device.Snapshot;
import dev.mirrorcheck.mm.CpuAccess;
import dev.mirrorcheck.mm.Fork;
import dev.mirrorcheck.mm.MigrateVma;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Mprotect;
import dev.mirrorcheck.mm.Reclaim;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.spec.Condition;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.PageRange;

/**
 * Performs one spec operation on the model, records its result when it is tagged {@code as NAME},
 * and checks what a reading operation observed against its {@code expect} clause (property
 * {@code data}, as hmm-tests checks the data it reads back), when the clause's {@code if} conditions
 * hold as the operation starts.
 */
final class OpRunner {
  /** Property id of the data a scenario expects reads to return. */
  static final String DATA = "data";
  /** The result cell of a tagged operation that has not completed. */
  static final int NOT_DONE = Integer.MIN_VALUE + 1;

  private final ScenarioWorld w;
  private final String actor;

  OpRunner(ScenarioWorld w, String actor) {
    this.w = w;
    this.actor = actor;
  }

  void run(Op op) {
    for (String a : op.after()) {
      w.awaitOutcome("after " + a + ":wait_for_result", a);
    }
    boolean expecting = op.hasExpectation() && conditionsHold(op);
    int result = perform(op, expecting);
    if (op.as() != null) {
      w.recordOutcome("as " + op.as() + ":record_result", op.as(), result);
    }
  }

  /** Runs the operation; returns its result: a value read or written, {@code FAULT}, or 0. */
  private int perform(Op op, boolean expecting) {
    PageRange r = op.range();
    int result = 0;
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
        result = expectValue(op, expecting, CpuAccess.read(mm(op), "cpu", op.page()), "CPU read");
        break;
      case CPU_WRITE:
        CpuAccess.write(mm(op), "cpu", op.page(), op.value());
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
        result = status(DmirrorFault.fault(mirror(op), r.first(), r.end(), op.write()));
        break;
      case DMA_READ:
        result = expectValue(op, expecting, DeviceIo.dmaRead(mirror(op), op.page()), "DMA read");
        break;
      case DMA_WRITE:
        result = expectValue(op, expecting, DeviceIo.dmaWrite(mirror(op), op.page(), op.value()),
            "DMA write");
        break;
      case DEVICE_READ: {
        DeviceIo.Result res = DeviceIo.read(mirror(op), r.first(), r.end());
        for (int i = 0; i < r.size(); i++) {
          result = expectValue(op, expecting, res.rc() != 0 ? DeviceMmu.FAULT : res.data()[i],
              "device read");
        }
        break;
      }
      case DEVICE_WRITE: {
        int[] values = new int[r.size()];
        java.util.Arrays.fill(values, op.value());
        DeviceIo.Result res = DeviceIo.write(mirror(op), r.first(), r.end(), values);
        result = expectValue(op, expecting, res.rc() != 0 ? DeviceMmu.FAULT : op.value(),
            "device write");
        break;
      }
      case SNAPSHOT:
        Snapshot.snapshot(mirror(op), r.first(), r.end());
        break;
      case MIGRATE_TO_DEVICE:
        DmirrorMigrate.toDevice(mirror(op), r.first(), r.end());
        break;
      case MIGRATE_TO_RAM:
        mirror(op).device().migrateToRam(w.mm(), "cpu", op.page());
        break;
      case EVICT:
        mirror(op).device().evict(w.mm());
        break;
      case MIRROR_OPEN:
        mirror(op).open();
        break;
      case MIRROR_RELEASE:
        mirror(op).release();
        break;
      case ODP_FAULT:
        result = status(w.region(op.umem()).pagefault(r.first(), r.end(), op.write()));
        break;
      case ODP_PREFETCH:
        result = status(w.region(op.umem()).prefetch(r.first(), r.end(), op.write(), op.noFault(),
            op.flush()));
        break;
      case RDMA_READ:
        result = expectValue(op, expecting, rdma(op, false, 0), "RDMA read");
        break;
      case RDMA_WRITE:
        result = expectValue(op, expecting, rdma(op, true, op.value()), "RDMA write");
        break;
      case MR_DEREG:
        w.region(op.umem()).dereg();
        break;
      case UMEM_REGISTER:
        w.region(op.name()).register();
        break;
      case UCONTEXT_CLOSE:
        w.hmmContext().close();
        break;
      default:
        throw new AssertionError(op.kind());
    }
    return result;
  }

  /** A success (0) or an error ({@code FAULT}) from a call's return code. */
  private static int status(int rc) {
    return rc < 0 ? DeviceMmu.FAULT : 0;
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

  private Mm mm(Op op) {
    return "child".equals(op.mm()) ? w.child() : w.mm();
  }

  private Dmirror mirror(Op op) {
    return w.mirrors().get(op.device());
  }

  /** Checks {@code got} against the expect clause when it applies; returns {@code got}. */
  private int expectValue(Op op, boolean expecting, int got, String what) {
    if (!expecting) {
      return got;
    }
    boolean fault = got == DeviceMmu.FAULT;
    boolean ok = op.expectOk() ? !fault : fault ? op.expectFault() : op.expectValues().contains(got);
    if (!ok) {
      String shown = fault ? "a fault" : Integer.toString(got);
      String wanted = op.expectOk() ? "success" : describe(op);
      check(false, op, what + " returned " + shown + ", expected " + wanted
          + (op.conditions().isEmpty() ? "" : " (" + op.conditions() + " held)"));
    }
    return got;
  }

  private static String describe(Op op) {
    StringBuilder sb = new StringBuilder();
    for (int v : op.expectValues()) {
      sb.append(sb.length() == 0 ? "" : " or ").append(v);
    }
    if (op.expectFault()) {
      sb.append(sb.length() == 0 ? "a fault" : " or a fault");
    }
    return sb.toString();
  }

  private void check(boolean ok, Op op, String message) {
    w.sync().check(ok, DATA, actor + " '" + op.text() + "' (line " + op.line() + "): " + message);
  }
}

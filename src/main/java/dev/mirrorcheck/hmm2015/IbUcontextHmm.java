package dev.mirrorcheck.hmm2015;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.RefCell;
import dev.mirrorcheck.sync.Sync;

/**
 * A process's uverbs context on the HCA under the ODP-on-HMM RFC (v1 33/36): {@code struct
 * ib_ucontext} with its {@code ib_mirror} reference ({@code context->ib_mirror}, taken when this
 * context created the mirror), its MR list, and the {@code struct file} of the opened uverbs device
 * whose last reference runs {@code ib_uverbs_cleanup_ucontext} (Linux 4.1 uverbs_main.c with the
 * RFC's hunk): every MR still registered is deregistered, then the context's mirror reference is
 * dropped. A verbs call holds a file reference for its duration, so the cleanup never overlaps one.
 *
 * <p>QPs are not modelled: the real cleanup destroys them before the MRs, flushing their pending
 * page faults; in the model an HCA fault or access racing the close meets the MR's deregistration
 * instead ({@code mr->live}, {@code mr_srcu}, the destroyed mkey), which only adds behaviours.
 */
public final class IbUcontextHmm {
  private final IbDevice device;
  private final String name;
  private final Sync sync;
  private final IbMirror ibMirror;
  private final BoolCell mirrorRef;
  private final IntCell fileRefs;
  private final RefCell<ImmutableList<IbUmemHmm>> mrList;

  IbUcontextHmm(IbDevice device, Mm mm, String name) {
    this.device = device;
    this.name = name;
    this.sync = mm.sync();
    this.ibMirror = device.mirrorFor(mm);
    this.mirrorRef = sync.newBool(name + ".ib_mirror", false);
    this.fileRefs = sync.newInt(name + ".f_count", 1);
    this.mrList = sync.newRef(name + ".mr_list", ImmutableList.of());
  }

  /** The process's mirror on this device (its memory; it may not be live yet). */
  public IbMirror ibMirror() {
    return ibMirror;
  }

  /** The MRs registered through this context and not deregistered; read with peek. */
  public RefCell<ImmutableList<IbUmemHmm>> mrList() {
    return mrList;
  }

  // ------------------------------------------------------------------ ib_umem_odp_get (33/36)

  /** Set-up: {@code umem} registered; the first creates the mirror and the context's reference. */
  void registerAtSetup(IbUmemHmm umem) {
    String label = "setup:ib_umem_odp_get";
    if (!mirrorRef.peek()) {
      ibMirror.base().registerAtSetup();
      device.ibMirrors().set(label, Hmm.plus(ibMirror, device.ibMirrors().peek()));
      ibMirror.kref().set(label, ibMirror.kref().peek() + 1);
      mirrorRef.set(label, true);
    }
    ibMirror.kref().set(label, ibMirror.kref().peek() + 1);
    mrList.set(label, Hmm.plus(mrList.peek(), umem));
  }

  /**
   * The mirror lookup of {@code ib_umem_odp_get} under {@code hmm_mutex}: {@code
   * ib_mirror_ref(context->ib_mirror)}, else a live mirror of this mm on the device's list, else a
   * new one ({@code kref_init}, {@code hmm_mirror_register}, {@code list_add}, and the context's
   * own reference). The umem's reference is taken in every case.
   */
  IbMirror getMirror(String role) {
    device.hmmMutex().lock(role + ":hmm_mutex");
    boolean found = Steps.atomic(sync, role + ":ib_mirror_ref", () -> {
      String label = role + ":ib_mirror_ref";
      boolean listed = mirrorRef.get(label) || device.ibMirrors().get(label).contains(ibMirror);
      return listed && ibMirror.refInStep(label);
    });
    if (!found) {
      ibMirror.base().register(role);
      sync.atomic(role + ":ib_mirror_list_add", () -> {
        String label = role + ":ib_mirror_list_add";
        ibMirror.kref().set(label, 2); // kref_init for the umem, ib_mirror_ref for the context
        device.ibMirrors().set(label, Hmm.plus(ibMirror, device.ibMirrors().get(label)));
        mirrorRef.set(label, true);
      });
    }
    device.hmmMutex().unlock(role + ":hmm_mutex_unlock");
    return ibMirror;
  }

  /** The MR joins the context's list (the uobject of {@code ib_uverbs_reg_mr}), inside a step. */
  void addMrInStep(String label, IbUmemHmm umem) {
    mrList.set(label, Hmm.plus(mrList.get(label), umem));
  }

  /** The MR leaves the context's list ({@code idr_remove_uobj}, {@code list_del}) in a step. */
  void removeMrInStep(String label, IbUmemHmm umem) {
    mrList.set(label, Hmm.minus(mrList.get(label), umem));
  }

  // ------------------------------------------------------------------ the uverbs file

  /** {@code ib_uverbs_reg_mr} of a umem declared unregistered: with a file reference held. */
  public void regMr(IbUmemHmm umem) {
    String role = "reg";
    if (fget(role)) {
      umem.register();
      fput(role);
    }
  }

  /** {@code ib_uverbs_dereg_mr}: {@code ib_dereg_mr} with a file reference held. */
  public void deregMr(IbUmemHmm umem) {
    String role = "dereg";
    if (fget(role)) {
      OdpHmmFault.dereg(umem);
      fput(role);
    }
  }

  /**
   * {@code close(2)} of the uverbs file: drops the fd table's reference; the last reference runs
   * {@code ib_uverbs_close}, whichever thread drops it.
   */
  public void close() {
    fput("close");
  }

  /** {@code fget}: fails ({@code -EBADF}) once the file is closed and released. */
  private boolean fget(String role) {
    return Steps.atomic(sync, role + ":fget", () -> {
      int n = fileRefs.get(role + ":fget");
      if (n == 0) {
        return false;
      }
      fileRefs.set(role + ":fget", n + 1);
      return true;
    });
  }

  /** {@code fput}: the last reference releases the file ({@code ib_uverbs_close}). */
  private void fput(String role) {
    if (fileRefs.getAndAdd(role + ":fput", -1) == 1) {
      cleanup(role);
    }
  }

  /**
   * {@code ib_uverbs_cleanup_ucontext} (4.1, with 33/36's hunk): {@code ib_dereg_mr} of every MR
   * still on the context's list, then {@code ib_mirror_unref(context->ib_mirror)}. The mirror dies
   * here, not at the last MR's deregistration.
   */
  private void cleanup(String role) {
    ImmutableList<IbUmemHmm> mrs = mrList.get(role + ":mr_list");
    for (IbUmemHmm u : mrs) {
      OdpHmmFault.dereg(u, role);
    }
    boolean ref = Steps.atomic(sync, role + ":context_ib_mirror", () -> {
      boolean held = mirrorRef.get(role + ":context_ib_mirror");
      mirrorRef.set(role + ":context_ib_mirror", false);
      return held;
    });
    if (ref) {
      ibMirror.unref(role);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

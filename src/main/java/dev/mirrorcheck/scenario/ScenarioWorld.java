package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.check.Subject;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.hmm2015.IbUcontextHmm;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.mm.File;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/** The model objects of one execution of a scenario, as property checks and operations see them. */
public final class ScenarioWorld {
  private final Sync sync;
  private final Design design;
  private final PhysMem mem;
  private final Mm mm;
  private final Mm child;
  private final ImmutableMap<String, File> files;
  private final ImmutableList<Dmirror> mirrors;
  private final Regions regions;
  private final ImmutableMap<String, IntCell> outcomes;
  private final ImmutableMap<String, WaitQueue> outcomeDone;
  private final boolean threadsPinMm;

  ScenarioWorld(Sync sync, Spec spec, PhysMem mem, Mm mm, Mm child, ImmutableMap<String, File> files,
      ImmutableList<Dmirror> mirrors, Regions regions, ImmutableMap<String, IntCell> outcomes) {
    this.sync = sync;
    this.design = spec.design();
    this.mem = mem;
    this.mm = mm;
    this.child = child;
    this.files = files;
    this.mirrors = mirrors;
    this.regions = regions;
    this.outcomes = outcomes;
    ImmutableMap.Builder<String, WaitQueue> done = ImmutableMap.builder();
    for (String name : outcomes.keySet()) {
      done.put(name, sync.newWaitQueue("result." + name + ".done"));
    }
    this.outcomeDone = done.build();
    this.threadsPinMm = hasExit(spec);
  }

  private static boolean hasExit(Spec spec) {
    for (ImmutableList<Op> ops : spec.actors().values()) {
      for (Op op : ops) {
        if (op.kind() == OpKind.EXIT) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an actor's CPU syscall holds an {@code mm_users} reference for its duration, as the
   * calling thread's task does in the kernel. Only a scenario with an {@code exit} can drop the
   * process's own reference, so only there is the hold observable; elsewhere it is left out, which
   * spares every other scenario the extra steps.
   */
  boolean threadsPinMm() {
    return threadsPinMm;
  }

  public Sync sync() {
    return sync;
  }

  public Design design() {
    return design;
  }

  public PhysMem mem() {
    return mem;
  }

  /** The main address space. */
  public Mm mm() {
    return mm;
  }

  /** The child address space for {@code fork}, or null. */
  public Mm child() {
    return child;
  }

  /** Every address space: the main one, then the child if any. */
  public ImmutableList<Mm> mms() {
    return child == null ? ImmutableList.of(mm) : ImmutableList.of(mm, child);
  }

  public ImmutableMap<String, File> files() {
    return files;
  }

  /** dmirror mirrors, by device index. */
  public ImmutableList<Dmirror> mirrors() {
    return mirrors;
  }

  /** Modern ODP umems in declaration order. */
  public ImmutableMap<String, IbUmemOdp> umems() {
    return ImmutableMap.copyOf(regions.odp);
  }

  /** The child MRs the implicit MRs of the scenario may create (modern ODP). */
  public ImmutableList<IbUmemOdp> implicitChildren() {
    return ImmutableList.copyOf(regions.odpChildren);
  }

  /** ODP-on-HMM umems of the 2015 design in declaration order. */
  public ImmutableMap<String, IbUmemHmm> hmmUmems() {
    return ImmutableMap.copyOf(regions.hmm);
  }

  /** The 2015 design's uverbs context (every umem's), or null in other designs. */
  public IbUcontextHmm hmmContext() {
    return regions.hmmContext;
  }

  /** Legacy ODP umems in declaration order. */
  public ImmutableMap<String, IbUmem> legacyUmems() {
    return ImmutableMap.copyOf(regions.legacy);
  }

  /** What the property checkers see: every address space, mirror and memory region. */
  public Subject subject() {
    Subject.Builder b = Subject.builder(design, mem);
    for (Mm m : mms()) {
      b.mm(m);
    }
    for (Dmirror d : mirrors) {
      b.mirror(d);
    }
    for (IbUmemOdp u : regions.odp.values()) {
      b.umem(u);
    }
    for (IbUmemOdp u : implicitChildren()) {
      b.umem(u);
    }
    for (IbUmemHmm u : regions.hmm.values()) {
      b.umem(u);
    }
    for (IbUmem u : regions.legacy.values()) {
      b.umem(u);
    }
    return b.build();
  }

  /** The region a spec operation names, or the first one when it names none. */
  Region region(String name) {
    return name == null ? regions.all.values().iterator().next() : regions.all.get(name);
  }

  /** The cell recording the result of the operation tagged {@code as name}. */
  IntCell outcome(String name) {
    return outcomes.get(name);
  }

  /** Records the result of the operation tagged {@code as name} and wakes those waiting for it. */
  void recordOutcome(String label, String name, int result) {
    sync.atomic(label, () -> {
      outcomes.get(name).set(label, result);
      outcomeDone.get(name).wakeAll(label);
    });
  }

  /** Sleeps until the operation tagged {@code as name} has completed ({@code after name}). */
  void awaitOutcome(String label, String name) {
    IntCell c = outcomes.get(name);
    outcomeDone.get(name).waitUntil(label, () -> c.get(label) != OpRunner.NOT_DONE);
  }
}

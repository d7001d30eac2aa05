package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.hmm2015.IbUcontextHmm;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.mm.File;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Sync;

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

  ScenarioWorld(Sync sync, Spec spec, PhysMem mem, Mm mm, Mm child, ImmutableMap<String, File> files,
      ImmutableList<Dmirror> mirrors, Regions regions) {
    this.sync = sync;
    this.design = spec.design();
    this.mem = mem;
    this.mm = mm;
    this.child = child;
    this.files = files;
    this.mirrors = mirrors;
    this.regions = regions;
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

  /** The region a spec operation names, or the first one when it names none. */
  Region region(String name) {
    return name == null ? regions.all.values().iterator().next() : regions.all.get(name);
  }
}

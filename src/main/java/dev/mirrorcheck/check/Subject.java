package dev.mirrorcheck.check;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.odp.IbUmemOdp;
import java.util.ArrayList;
import java.util.List;

/**
 * The world a property checks: its design, physical memory, address spaces, dmirror mirrors and the
 * memory regions of the three ODP generations (modern, 2015 ODP-on-HMM, legacy). Immutable. The address space of every mirror and umem is included even when not listed.
 *
 * <pre>{@code
 * Subject s = Subject.builder(Design.MODERN, mem).mm(mm).mirror(dmirror).build();
 * }</pre>
 */
public final class Subject {
  private final Design design;
  private final PhysMem mem;
  private final ImmutableList<Mm> mms;
  private final ImmutableList<Dmirror> mirrors;
  private final ImmutableList<IbUmemOdp> umems;
  private final ImmutableList<IbUmemHmm> hmmUmems;
  private final ImmutableList<IbUmem> legacyUmems;

  private Subject(Builder b) {
    design = b.design;
    mem = b.mem;
    List<Mm> all = new ArrayList<>(b.mms);
    b.mirrors.forEach(d -> addMm(all, d.mm()));
    b.umems.forEach(u -> addMm(all, u.mm()));
    b.hmmUmems.forEach(u -> addMm(all, u.mm()));
    b.legacyUmems.forEach(u -> addMm(all, u.mm()));
    for (Mm mm : all) {
      Preconditions.checkArgument(mm.mem() == mem, "%s belongs to another PhysMem", mm);
    }
    mms = ImmutableList.copyOf(all);
    mirrors = ImmutableList.copyOf(b.mirrors);
    umems = ImmutableList.copyOf(b.umems);
    hmmUmems = ImmutableList.copyOf(b.hmmUmems);
    legacyUmems = ImmutableList.copyOf(b.legacyUmems);
  }

  private static void addMm(List<Mm> all, Mm mm) {
    if (!all.contains(mm)) {
      all.add(mm);
    }
  }

  public static Builder builder(Design design, PhysMem mem) {
    return new Builder(design, mem);
  }

  public Design design() {
    return design;
  }

  public PhysMem mem() {
    return mem;
  }

  /** Every address space, listed ones first, then those of mirrors and umems. */
  public ImmutableList<Mm> mms() {
    return mms;
  }

  public ImmutableList<Dmirror> mirrors() {
    return mirrors;
  }

  public ImmutableList<IbUmemOdp> umems() {
    return umems;
  }

  /** ODP-on-HMM regions of the 2015 design. */
  public ImmutableList<IbUmemHmm> hmmUmems() {
    return hmmUmems;
  }

  /** Legacy (notifiers_count/notifiers_seq) ODP regions. */
  public ImmutableList<IbUmem> legacyUmems() {
    return legacyUmems;
  }

  @Override
  public String toString() {
    return design + " " + mms + " mirrors=" + mirrors + " umems=" + umems + hmmUmems + legacyUmems;
  }

  /** Collects the parts; duplicates are rejected. */
  public static final class Builder {
    private final Design design;
    private final PhysMem mem;
    private final List<Mm> mms = new ArrayList<>();
    private final List<Dmirror> mirrors = new ArrayList<>();
    private final List<IbUmemOdp> umems = new ArrayList<>();
    private final List<IbUmemHmm> hmmUmems = new ArrayList<>();
    private final List<IbUmem> legacyUmems = new ArrayList<>();

    private Builder(Design design, PhysMem mem) {
      this.design = Preconditions.checkNotNull(design, "design");
      this.mem = Preconditions.checkNotNull(mem, "mem");
    }

    public Builder mm(Mm mm) {
      Preconditions.checkArgument(!mms.contains(mm), "%s listed twice", mm);
      mms.add(Preconditions.checkNotNull(mm));
      return this;
    }

    public Builder mirror(Dmirror mirror) {
      Preconditions.checkArgument(!mirrors.contains(mirror), "%s listed twice", mirror);
      mirrors.add(Preconditions.checkNotNull(mirror));
      return this;
    }

    public Builder umem(IbUmemOdp umem) {
      Preconditions.checkArgument(!umems.contains(umem), "%s listed twice", umem);
      umems.add(Preconditions.checkNotNull(umem));
      return this;
    }

    public Builder umem(IbUmemHmm umem) {
      return add(hmmUmems, umem);
    }

    public Builder umem(IbUmem umem) {
      return add(legacyUmems, umem);
    }

    private <T> Builder add(List<T> list, T item) {
      Preconditions.checkArgument(!list.contains(item), "%s listed twice", item);
      list.add(Preconditions.checkNotNull(item));
      return this;
    }

    public Subject build() {
      return new Subject(this);
    }
  }
}

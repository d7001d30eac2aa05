package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.hmm2015.IbDevice;
import dev.mirrorcheck.hmm2015.IbUcontextHmm;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUcontext;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.mm.File;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpContext;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.Sync;
import java.util.Arrays;

/** Builds the initial state a spec describes, during world set-up (single-threaded). */
final class WorldBuilder {
  private WorldBuilder() {}

  static ScenarioWorld build(Sync sync, Spec spec, Mutations mut) {
    int[] deviceFrames = new int[spec.devices()];
    Arrays.fill(deviceFrames, spec.deviceFrames());
    PhysMem mem = new PhysMem(sync, spec.frames(), deviceFrames);
    Mm mm = new Mm(mem, mut, "mm", spec.pages(), spec.seqModulus());
    ImmutableMap.Builder<String, File> files = ImmutableMap.builder();
    for (Spec.FileDecl f : spec.files()) {
      File file = new File(mem, f.name(), f.pages());
      for (int i = 0; i < f.disk().size(); i++) {
        file.disk().poke(i, f.disk().get(i));
      }
      files.put(f.name(), file);
    }
    ImmutableMap<String, File> fileMap = files.build();
    for (Spec.Mapping m : spec.mappings()) {
      if (m.file() == null) {
        mm.mmapAnon(m.pages().first(), m.pages().end(), m.read(), m.write());
        for (int i = 0; i < m.populate().size(); i++) {
          mm.populate(m.pages().first() + i, m.populate().get(i));
        }
        if (m.thp()) {
          mm.setThp(m.pages().first(), m.pages().end());
        }
      } else {
        // page v maps file page v + pgoff: the first page of the mapping maps file page "offset"
        mm.mmapShared(fileMap.get(m.file()), m.pages().first(), m.pages().end(),
            m.offset() - m.pages().first(), m.read(),
            m.write());
      }
    }
    Mm child = spec.forkChild() ? new Mm(mem, mut, "child", spec.pages(), spec.seqModulus()) : null;
    ImmutableList.Builder<Dmirror> mirrors = ImmutableList.builder();
    for (int d = 0; d < spec.devices(); d++) {
      Mm mirrored = spec.childDevices().contains(d) ? child : mm;
      Dmirror mirror = new Dmirror(new DmirrorDevice(mem, mut, d, "dev" + d), mirrored, "dmirror" + d);
      boolean closed = spec.closedDevices().contains(d);
      if (!closed) {
        mirror.openAtSetup();
      }
      if (closed || releases(spec, d)) {
        mirror.trackFile(!closed);
      }
      mirrors.add(mirror);
    }
    Regions regions = new Regions();
    if (!spec.umems().isEmpty()) {
      switch (spec.design()) {
        case ODP:
          odpUmems(sync, spec, mm, mut, regions);
          break;
        case HMM2015:
          hmmUmems(sync, spec, mm, regions);
          break;
        case LEGACY_ODP:
          legacyUmems(sync, spec, mm, regions);
          break;
        default:
          throw new IllegalStateException(spec.design() + " has no umems");
      }
    }
    return new ScenarioWorld(sync, spec, mem, mm, child, fileMap, mirrors.build(), regions);
  }

  /** Whether an actor closes device {@code d}'s file. */
  private static boolean releases(Spec spec, int d) {
    for (java.util.List<dev.mirrorcheck.spec.Op> ops : spec.actors().values()) {
      for (dev.mirrorcheck.spec.Op op : ops) {
        if (op.kind() == dev.mirrorcheck.spec.OpKind.MIRROR_RELEASE && op.device() == d) {
          return true;
        }
      }
    }
    return false;
  }

  /** Modern ODP: one ucontext; each umem on its own interval notifier. */
  private static void odpUmems(Sync sync, Spec spec, Mm mm, Mutations mut, Regions regions) {
    OdpContext ctx = new OdpContext(sync, "ctx");
    for (Spec.UmemDecl u : spec.umems()) {
      IbUmemOdp umem = new IbUmemOdp(mm, mut, ctx, u.name(), u.pages().first(), u.pages().end(),
          u.implicitChild());
      if (u.registered()) {
        umem.registerAtSetup();
      }
      regions.odp.put(u.name(), umem);
      regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
    }
  }

  /** The 2015 RFC: one HCA and one uverbs context, whose ib_mirror of the mm holds every umem. */
  private static void hmmUmems(Sync sync, Spec spec, Mm mm, Regions regions) {
    IbUcontextHmm ctx = new IbDevice(sync, "mlx5_0").ucontext(mm);
    regions.hmmContext = ctx;
    for (Spec.UmemDecl u : spec.umems()) {
      IbUmemHmm umem = new IbUmemHmm(ctx, u.name(), u.pages().first(), u.pages().end(), true);
      if (u.registered()) {
        umem.registerAtSetup();
      }
      regions.hmm.put(u.name(), umem);
      regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
    }
  }

  /**
   * A region declared unregistered exists only once an actor registers it, and one an actor
   * deregisters stops existing for new faults when it starts to.
   */
  private static Region gate(Sync sync, Spec spec, Spec.UmemDecl u, Region r) {
    Region g = u.registered() ? r : r.unregistered(sync, u.name());
    for (java.util.List<dev.mirrorcheck.spec.Op> ops : spec.actors().values()) {
      for (dev.mirrorcheck.spec.Op op : ops) {
        if (op.kind() == dev.mirrorcheck.spec.OpKind.MR_DEREG
            && u.name().equals(op.umem() == null ? spec.umems().get(0).name() : op.umem())) {
          return g.deregistered(sync, u.name());
        }
      }
    }
    return g;
  }

  /** Legacy ODP: one ucontext with the classic notifier; per-umem counters. */
  private static void legacyUmems(Sync sync, Spec spec, Mm mm, Regions regions) {
    IbUcontext ctx = new IbUcontext(mm, "ucontext");
    for (Spec.UmemDecl u : spec.umems()) {
      IbUmem umem = new IbUmem(ctx, u.name(), u.pages().first(), u.pages().end(), true);
      if (u.registered()) {
        umem.registerAtSetup();
      }
      regions.legacy.put(u.name(), umem);
      regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
    }
  }
}

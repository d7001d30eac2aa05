package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.hmm2015.IbDevice;
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
        mm.mmapShared(fileMap.get(m.file()), m.pages().first(), m.pages().end(), m.offset(), m.read(),
            m.write());
      }
    }
    Mm child = spec.forkChild() ? new Mm(mem, mut, "child", spec.pages(), spec.seqModulus()) : null;
    ImmutableList.Builder<Dmirror> mirrors = ImmutableList.builder();
    for (int d = 0; d < spec.devices(); d++) {
      Mm mirrored = spec.childDevices().contains(d) ? child : mm;
      Dmirror mirror = new Dmirror(new DmirrorDevice(mem, mut, d, "dev" + d), mirrored, "dmirror" + d);
      if (!spec.closedDevices().contains(d)) {
        mirror.openAtSetup();
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
          legacyUmems(spec, mm, regions);
          break;
        default:
          throw new IllegalStateException(spec.design() + " has no umems");
      }
    }
    return new ScenarioWorld(sync, spec, mem, mm, child, fileMap, mirrors.build(), regions);
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
      regions.all.put(u.name(), Region.of(umem));
    }
  }

  /** The 2015 RFC: one HCA, whose ib_mirror of the mm holds every umem. */
  private static void hmmUmems(Sync sync, Spec spec, Mm mm, Regions regions) {
    IbDevice dev = new IbDevice(sync, "mlx5_0");
    for (Spec.UmemDecl u : spec.umems()) {
      IbUmemHmm umem = new IbUmemHmm(dev, mm, u.name(), u.pages().first(), u.pages().end(), true);
      if (u.registered()) {
        umem.registerAtSetup();
      }
      regions.hmm.put(u.name(), umem);
      regions.all.put(u.name(), Region.of(umem));
    }
  }

  /** Legacy ODP: one ucontext with the classic notifier; per-umem counters. */
  private static void legacyUmems(Spec spec, Mm mm, Regions regions) {
    IbUcontext ctx = new IbUcontext(mm, "ucontext");
    for (Spec.UmemDecl u : spec.umems()) {
      IbUmem umem = new IbUmem(ctx, u.name(), u.pages().first(), u.pages().end(), true);
      if (u.registered()) {
        umem.registerAtSetup();
      }
      regions.legacy.put(u.name(), umem);
      regions.all.put(u.name(), Region.of(umem));
    }
  }
}

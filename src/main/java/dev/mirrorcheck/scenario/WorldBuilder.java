package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
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
      Dmirror mirror = new Dmirror(new DmirrorDevice(mem, mut, d, "dev" + d), mm, "dmirror" + d);
      if (!spec.closedDevices().contains(d)) {
        mirror.openAtSetup();
      }
      mirrors.add(mirror);
    }
    ImmutableMap.Builder<String, IbUmemOdp> umems = ImmutableMap.builder();
    if (!spec.umems().isEmpty()) {
      OdpContext ctx = new OdpContext(sync, "ctx");
      for (Spec.UmemDecl u : spec.umems()) {
        IbUmemOdp umem = new IbUmemOdp(mm, mut, ctx, u.name(), u.pages().first(), u.pages().end(),
            u.implicitChild());
        if (u.registered()) {
          umem.registerAtSetup();
        }
        umems.put(u.name(), umem);
      }
    }
    return new ScenarioWorld(sync, spec, mem, mm, child, fileMap, mirrors.build(), umems.build());
  }
}

package dev.mirrorcheck.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.driver.DriverFactory;
import dev.mirrorcheck.hmm2015.IbDevice;
import dev.mirrorcheck.hmm2015.IbUcontextHmm;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.legacyodp.IbUcontext;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.MrSrcu;
import dev.mirrorcheck.mm.File;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.Mlx5IbDev;
import dev.mirrorcheck.odp.Mlx5ImplicitMr;
import dev.mirrorcheck.odp.OdpContext;
import dev.mirrorcheck.odp.UnboundWq;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
    DriverFactory driver = spec.devices() == 0 ? null : DriverClasses.forWorld(spec);
    for (int d = 0; d < spec.devices(); d++) {
      Mm mirrored = spec.childDevices().contains(d) ? child : mm;
      Dmirror mirror = new Dmirror(new DmirrorDevice(mem, mut, d, "dev" + d), mirrored,
          DriverClasses.mirrorName(spec, d), driver);
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
      Hcas hcas = new Hcas(sync, spec, mm, child);
      for (Spec.UmemDecl u : spec.umems()) {
        Mm on = "child".equals(u.mm()) ? child : mm;
        switch (spec.design()) {
          case ODP:
            odpUmem(sync, spec, u, on, mut, hcas.odp(u.hca(), on), regions);
            break;
          case HMM2015:
            hmmUmem(sync, spec, u, on, hcas.hmm(u.hca()), regions);
            break;
          case LEGACY_ODP:
            legacyUmem(sync, spec, u, hcas.legacy(u.hca(), on), regions);
            break;
          default:
            throw new IllegalStateException(spec.design() + " has no umems");
        }
      }
    }
    ImmutableMap.Builder<String, IntCell> outcomes = ImmutableMap.builder();
    for (ImmutableList<Op> ops : spec.actors().values()) {
      for (Op op : ops) {
        if (op.as() != null) {
          outcomes.put(op.as(), sync.newInt("result." + op.as(), OpRunner.NOT_DONE));
        }
      }
    }
    return new ScenarioWorld(sync, spec, mem, mm, child, fileMap, mirrors.build(), regions,
        outcomes.build());
  }

  /** Whether an actor closes device {@code d}'s file. */
  private static boolean releases(Spec spec, int d) {
    for (ImmutableList<Op> ops : spec.actors().values()) {
      for (Op op : ops) {
        if (op.kind() == OpKind.MIRROR_RELEASE && op.device() == d) {
          return true;
        }
      }
    }
    return false;
  }

  /** Modern ODP: each umem on its own interval notifier; implicit MRs with their child pool. */
  private static void odpUmem(Sync sync, Spec spec, Spec.UmemDecl u, Mm mm, Mutations mut,
      OdpContext ctx, Regions regions) {
    if (u.implicit()) {
      Mlx5ImplicitMr imr = new Mlx5ImplicitMr(mm, mut, ctx, u.name(), u.childPages(),
          spec.childPool(u));
      regions.odpChildren.addAll(imr.pool());
      regions.all.put(u.name(), gate(sync, spec, u, Region.of(imr)));
      return;
    }
    IbUmemOdp umem = new IbUmemOdp(mm, mut, ctx, u.name(), u.pages().first(), u.pages().end(),
        u.implicitChild());
    if (u.registered()) {
      umem.registerAtSetup();
    }
    regions.odp.put(u.name(), umem);
    regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
  }

  /**
   * The 2015 RFC: the umem joins the ib_mirror of its mm through that process's uverbs context on
   * its HCA ({@code ucontext-close} closes the first one: HCA 0's on the main mm when declared).
   */
  private static void hmmUmem(Sync sync, Spec spec, Spec.UmemDecl u, Mm mm, IbDevice dev,
      Regions regions) {
    IbUcontextHmm ctx = dev.ucontext(mm);
    if (regions.hmmContext == null) {
      regions.hmmContext = ctx;
    }
    IbUmemHmm umem = new IbUmemHmm(ctx, u.name(), u.pages().first(), u.pages().end(), true);
    if (u.registered()) {
      umem.registerAtSetup();
    }
    regions.hmm.put(u.name(), umem);
    regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
  }

  /** Legacy ODP: per-umem counters under the (HCA, mm) ucontext's classic notifier. */
  private static void legacyUmem(Sync sync, Spec spec, Spec.UmemDecl u, IbUcontext ctx,
      Regions regions) {
    IbUmem umem = new IbUmem(ctx, u.name(), u.pages().first(), u.pages().end(), true);
    if (u.registered()) {
      umem.registerAtSetup();
    }
    regions.legacy.put(u.name(), umem);
    regions.all.put(u.name(), gate(sync, spec, u, Region.of(umem)));
  }

  /**
   * A region declared unregistered exists only once an actor registers it, and one an actor
   * deregisters stops existing for new faults when it starts to.
   */
  private static Region gate(Sync sync, Spec spec, Spec.UmemDecl u, Region r) {
    Region g = u.registered() ? r : r.unregistered(sync, u.name());
    for (ImmutableList<Op> ops : spec.actors().values()) {
      for (Op op : ops) {
        if (op.kind() == OpKind.MR_DEREG
            && u.name().equals(op.umem() == null ? spec.umems().get(0).name() : op.umem())) {
          return g.deregistered(sync, u.name());
        }
      }
    }
    return g;
  }

  /**
   * The HCAs of the scenario and the per-(HCA, mm) contexts of each design, created on first use:
   * odp {@code mlx5_ib_dev} + {@code ib_ucontext}, the 2015 {@code ib_device} (which finds its
   * {@code ib_mirror} per mm itself), legacy {@code ib_ucontext} with the device's {@code mr_srcu}.
   */
  private static final class Hcas {
    private final Sync sync;
    private final Spec spec;
    private final Mm mm;
    private final Map<String, Object> made = new HashMap<>();

    Hcas(Sync sync, Spec spec, Mm mm, Mm child) {
      this.sync = sync;
      this.spec = spec;
      this.mm = mm;
    }

    /** {@code mlx5_N}, or a context name: the plain name for HCA 0 on the main mm. */
    private String name(String base, int hca, Mm on) {
      return base + (hca == 0 && (on == null || on == mm) ? "" : hca + (on == null || on == mm
          ? "" : "." + on.name()));
    }

    private Mlx5IbDev odpDev(int hca) {
      return (Mlx5IbDev) made.computeIfAbsent("odpdev" + hca, k ->
          new Mlx5IbDev(sync, "mlx5_" + hca, spec.options().mkeyLifetime()));
    }

    OdpContext odp(int hca, Mm on) {
      Mlx5IbDev dev = odpDev(hca);
      return (OdpContext) made.computeIfAbsent("odpctx" + hca + on.name(), k ->
          new OdpContext(sync, name("ctx", hca, on), dev));
    }

    IbDevice hmm(int hca) {
      return (IbDevice) made.computeIfAbsent("hmmdev" + hca, k -> new IbDevice(sync, "mlx5_" + hca));
    }

    IbUcontext legacy(int hca, Mm on) {
      MrSrcu srcu = (MrSrcu) made.computeIfAbsent("srcu" + hca, k ->
          new MrSrcu(sync, "mlx5_" + hca + ".mr_srcu"));
      UnboundWq wq = (UnboundWq) made.computeIfAbsent("wq" + hca, k -> new UnboundWq(sync));
      return (IbUcontext) made.computeIfAbsent("ucontext" + hca + on.name(), k ->
          new IbUcontext(on, name("ucontext", hca, on), srcu, wq));
    }
  }
}

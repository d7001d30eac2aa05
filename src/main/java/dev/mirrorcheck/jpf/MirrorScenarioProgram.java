package dev.mirrorcheck.jpf;

import dev.mirrorcheck.device.DeviceIo;
import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.device.DmirrorDevice;
import dev.mirrorcheck.device.DmirrorFault;
import dev.mirrorcheck.device.MirrorInvariants;
import dev.mirrorcheck.hmm2015.Hmm;
import dev.mirrorcheck.hmm2015.IbDevice;
import dev.mirrorcheck.hmm2015.IbUmemHmm;
import dev.mirrorcheck.hmm2015.OdpHmmFault;
import dev.mirrorcheck.legacyodp.IbUcontext;
import dev.mirrorcheck.legacyodp.IbUmem;
import dev.mirrorcheck.legacyodp.LegacyOdpFault;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mm.PhysMem;
import dev.mirrorcheck.mm.Unmap;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.odp.OdpContext;
import dev.mirrorcheck.odp.OdpFault;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;

/**
 * The teardown race of hmm-tests {@code anon_teardown} on each mirror design, built directly from the
 * mirror packages: two populated anonymous pages, one actor that munmaps (or {@code
 * madvise(DONTNEED)}s) page 1 — or a page it {@link Sync#choose chooses} — one device fault of pages
 * 0-1 through the design's fault path, and (unless left out) one device reader of pages 0-1 whose
 * reads must fault or return the page's data. S1 and S3 are state
 * properties over the device page table ({@link MirrorInvariants}); the 2015 design adds L5 at the
 * end (every registered device fault left {@code device_faults}).
 *
 * <p>Actor bodies, the family's device and the end check are named classes, not lambdas; the mirror
 * packages themselves use lambdas and Guava (see the README's JPF section).
 */
public final class MirrorScenarioProgram implements Harness {
  static final int PAGES = 2;

  /** A scenario family: one design's fault and read paths against the CPU operation. */
  public enum Family {
    /** Interval notifiers and the dmirror test driver (hmm-tests {@code anon_teardown}). */
    ANON_TEARDOWN("anon_teardown", Design.MODERN, "modern", 10, "fault", "dma"),
    /** An RDMA ODP MR (ib_umem_odp and mlx5) on interval notifiers and hmm_range_fault. */
    ODP_TEARDOWN("odp_teardown", Design.ODP, "modern ODP", 20, "odp_fault", "rdma"),
    /** The 2015 design: HMM v10 with the ODP-on-HMM RFC (ib_umem on an hmm_mirror). */
    HMM2015_TEARDOWN("hmm2015_teardown", Design.HMM2015, "2015 HMM", 30, "odp_fault", "rdma"),
    /** Pre-HMM ODP: ib_umem_odp on raw mmu_notifiers with notifiers_seq/notifiers_count. */
    LEGACYODP_TEARDOWN("legacyodp_teardown", Design.LEGACY_ODP, "legacy ODP", 40, "odp_fault",
        "rdma");

    private final String word;
    private final Design design;
    private final String designName;
    private final int dataBase;
    private final String faultActor;
    private final String readActor;

    Family(String word, Design design, String designName, int dataBase, String faultActor,
        String readActor) {
      this.word = word;
      this.design = design;
      this.designName = designName;
      this.dataBase = dataBase;
      this.faultActor = faultActor;
      this.readActor = readActor;
    }

    /** The name {@code target.args} uses, e.g. {@code anon_teardown}. */
    public String word() {
      return word;
    }

    public Design design() {
      return design;
    }

    /** The family named {@code word}, or null. */
    static Family byWord(String word) {
      for (Family f : values()) {
        if (f.word.equals(word)) {
          return f;
        }
      }
      return null;
    }
  }

  /** The CPU operation on page 1 that races the device. */
  public enum CpuOp {
    /** munmap: mmap_lock for write. */
    MUNMAP("munmap"),
    /** madvise(DONTNEED): mmap_lock for read, concurrent with a fault holding it for read. */
    MADVISE("madvise");

    private final String word;

    CpuOp(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    static CpuOp byWord(String word) {
      for (CpuOp op : values()) {
        if (op.word.equals(word)) {
          return op;
        }
      }
      return null;
    }
  }

  private final Family family;
  private final Mutation mutation; // null: the correct protocol
  private final CpuOp op;
  private final boolean choosePage;
  private final boolean reads;

  /** The scenario; {@code mutation} null for the correct protocol. */
  public MirrorScenarioProgram(Family family, Mutation mutation, CpuOp op) {
    this(family, mutation, op, false, true);
  }

  /**
   * With {@code choosePage}, the CPU operation hits a page chosen nondeterministically; without
   * {@code reads}, no actor reads through the device (the fault and the CPU operation only).
   */
  public MirrorScenarioProgram(Family family, Mutation mutation, CpuOp op, boolean choosePage,
      boolean reads) {
    if (family == null || op == null) {
      throw new IllegalArgumentException("a scenario needs a family and a CPU operation");
    }
    if (mutation != null && !mutation.appliesTo(family.design)) {
      throw new IllegalArgumentException(mutation.id() + " does not apply to the "
          + family.designName + " design of " + family.word);
    }
    this.family = family;
    this.mutation = mutation;
    this.op = op;
    this.choosePage = choosePage;
    this.reads = reads;
  }

  public Family family() {
    return family;
  }

  /** The mutation, or null for the correct protocol. */
  public Mutation mutation() {
    return mutation;
  }

  public CpuOp op() {
    return op;
  }

  /** Whether the CPU operation's page is chosen. */
  public boolean choosePage() {
    return choosePage;
  }

  /** Whether an actor reads both pages through the device. */
  public boolean reads() {
    return reads;
  }

  /** For example {@code anon_teardown M3 (munmap)}. */
  public String describe() {
    return family.word + " " + (mutation == null ? "correct" : mutation.id()) + " (" + op.word
        + (choosePage ? " of a chosen page" : "") + (reads ? "" : ", no reads") + ")";
  }

  @Override
  public void build(World world) {
    Sync sync = world.sync();
    Mutations mut = mutation == null ? Mutations.none() : Mutations.of(mutation);
    PhysMem mem = new PhysMem(sync, PAGES + 1);
    Mm mm = new Mm(mem, mut, "mm", PAGES, 8);
    mm.mmapAnon(0, PAGES, true, true);
    for (int v = 0; v < PAGES; v++) {
      mm.populate(v, family.dataBase + v);
    }
    Device device;
    switch (family) {
      case ANON_TEARDOWN:
        device = Device.of(new Dmirror(new DmirrorDevice(mem, mut, 0, "dev0"), mm, "dmirror0")
            .openAtSetup());
        break;
      case ODP_TEARDOWN:
        device = Device.of(new IbUmemOdp(mm, mut, new OdpContext(sync, "ctx"), "umem", 0, PAGES,
            false).registerAtSetup());
        break;
      case HMM2015_TEARDOWN:
        device = Device.of(new IbUmemHmm(new IbDevice(sync, "mlx5_0"), mm, "umem", 0, PAGES,
            false).registerAtSetup());
        world.atEnd("L5", new DeviceFaultsLeft(Hmm.of(mm)));
        break;
      case LEGACYODP_TEARDOWN:
        device = Device.of(new IbUmem(new IbUcontext(mm, "ucontext"), "umem", 0, PAGES, false)
            .registerAtSetup());
        break;
      default:
        throw new IllegalStateException("no family " + family);
    }
    MirrorInvariants.register(world, mm, device.mmu());
    CpuOpActor cpu = new CpuOpActor(mm, op, choosePage);
    world.actor(op.word, cpu);
    world.actor(family.faultActor, new FaultActor(device));
    if (reads) {
      world.actor(family.readActor, new ReadActor(sync, device, family, cpu));
    }
  }

  /**
   * One design's device: its translations, its fault path and its read path. Exactly one model is
   * set; a plain class rather than an interface with lambdas, for Java PathFinder's VM.
   */
  static final class Device {
    private final Dmirror dmirror;
    private final IbUmemOdp odp;
    private final IbUmemHmm hmm;
    private final IbUmem legacy;

    private Device(Dmirror dmirror, IbUmemOdp odp, IbUmemHmm hmm, IbUmem legacy) {
      this.dmirror = dmirror;
      this.odp = odp;
      this.hmm = hmm;
      this.legacy = legacy;
    }

    static Device of(Dmirror d) {
      return new Device(d, null, null, null);
    }

    static Device of(IbUmemOdp u) {
      return new Device(null, u, null, null);
    }

    static Device of(IbUmemHmm u) {
      return new Device(null, null, u, null);
    }

    static Device of(IbUmem u) {
      return new Device(null, null, null, u);
    }

    DeviceMmu mmu() {
      return dmirror != null ? dmirror.mmu() : odp != null ? odp.mmu()
          : hmm != null ? hmm.mmu() : legacy.mmu();
    }

    /** The device fault of pages {@code [0, PAGES)}, read-only. */
    void fault() {
      if (dmirror != null) {
        DmirrorFault.fault(dmirror, 0, PAGES, false);
      } else if (odp != null) {
        OdpFault.pagefault(odp, 0, PAGES, false);
      } else if (hmm != null) {
        OdpHmmFault.pagefault(hmm, 0, PAGES, false);
      } else {
        LegacyOdpFault.pagefault(legacy, 0, PAGES, false);
      }
    }

    /** A device read of page {@code v}: the data, or {@link DeviceMmu#FAULT}. */
    int read(int v) {
      return dmirror != null ? DeviceIo.dmaRead(dmirror, v)
          : odp != null ? odp.mr().access("rdma", v, false, 0)
          : hmm != null ? hmm.access("rdma", v, false, 0) : legacy.access("rdma", v, false, 0);
    }
  }

  /** munmap or madvise(DONTNEED) of page 1, or of a page it chooses. */
  static final class CpuOpActor implements Runnable {
    private final Mm mm;
    private final CpuOp op;
    private final boolean choosePage;

    CpuOpActor(Mm mm, CpuOp op, boolean choosePage) {
      this.mm = mm;
      this.op = op;
      this.choosePage = choosePage;
    }

    @Override
    public void run() {
      int p = choosePage ? mm.sync().choose("cpu:page", PAGES) : 1;
      if (op == CpuOp.MUNMAP) {
        Unmap.munmap(mm, p, p + 1);
      } else {
        Unmap.madviseDontneed(mm, p, p + 1);
      }
    }
  }

  static final class FaultActor implements Runnable {
    private final Device device;

    FaultActor(Device device) {
      this.device = device;
    }

    @Override
    public void run() {
      device.fault();
    }
  }

  /**
   * Reads pages 0-1 through the device: a read that succeeds returns the page's data (after
   * madvise(DONTNEED), a page it may have dropped can read back as zero). A wrong value is a "data"
   * violation, thrown as an AssertionError in this thread.
   */
  static final class ReadActor implements Runnable {
    private final Sync sync;
    private final Device device;
    private final Family family;
    private final CpuOpActor cpu;

    ReadActor(Sync sync, Device device, Family family, CpuOpActor cpu) {
      this.sync = sync;
      this.device = device;
      this.family = family;
      this.cpu = cpu;
    }

    @Override
    public void run() {
      for (int v = 0; v < PAGES; v++) {
        int r = device.read(v);
        boolean dropped = cpu.op == CpuOp.MADVISE && r == 0 && (cpu.choosePage || v == 1);
        sync.check(r == DeviceMmu.FAULT || r == family.dataBase + v || dropped, "data",
            "device read of page " + v + " returned " + r + ", expected " + (family.dataBase + v));
      }
    }
  }

  /** L5 at the end (2015 design): every registered device fault left {@code device_faults}. */
  static final class DeviceFaultsLeft implements StateCheck {
    private final Hmm hmm;

    DeviceFaultsLeft(Hmm hmm) {
      this.hmm = hmm;
    }

    @Override
    public String violation() {
      return hmm.deviceFaultsCell().peek().isEmpty() ? null
          : "device faults never left device_faults: " + hmm.deviceFaultsCell().peek();
    }
  }
}

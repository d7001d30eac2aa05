package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.mutation.MkeyLifetime;
import dev.mirrorcheck.mutation.Mutation;

/**
 * A parsed, validated scenario spec: what the world looks like at the start, what each actor does,
 * which properties to check and which mutations to switch on, and how to explore it.
 */
public final class Spec {
  /**
   * The pseudo-property of {@code expect} clauses: every read or write with one returned what it
   * allows. Accepted in {@code properties:} beside the catalogue's ids.
   */
  public static final String DATA = "data";

  /** An initial mapping of the main address space. */
  public static final class Mapping {
    private final PageRange pages;
    private final String file; // null: anonymous
    private final int offset;
    private final boolean read;
    private final boolean write;
    private final ImmutableList<Integer> populate;
    private final boolean thp;

    Mapping(PageRange pages, String file, int offset, boolean read, boolean write,
        ImmutableList<Integer> populate, boolean thp) {
      this.pages = pages;
      this.file = file;
      this.offset = offset;
      this.read = read;
      this.write = write;
      this.populate = populate;
      this.thp = thp;
    }

    public PageRange pages() {
      return pages;
    }

    /** The file mapped shared, or null for private anonymous memory. */
    public String file() {
      return file;
    }

    /** First file page mapped. */
    public int offset() {
      return offset;
    }

    public boolean read() {
      return read;
    }

    public boolean write() {
      return write;
    }

    /** Initial data of each page (anonymous mappings are faulted in with it at set-up). */
    public ImmutableList<Integer> populate() {
      return populate;
    }

    /** Backed by one transparent huge page. */
    public boolean thp() {
      return thp;
    }
  }

  /** A file whose pages can be mapped shared. */
  public static final class FileDecl {
    private final String name;
    private final int pages;
    private final ImmutableList<Integer> disk;

    FileDecl(String name, int pages, ImmutableList<Integer> disk) {
      this.name = name;
      this.pages = pages;
      this.disk = disk;
    }

    public String name() {
      return name;
    }

    public int pages() {
      return pages;
    }

    /** Initial on-disk content (missing pages are 0). */
    public ImmutableList<Integer> disk() {
      return disk;
    }
  }

  /** An ODP memory region (umem + mlx5 MR). */
  public static final class UmemDecl {
    private final String name;
    private final PageRange pages;
    private final boolean implicitChild;
    private final boolean registered;
    private final String mm;
    private final int hca;
    private final int childPages;

    UmemDecl(String name, PageRange pages, boolean implicitChild, boolean registered, String mm,
        int hca, int childPages) {
      this.name = name;
      this.pages = pages;
      this.implicitChild = implicitChild;
      this.registered = registered;
      this.mm = mm;
      this.hca = hca;
      this.childPages = childPages;
    }

    /** The address space it maps: {@code mm} or {@code child}. */
    public String mm() {
      return mm;
    }

    /** The HCA (0-based) whose MR it is. */
    public int hca() {
      return hca;
    }

    /**
     * An implicit ODP MR over the whole address space ({@code implicit: true}): its child MRs, one
     * per window of {@link #childPages} pages, are created by page faults.
     */
    public boolean implicit() {
      return childPages > 0;
    }

    /** Pages per child MR window of an implicit MR ({@code MLX5_IMR_MTT_SIZE}), or 0. */
    public int childPages() {
      return childPages;
    }

    public String name() {
      return name;
    }

    public PageRange pages() {
      return pages;
    }

    /** A child MR of an implicit ODP MR (destroyed by deferred work when it empties). */
    public boolean implicitChild() {
      return implicitChild;
    }

    /** Registered during set-up; otherwise an actor registers it with {@code umem-register}. */
    public boolean registered() {
      return registered;
    }
  }

  /** What the scenario must produce with the protocol as written (mutations included). */
  public enum Expect {
    PASS,
    VIOLATION
  }

  final String name;
  final String file;
  final String text;
  final String description;
  final Design design;
  final Design declaredDesign;
  final ImmutableList<Design> designs;
  final DesignOptions options;
  final ImmutableList<MkeyLifetime> lifetimes;
  final int hcas;
  final int pages;
  final int frames;
  final int deviceFrames;
  final int seqModulus;
  final ImmutableList<Mapping> mappings;
  final ImmutableList<FileDecl> files;
  final int devices;
  final ImmutableSet<Integer> closedDevices;
  final ImmutableSet<Integer> childDevices;
  final boolean forkChild;
  final String driver;
  final int driverLine;
  final ImmutableList<UmemDecl> umems;
  final ImmutableMap<String, ImmutableList<Op>> actors;
  final ImmutableList<String> properties; // empty: every applicable property
  final int propertiesLine;
  final ImmutableList<Mutation> mutations;
  final ImmutableList<Mutation> kills;
  final ImmutableList<String> mustReach;
  final int maxSteps;
  final boolean stopAtFirst;
  final int timeLimitSeconds; // 0: none
  final int preemptionBound; // -1: none
  final boolean reduce;
  final String dpor;
  final int workers; // 0: not given
  final String symmetry; // null: not given
  final Expect expect;
  final int expectLine;
  final ImmutableList<String> expectProperties;

  Spec(SpecBuilder b) {
    name = b.name;
    file = b.file;
    text = b.text;
    description = b.description;
    design = b.design;
    declaredDesign = b.declaredDesign;
    designs = ImmutableList.copyOf(b.designs);
    options = b.options;
    lifetimes = ImmutableList.copyOf(b.lifetimes);
    hcas = b.hcas;
    pages = b.pages;
    frames = b.frames;
    deviceFrames = b.deviceFrames;
    seqModulus = b.seqModulus;
    mappings = ImmutableList.copyOf(b.mappings);
    files = ImmutableList.copyOf(b.files);
    devices = b.devices;
    closedDevices = ImmutableSet.copyOf(b.closedDevices);
    childDevices = ImmutableSet.copyOf(b.childDevices);
    forkChild = b.forkChild;
    driver = b.driver;
    driverLine = b.driverLine;
    umems = ImmutableList.copyOf(b.umems);
    ImmutableMap.Builder<String, ImmutableList<Op>> a = ImmutableMap.builder();
    b.actors.forEach((k, v) -> a.put(k, ImmutableList.copyOf(v)));
    actors = a.build();
    properties = ImmutableList.copyOf(b.properties);
    propertiesLine = b.propertiesLine;
    mutations = ImmutableList.copyOf(b.mutations);
    kills = ImmutableList.copyOf(b.kills);
    mustReach = ImmutableList.copyOf(b.mustReach);
    maxSteps = b.maxSteps;
    stopAtFirst = b.stopAtFirst;
    timeLimitSeconds = b.timeLimitSeconds;
    preemptionBound = b.preemptionBound;
    reduce = b.reduce;
    dpor = b.dpor;
    workers = b.workers;
    symmetry = b.symmetry;
    expect = b.expect;
    expectLine = b.expectLine;
    expectProperties = ImmutableList.copyOf(b.expectProperties);
  }

  /** The scenario's name ({@code scenario:}). */
  public String name() {
    return name;
  }

  /** The file it was read from, as given. */
  public String file() {
    return file;
  }

  /** The spec exactly as written. */
  public String text() {
    return text;
  }

  public String description() {
    return description;
  }

  /** The design this spec runs in: the declared one, or the one {@link #in} retargeted it to. */
  public Design design() {
    return design;
  }

  /**
   * The designs the scenario library checks it in: {@code design:} first, then those listed under
   * {@code designs:}.
   */
  public ImmutableList<Design> designs() {
    return designs;
  }

  /** The design the file names with {@code design:}. */
  public Design declaredDesign() {
    return declaredDesign;
  }

  /**
   * This scenario in {@code target}: the same world and actors, with that design's {@code kills}
   * and {@code must-reach} entries.
   *
   * @throws SpecException naming what does not exist in {@code target}
   */
  public Spec in(Design target) throws SpecException {
    return target == design ? this : SpecParser.parse(file, text, target == declaredDesign ? null : target);
  }

  /**
   * This scenario in {@code target} with {@code opts}, one of {@link #variants}: named
   * {@code NAME@LABEL} unless it is the declared design with the first value of every option.
   *
   * @throws SpecException naming what does not exist in that variant
   */
  public Spec in(Design target, DesignOptions opts) throws SpecException {
    if (target == design && opts.equals(options)) {
      return this;
    }
    return SpecParser.parse(file, text, target, opts);
  }

  /** The options this variant runs with ({@code design-options:}; the first value of each). */
  public DesignOptions options() {
    return options;
  }

  /** The design and its options as one label, e.g. {@code odp} or {@code odp.srcu}. */
  public String variantLabel() {
    return options.label(design);
  }

  /**
   * The variants of the scenario in {@code d}: one per combination of the values its
   * {@code design-options:} list for options of {@code d} (the first combination first).
   */
  public ImmutableList<DesignOptions> variants(Design d) {
    if (d != Design.ODP) {
      return ImmutableList.of(DesignOptions.of(lifetimes.get(0)));
    }
    ImmutableList.Builder<DesignOptions> out = ImmutableList.builder();
    for (MkeyLifetime l : lifetimes) {
      out.add(DesignOptions.of(l));
    }
    return out.build();
  }

  /**
   * How many child MRs one window of the implicit MR {@code u} may need over an execution: each
   * page fault of it may create one (racing faults each create theirs; the losers are destroyed),
   * and an HCA access with {@code retry} faults once, plus once more per CPU operation that could
   * have invalidated what it mapped.
   */
  public int childPool(UmemDecl u) {
    int faults = 0;
    int retries = 0;
    int cpuOps = 0;
    for (ImmutableList<Op> ops : actors.values()) {
      for (Op op : ops) {
        boolean rdma = !op.kind().designs().contains(Design.MODERN);
        String target = op.umem() == null ? umems.get(0).name() : op.umem();
        if (!rdma) {
          cpuOps++;
        } else if (target.equals(u.name()) && op.retry()) {
          retries++;
        } else if (target.equals(u.name())
            && (op.kind() == OpKind.ODP_FAULT || op.kind() == OpKind.ODP_PREFETCH)) {
          faults++;
        }
      }
    }
    return Math.max(1, faults + retries * (1 + cpuOps));
  }

  /** HCAs ({@code hcas:}); each umem names its own with {@code hca:}. */
  public int hcas() {
    return hcas;
  }

  /** Virtual pages of the main address space. */
  public int pages() {
    return pages;
  }

  /** System-memory page frames. */
  public int frames() {
    return frames;
  }

  /** Device-private page frames per device (for migration to device memory). */
  public int deviceFrames() {
    return deviceFrames;
  }

  /**
   * Modulus of the notifier sequence counter for a wrap-around study ({@code seq-modulus}), or 0 for
   * the kernel's 64-bit counter, which no bounded scenario wraps.
   */
  public int seqModulus() {
    return seqModulus;
  }

  public ImmutableList<Mapping> mappings() {
    return mappings;
  }

  public ImmutableList<FileDecl> files() {
    return files;
  }

  /** dmirror devices, each with a mirror of the main address space. */
  public int devices() {
    return devices;
  }

  /** Devices whose mirror is not opened at set-up. */
  public ImmutableSet<Integer> closedDevices() {
    return closedDevices;
  }

  /** Devices whose mirror mirrors the fork child's address space instead of the main one. */
  public ImmutableSet<Integer> childDevices() {
    return childDevices;
  }

  /** Whether an empty child address space exists for {@code fork}. */
  public boolean forkChild() {
    return forkChild;
  }

  /**
   * The class name of the {@code MirrorDriver} every device runs ({@code driver:}), or null for the
   * test driver (dmirror).
   */
  public String driver() {
    return driver;
  }

  /** The line of the {@code driver:} key (0 when there is none). */
  public int driverLine() {
    return driverLine;
  }

  public ImmutableList<UmemDecl> umems() {
    return umems;
  }

  /** Actors in declaration order, each with its operations. */
  public ImmutableMap<String, ImmutableList<Op>> actors() {
    return actors;
  }

  /** Properties asked for; empty means every property that applies to the design. */
  public ImmutableList<String> properties() {
    return properties;
  }

  /** Line of the {@code properties:} key (for errors found later), or 0. */
  public int propertiesLine() {
    return propertiesLine;
  }

  /** Mutations switched on by the spec itself. */
  public ImmutableList<Mutation> mutations() {
    return mutations;
  }

  /** Mutations this scenario is meant to kill (the kill matrix's designated pairs). */
  public ImmutableList<Mutation> kills() {
    return kills;
  }

  /** Label suffixes the exploration must reach; a pass that misses one is vacuous. */
  public ImmutableList<String> mustReach() {
    return mustReach;
  }

  public int maxSteps() {
    return maxSteps;
  }

  public boolean stopAtFirst() {
    return stopAtFirst;
  }

  /** Seconds, or 0 for no limit. */
  public int timeLimitSeconds() {
    return timeLimitSeconds;
  }

  /** Preemption bound, or -1 for none. */
  public int preemptionBound() {
    return preemptionBound;
  }

  public boolean reduce() {
    return reduce;
  }

  /** The workers {@code engine: {workers: N}} asks for, or 0 (the command line's choice). */
  public int workers() {
    return workers;
  }

  /** The symmetry reduction {@code engine: {symmetry: off|start|states}} asks for, or null. */
  public String symmetry() {
    return symmetry;
  }

  /** The partial-order reduction {@code engine: {reduce: source|optimal}} asks for, or null. */
  public String dpor() {
    return dpor;
  }

  /** The expected verdict of the spec as written (with its own mutations). */
  public Expect expect() {
    return expect;
  }

  /** Line of this design's {@code expect:} entry, or 0 when the expectation is the default. */
  public int expectLine() {
    return expectLine;
  }

  /** For an expected violation: the properties that may be violated (empty: any). */
  public ImmutableList<String> expectProperties() {
    return expectProperties;
  }

  @Override
  public String toString() {
    return name + " (" + file + ")";
  }
}

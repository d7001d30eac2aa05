package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.mirrorcheck.mutation.Design;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operations an actor can perform in a spec. Each names the kernel path it drives, its syntax
 * (positional arguments, then optional keywords: {@code read|write}, {@code dev N}, {@code umem NAME},
 * {@code mm NAME}, {@code retry}, {@code flush}, {@code no-fault}, {@code expect V|fault|ok} with an
 * optional {@code if NAME RESULT [and NAME RESULT]...}) and the designs it exists in. Every operation
 * also takes {@code as NAME}, which records its result for the conditions of later expectations, and
 * {@code after NAME}, which makes it wait until the operation tagged {@code NAME} has completed.
 */
public enum OpKind {
  // ---- CPU side (mm)
  MUNMAP("munmap", "munmap RANGE", "munmap(2): unmap the pages and free their frames",
      positional(Arg.RANGE), keywords(Key.MM), anyDesign()),
  MADVISE_DONTNEED("madvise-dontneed", "madvise-dontneed RANGE",
      "madvise(MADV_DONTNEED): zap the pages under the mmap read lock", positional(Arg.RANGE),
      keywords(Key.MM), anyDesign()),
  MPROTECT("mprotect", "mprotect RANGE ro|rw|none",
      "mprotect(2): change the VMA protection (a PROTECTION_VMA invalidation on downgrade)",
      positional(Arg.RANGE, Arg.PERM), keywords(Key.MM), anyDesign()),
  FORK("fork", "fork", "fork(2) into the spec's child mm: write-protect private pages for COW",
      positional(), keywords(), anyDesign()),
  CPU_READ("cpu-read", "cpu-read PAGE [mm NAME] [expect V|fault]",
      "a CPU load, faulting the page in (or back from device memory) as needed", positional(Arg.PAGE),
      keywords(Key.MM, Key.EXPECT), anyDesign()),
  CPU_WRITE("cpu-write", "cpu-write PAGE VALUE [mm NAME] [expect ok|fault]",
      "a CPU store, with write fault and COW break (a nested invalidation) as needed; fault is "
          + "SIGSEGV", positional(Arg.PAGE, Arg.VALUE), keywords(Key.MM, Key.EXPECT), anyDesign()),
  MIGRATE("migrate", "migrate PAGE",
      "migrate_pages() of an anonymous page: move it to a new system frame in every address space "
          + "that maps it (a page something else holds a reference to stays)",
      positional(Arg.PAGE), keywords(Key.MM), anyDesign()),
  PAGEOUT("pageout", "pageout PAGE", "reclaim of an anonymous page: page_mkclean, swap-out, free",
      positional(Arg.PAGE), keywords(Key.MM), anyDesign()),
  WRITEBACK("writeback", "writeback FILE INDEX",
      "writeback of a page-cache page: page_mkclean, then write it to disk", positional(Arg.NAME, Arg.INDEX),
      keywords(), anyDesign()),
  RECLAIM("reclaim", "reclaim FILE INDEX",
      "reclaim of a page-cache page: unmap from every mm, write back if dirty, free",
      positional(Arg.NAME, Arg.INDEX), keywords(), anyDesign()),
  OOM_REAP("oom-reap", "oom-reap RANGE",
      "the OOM reaper: a non-blocking invalidation that may fail with -EAGAIN", positional(Arg.RANGE),
      keywords(Key.MM), anyDesign()),
  EXIT("exit", "exit", "process exit: exit_mmap releases every mapping", positional(), keywords(Key.MM),
      anyDesign()),
  // ---- dmirror device
  DEVICE_FAULT("device-fault", "device-fault RANGE [read|write] [dev N] [expect ok|fault]",
      "the driver's fault handler: read_begin, hmm_range_fault, driver lock, read_retry, install",
      positional(Arg.RANGE), keywords(Key.ACCESS, Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  DMA_READ("dma-read", "dma-read PAGE [dev N] [expect V|fault]",
      "one device load through its TLB and page table, without faulting (FAULT on a miss)",
      positional(Arg.PAGE), keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  DMA_WRITE("dma-write", "dma-write PAGE VALUE [dev N] [expect ok|fault]",
      "one device store through its TLB and page table, without faulting", positional(Arg.PAGE, Arg.VALUE),
      keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  DEVICE_READ("device-read", "device-read RANGE [dev N] [expect V|fault]",
      "the READ ioctl: device loads over the range, faulting pages in as needed", positional(Arg.RANGE),
      keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  DEVICE_WRITE("device-write", "device-write RANGE VALUE [dev N] [expect ok|fault]",
      "the WRITE ioctl: device stores over the range, faulting write access in as needed",
      positional(Arg.RANGE, Arg.VALUE), keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  SNAPSHOT("snapshot", "snapshot RANGE [dev N] [expect PROT/...]",
      "the SNAPSHOT ioctl: hmm_range_fault without faulting, under a temporary notifier; the "
          + "protection each page shows, per page: " + SnapshotProt.names(),
      positional(Arg.RANGE), keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  MIGRATE_TO_DEVICE("migrate-to-device", "migrate-to-device RANGE [dev N] [expect ok|fault]",
      "migrate_vma of anonymous pages to the device's private memory (an owner-filtered MIGRATE "
          + "invalidation), then map them; fault: a hole or unreadable VMA (-EINVAL) or a page that "
          + "did not end up in device memory (-ENOENT)",
      positional(Arg.RANGE), keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  MIGRATE_TO_RAM("migrate-to-ram", "migrate-to-ram PAGE [dev N]",
      "a CPU fault on a device-private page migrates it back to system memory", positional(Arg.PAGE),
      keywords(Key.DEV), EnumSet.of(Design.MODERN)),
  EVICT("evict", "evict [dev N]", "the RELEASE ioctl: migrate every device page back to RAM", positional(),
      keywords(Key.DEV), EnumSet.of(Design.MODERN)),
  MAKE_DEVICE_EXCLUSIVE("make-device-exclusive", "make-device-exclusive RANGE [dev N] [expect ok|fault]",
      "the EXCLUSIVE ioctl: make_device_exclusive on each page (faulting it in writable), then map it "
          + "atomic in the device; a later CPU access takes it back",
      positional(Arg.RANGE), keywords(Key.DEV, Key.EXPECT), EnumSet.of(Design.MODERN)),
  CHECK_EXCLUSIVE("check-exclusive", "check-exclusive RANGE [dev N] [expect ok|fault]",
      "the CHECK_EXCLUSIVE ioctl: ok when no page of the range is still mapped atomic, fault "
          + "(-EPERM) while one is", positional(Arg.RANGE), keywords(Key.DEV, Key.EXPECT),
      EnumSet.of(Design.MODERN)),
  MIRROR_OPEN("mirror-open", "mirror-open [dev N]",
      "open the device file: insert the mirror's interval notifier", positional(), keywords(Key.DEV),
      EnumSet.of(Design.MODERN)),
  MIRROR_RELEASE("mirror-release", "mirror-release [dev N]",
      "close the device file: remove the interval notifier, waiting for an open epoch", positional(),
      keywords(Key.DEV), EnumSet.of(Design.MODERN)),
  // ---- RDMA ODP
  ODP_FAULT("odp-fault", "odp-fault RANGE [read|write] [umem NAME]",
      "the HCA page fault: odp: the mkey found in odp_mkeys and held (usecount or odp_srcu), "
          + "ib_umem_odp_map_dma_and_lock, then the MTT update under umem_mutex; implicit MRs "
          + "create the child MR of each window first; hmm2015: hmm_mirror_fault, then mlx5_hmm_pfault; legacy-odp: notifiers_seq, "
          + "get_user_pages, the retry check under umem_mutex",
      positional(Arg.RANGE), keywords(Key.ACCESS, Key.UMEM), rdmaDesigns()),
  ODP_PREFETCH("odp-prefetch", "odp-prefetch RANGE [read|write] [no-fault] [flush] [umem NAME]",
      "ibv_advise_mr PREFETCH (read: access downgraded to read) or PREFETCH_WRITE; no-fault: "
          + "PREFETCH_NO_FAULT, map only what the CPU maps (odp only); without flush the MR is "
          + "referenced and a work item runs the prefetch later, with flush (FLAG_FLUSH) it runs "
          + "before the call returns. legacy-odp: the 5.0-5.4 code (mr_srcu, num_pending_prefetch)",
      positional(Arg.RANGE), keywords(Key.ACCESS, Key.NOFAULT, Key.FLUSH, Key.UMEM),
      EnumSet.of(Design.ODP, Design.LEGACY_ODP)),
  RDMA_READ("rdma-read", "rdma-read PAGE [umem NAME] [retry] [expect V|fault]",
      "one HCA load through the MR's MTTs (FAULT when not present); retry: a miss raises the "
          + "HCA's page fault, the driver's handler runs and the HCA retries, as hardware does "
          + "(FAULT when the handler fails or the mkey is invalid)", positional(Arg.PAGE),
      keywords(Key.UMEM, Key.RETRY, Key.EXPECT), rdmaDesigns()),
  RDMA_WRITE("rdma-write", "rdma-write PAGE VALUE [umem NAME] [retry] [expect ok|fault]",
      "one HCA store through the MR's MTTs; retry: fault and retry as for rdma-read",
      positional(Arg.PAGE, Arg.VALUE), keywords(Key.UMEM, Key.RETRY, Key.EXPECT), rdmaDesigns()),
  MR_DEREG("mr-dereg", "mr-dereg [umem NAME]",
      "ib_dereg_mr: odp takes the mkey out of odp_mkeys and waits for the faults and prefetches "
          + "using it (usecount, or odp_srcu + num_deferred_work), then revokes it under umem_mutex; "
          + "hmm2015 and legacy-odp clear mr->live, wait for SRCU readers (legacy-odp: and queued "
          + "prefetch work), invalidate the whole umem, then destroy the mkey",
      positional(), keywords(Key.UMEM), rdmaDesigns()),
  UMEM_REGISTER("umem-register", "umem-register NAME",
      "ib_umem_odp_get of a umem declared with registered: false (takes umem_rwsem for write)",
      positional(Arg.NAME), keywords(), rdmaDesigns()),
  UCONTEXT_CLOSE("ucontext-close", "ucontext-close",
      "close(2) of the uverbs file: ib_uverbs_cleanup_ucontext deregisters the context's MRs, then "
          + "drops the context's ib_mirror reference (the 2015 RFC's mirror teardown)",
      positional(), keywords(), EnumSet.of(Design.HMM2015));

  /** Positional argument types. */
  enum Arg {
    RANGE,
    PAGE,
    VALUE,
    PERM,
    NAME,
    INDEX
  }

  /** Optional keywords. */
  enum Key {
    ACCESS,
    DEV,
    UMEM,
    MM,
    EXPECT,
    RETRY,
    FLUSH,
    NOFAULT
  }

  private final String word;
  private final String syntax;
  private final String description;
  private final ImmutableList<Arg> args;
  private final ImmutableSet<Key> keys;
  private final ImmutableSet<Design> designs;

  OpKind(String word, String syntax, String description, ImmutableList<Arg> args,
      ImmutableSet<Key> keys, Set<Design> designs) {
    this.word = word;
    this.syntax = syntax;
    this.description = description;
    this.args = args;
    this.keys = keys;
    this.designs = ImmutableSet.copyOf(designs);
  }

  private static ImmutableList<Arg> positional(Arg... a) {
    return ImmutableList.copyOf(a);
  }

  private static ImmutableSet<Key> keywords(Key... k) {
    return ImmutableSet.copyOf(k);
  }

  private static Set<Design> anyDesign() {
    return EnumSet.allOf(Design.class);
  }

  /** The designs with RDMA memory regions: modern ODP, the 2015 RFC on HMM, legacy ODP. */
  private static Set<Design> rdmaDesigns() {
    return EnumSet.of(Design.ODP, Design.HMM2015, Design.LEGACY_ODP);
  }

  /** The word that starts the operation in a spec, e.g. {@code device-fault}. */
  public String word() {
    return word;
  }

  public String syntax() {
    return syntax;
  }

  public String description() {
    return description;
  }

  public ImmutableSet<Design> designs() {
    return designs;
  }

  ImmutableList<Arg> args() {
    return args;
  }

  ImmutableSet<Key> keys() {
    return keys;
  }

  /** Whether {@code expect} may list values ({@code expect 10|11}): the operation reads data. */
  boolean expectsValues() {
    return syntax.contains("expect V");
  }

  /** Whether {@code expect} lists snapshot protections ({@code expect zero/r/w}). */
  boolean expectsProtections() {
    return syntax.contains("expect PROT");
  }

  /**
   * Whether the operation is a call that returns 0 or a negative error number (an ioctl or the
   * driver's fault handler), rather than data or a fault.
   */
  public boolean returnsCode() {
    return this == DEVICE_FAULT || this == DEVICE_WRITE || this == MIGRATE_TO_DEVICE
        || this == MAKE_DEVICE_EXCLUSIVE || this == CHECK_EXCLUSIVE || this == ODP_FAULT
        || this == ODP_PREFETCH;
  }

  /** Whether {@code expect} may name error numbers ({@code expect -EPERM}). */
  boolean expectsErrno() {
    return returnsCode() && keys.contains(Key.EXPECT);
  }

  /** The operations that take {@code expect -ERRNO}, for messages. */
  static String errnoWords() {
    StringBuilder sb = new StringBuilder();
    for (OpKind k : values()) {
      if (k.expectsErrno()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k.word());
      }
    }
    return sb.toString();
  }

  /** Whether {@code expect ok} is meaningful: the operation succeeds or fails. */
  boolean expectsOk() {
    return syntax.contains("ok|fault");
  }

  /**
   * Whether the operation is an ioctl of the test driver itself (snapshot, migration to its memory,
   * exclusive access, eviction), which a spec's own {@code driver:} does not offer.
   */
  boolean testDriverOnly() {
    return this == SNAPSHOT || this == MIGRATE_TO_DEVICE || this == MIGRATE_TO_RAM || this == EVICT
        || this == MAKE_DEVICE_EXCLUSIVE || this == CHECK_EXCLUSIVE;
  }

  boolean keysContainDev() {
    return keys.contains(Key.DEV);
  }

  /** Every operation's word, in declaration order (for suggestions). */
  static java.util.List<String> words() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (OpKind k : values()) {
      out.add(k.word);
    }
    return out;
  }

  static OpKind byWord(String w) {
    for (OpKind k : values()) {
      if (k.word.equals(w)) {
        return k;
      }
    }
    return null;
  }
}

package dev.mirrorcheck.fuzz;

import static dev.mirrorcheck.ghost.Errno.EBADF;
import static dev.mirrorcheck.ghost.Errno.EFAULT;
import static dev.mirrorcheck.ghost.Errno.EINVAL;
import static dev.mirrorcheck.ghost.Errno.ENOENT;
import static dev.mirrorcheck.ghost.Errno.EOPNOTSUPP;
import static dev.mirrorcheck.ghost.Errno.EPERM;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.PageRange;
import dev.mirrorcheck.spec.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a user program observes when it runs a scenario's operations one after another: a plain
 * sequential account of the modern design (CPU, memory, files, dmirror devices), written without the
 * model's locks, notifiers, steps or ghost state. Pages hold values; mappings point at pages (shared
 * after fork, copied on write); a device holds translations that any change to a page's mapping
 * takes away. It is the oracle that separates "the protocol is wrong" from "the model is wrong": run
 * sequentially, the model must observe exactly what this says. Observations use the model's
 * encoding (see {@code OpRunner.run}): values or {@link #FAULT}, return codes, snapshot bytes.
 */
public final class SequentialReference {
  public static final int FAULT = Integer.MIN_VALUE;

  /** A physical page: its data, and how many mappings (or the page cache) reference it. */
  private static final class Page {
    int value;
    int refs;
    final boolean zero;
    final int device; // -1: system memory; else the device whose private memory holds it

    Page(int value, boolean zero, int device) {
      this.value = value;
      this.zero = zero;
      this.device = device;
    }
  }

  private enum Kind { PRESENT, DEVPRIV, SWAP, EXCLUSIVE }

  /** A CPU page-table entry. */
  private static final class Pte {
    final Kind kind;
    final Page page; // null for swap
    final boolean writable;
    final int swapped; // the swap slot's data
    final int owner; // exclusive: the device

    Pte(Kind kind, Page page, boolean writable, int swapped, int owner) {
      this.kind = kind;
      this.page = page;
      this.writable = writable;
      this.swapped = swapped;
      this.owner = owner;
    }
  }

  /** A VMA: the pages of one mapping share one (identity tells VMAs apart, as in the model). */
  private static final class Vma {
    final boolean read;
    final boolean write;
    final String file; // null: private anonymous
    final int pgoff;
    final boolean thp;

    Vma(boolean read, boolean write, String file, int pgoff, boolean thp) {
      this.read = read;
      this.write = write;
      this.file = file;
      this.pgoff = pgoff;
      this.thp = thp;
    }
  }

  private static final class Mm {
    final Vma[] vma;
    final Pte[] pt;
    boolean unstable; // MMF_UNSTABLE: the OOM reaper ran

    Mm(int pages) {
      vma = new Vma[pages];
      pt = new Pte[pages];
    }
  }

  /** A device translation. */
  private static final class Tr {
    final Page page;
    final boolean writable;
    final boolean atomic;

    Tr(Page page, boolean writable, boolean atomic) {
      this.page = page;
      this.writable = writable;
      this.atomic = atomic;
    }
  }

  /** A dmirror device file and its mirror of one address space. */
  private static final class Dev {
    final int id;
    final Mm mm;
    final Tr[] t;
    boolean open;

    Dev(int id, Mm mm, int pages, boolean open) {
      this.id = id;
      this.mm = mm;
      this.t = new Tr[pages];
      this.open = open;
    }
  }

  private final int pages;
  private final Mm main;
  private final Mm child;
  private final List<Dev> devs = new ArrayList<>();
  private final java.util.Map<String, Page[]> cache = new java.util.HashMap<>();
  private final java.util.Map<String, int[]> disk = new java.util.HashMap<>();

  /** The state {@code spec} describes at the start (design {@code modern}). */
  public SequentialReference(Spec spec) {
    if (spec.design() != Design.MODERN) {
      throw new IllegalArgumentException("the sequential reference covers design modern");
    }
    pages = spec.pages();
    main = new Mm(pages);
    child = spec.forkChild() ? new Mm(pages) : null;
    for (Spec.FileDecl f : spec.files()) {
      int[] d = new int[f.pages()];
      for (int i = 0; i < f.disk().size(); i++) {
        d[i] = f.disk().get(i);
      }
      disk.put(f.name(), d);
      cache.put(f.name(), new Page[f.pages()]);
    }
    for (Spec.Mapping m : spec.mappings()) {
      Vma vma = new Vma(m.read(), m.write(), m.file(), m.offset() - m.pages().first(), m.thp());
      for (int v = m.pages().first(); v <= m.pages().last(); v++) {
        main.vma[v] = vma;
        int i = v - m.pages().first();
        if (m.file() == null && i < m.populate().size()) {
          Page p = new Page(m.populate().get(i), false, -1);
          map(main, v, new Pte(Kind.PRESENT, p, m.write(), 0, -1));
        }
      }
    }
    for (int d = 0; d < spec.devices(); d++) {
      devs.add(new Dev(d, spec.childDevices().contains(d) ? child : main, pages,
          !spec.closedDevices().contains(d)));
    }
  }

  // ------------------------------------------------------------------ operations

  /** Performs {@code op} and returns what it observes. */
  public int[] run(Op op) {
    PageRange r = op.range();
    Mm mm = "child".equals(op.mm()) ? child : main;
    switch (op.kind()) {
      case MUNMAP:
        zap(mm, r, true, true);
        return none();
      case MADVISE_DONTNEED:
        zap(mm, r, false, true);
        return none();
      case OOM_REAP:
        mm.unstable = true;
        zap(mm, r, false, false);
        return none();
      case MPROTECT:
        mprotect(mm, r, !op.perm().equals("none"), op.perm().equals("rw"));
        return none();
      case FORK:
        fork();
        return none();
      case CPU_READ:
        return one(cpuAccess(mm, op.page(), false, 0));
      case CPU_WRITE:
        return one(cpuAccess(mm, op.page(), true, op.value()) == FAULT ? FAULT : 0);
      case MIGRATE:
        migrate(mm, op.page());
        return none();
      case PAGEOUT:
        pageout(mm, op.page());
        return none();
      case WRITEBACK:
        writeback(op.name(), op.index(), false);
        return none();
      case RECLAIM:
        writeback(op.name(), op.index(), true);
        return none();
      case DEVICE_FAULT:
        return one(!dev(op).open ? EBADF : fault(dev(op), r.first(), r.end(), op.write()));
      case DMA_READ:
        return one(dma(dev(op), op.page(), false, 0));
      case DMA_WRITE:
        return one(dma(dev(op), op.page(), true, op.value()));
      case DEVICE_READ:
        return deviceIo(dev(op), r, false, 0);
      case DEVICE_WRITE:
        return one(dev(op).open ? deviceIo(dev(op), r, true, op.value())[0] : EBADF);
      case SNAPSHOT:
        return snapshot(dev(op), r);
      case MIGRATE_TO_DEVICE:
        return one(dev(op).open ? toDevice(dev(op), r) : EBADF);
      case MIGRATE_TO_RAM:
        toRam(dev(op).mm, op.page(), dev(op).id);
        return none();
      case EVICT:
        if (dev(op).open) {
          for (int v = 0; v < pages; v++) {
            Pte e = dev(op).mm.pt[v];
            if (e != null && e.kind == Kind.DEVPRIV && e.page.device == dev(op).id) {
              toRam(dev(op).mm, v, dev(op).id);
            }
          }
        }
        return none();
      case MAKE_DEVICE_EXCLUSIVE:
        return one(dev(op).open ? exclusive(dev(op), r) : EBADF);
      case CHECK_EXCLUSIVE:
        return one(!dev(op).open ? EBADF : checkAtomic(dev(op), r));
      case MIRROR_OPEN:
        dev(op).open = true;
        return none();
      case MIRROR_RELEASE:
        dev(op).open = false;
        Arrays.fill(dev(op).t, null);
        return none();
      default:
        throw new IllegalArgumentException("the sequential reference has no " + op.kind().word());
    }
  }

  private Dev dev(Op op) {
    return devs.get(op.device());
  }

  private static int[] none() {
    return new int[0];
  }

  private static int[] one(int v) {
    return new int[] {v};
  }

  // ------------------------------------------------------------------ CPU side

  private void map(Mm mm, int v, Pte e) {
    mm.pt[v] = e;
    if (e.page != null) {
      e.page.refs++;
    }
  }

  /** Replaces page {@code v}'s entry; the old one's reference goes. */
  private void set(Mm mm, int v, Pte e) {
    Pte old = mm.pt[v];
    if (old != null && old.page != null) {
      old.page.refs--;
    }
    mm.pt[v] = null;
    if (e != null) {
      map(mm, v, e);
    }
  }

  /** Any change to page {@code v} of {@code mm} takes the devices' translations of it away. */
  private void invalidate(Mm mm, int v) {
    for (Dev d : devs) {
      if (d.mm == mm) {
        d.t[v] = null;
      }
    }
  }

  /**
   * munmap, madvise(DONTNEED), the OOM reaper: pages and (for munmap) VMAs go. A huge page the
   * range covers only partly is split first ({@code split}), under its own invalidation of the
   * whole huge page.
   */
  private void zap(Mm mm, PageRange r, boolean unmap, boolean split) {
    if (split) {
      if (r.first() > 0) {
        splitIfStraddles(mm, r.first() - 1, r.first());
      }
      if (r.last() + 1 < pages) {
        splitIfStraddles(mm, r.last(), r.last() + 1);
      }
    }
    for (int v = r.first(); v <= r.last(); v++) {
      invalidate(mm, v);
      set(mm, v, null);
      if (unmap) {
        mm.vma[v] = null;
      }
    }
  }

  private void splitIfStraddles(Mm mm, int inside, int outside) {
    Vma huge = mm.vma[inside];
    if (huge == null || !huge.thp || huge != mm.vma[outside]) {
      return;
    }
    Vma split = new Vma(huge.read, huge.write, huge.file, huge.pgoff, false);
    for (int v = 0; v < pages; v++) {
      if (mm.vma[v] == huge) {
        invalidate(mm, v);
        mm.vma[v] = split;
      }
    }
  }

  private void mprotect(Mm mm, PageRange r, boolean read, boolean write) {
    for (int v = r.first(); v <= r.last(); v++) {
      invalidate(mm, v);
    }
    java.util.Map<Vma, Vma> changed = new java.util.IdentityHashMap<>();
    for (int v = r.first(); v <= r.last(); v++) {
      Vma old = mm.vma[v];
      if (old == null) {
        return; // a hole stops mprotect: the pages before it changed
      }
      mm.vma[v] = changed.computeIfAbsent(old,
          o -> new Vma(read, write, o.file, o.pgoff, o.thp));
      Pte e = mm.pt[v];
      if (!write && e != null && e.writable && e.kind != Kind.SWAP) {
        mm.pt[v] = new Pte(e.kind, e.page, false, e.swapped, e.owner);
      }
    }
  }

  private void fork() {
    for (int v = 0; v < pages; v++) {
      invalidate(main, v);
    }
    for (int v = 0; v < pages; v++) {
      Vma vma = main.vma[v];
      child.vma[v] = vma;
      Pte e = main.pt[v];
      if (e == null) {
        continue;
      }
      if (e.kind == Kind.SWAP) {
        child.pt[v] = e;
        continue;
      }
      if (e.kind == Kind.EXCLUSIVE) {
        e = restoreExclusive(main, v, e); // copy_nonpresent_pte restores it first
      }
      boolean cow = vma != null && vma.file == null && e.writable;
      Pte copy = cow ? new Pte(e.kind, e.page, false, 0, -1) : e;
      if (cow) {
        main.pt[v] = copy;
      }
      map(child, v, copy);
    }
  }

  private Pte restoreExclusive(Mm mm, int v, Pte e) {
    // restore_exclusive_pte: writable (and dirty) when the exclusive entry was and the VMA allows
    boolean w = e.writable && mm.vma[v].write;
    Pte now = new Pte(Kind.PRESENT, e.page, w, 0, -1);
    mm.pt[v] = now;
    return now;
  }

  /**
   * A CPU load or store of page {@code v}: the value read (or written), or {@link #FAULT} for
   * SIGSEGV; faults the page in, back from swap or device memory, or out of COW as it goes.
   */
  private int cpuAccess(Mm mm, int v, boolean write, int value) {
    while (true) {
      Vma vma = mm.vma[v];
      if (vma == null || !vma.read || (write && !vma.write)) {
        return FAULT;
      }
      Pte e = mm.pt[v];
      if (e != null && e.kind == Kind.PRESENT && (!write || e.writable)) {
        if (write) {
          e.page.value = value;
        }
        return write ? value : e.page.value;
      }
      if (!handleFault(mm, v, write)) {
        return FAULT;
      }
    }
  }

  /** {@code handle_mm_fault}: makes the entry present (writable if {@code write}); false on error. */
  private boolean handleFault(Mm mm, int v, boolean write) {
    Vma vma = mm.vma[v];
    if (vma == null || !vma.read || (write && !vma.write)) {
      return false;
    }
    Pte e = mm.pt[v];
    if (e != null && e.kind == Kind.PRESENT && (!write || e.writable)) {
      return true; // nothing to do (a write only sets the dirty bit)
    }
    if (e == null) {
      if (vma.file != null) {
        Page p = filePage(vma.file, v + vma.pgoff);
        map(mm, v, new Pte(Kind.PRESENT, p, write, 0, -1));
      } else if (mm.unstable) {
        return false; // do_anonymous_page's check_stable_address_space: VM_FAULT_SIGBUS
      } else if (write) {
        map(mm, v, new Pte(Kind.PRESENT, new Page(0, false, -1), true, 0, -1));
      } else {
        map(mm, v, new Pte(Kind.PRESENT, zeroPage(), false, 0, -1));
      }
      return true;
    }
    switch (e.kind) {
      case SWAP:
        mm.pt[v] = null;
        map(mm, v, new Pte(Kind.PRESENT, new Page(e.swapped, false, -1), vma.write, 0, -1));
        return true;
      case DEVPRIV:
        toRam(mm, v, e.page.device);
        return true;
      case EXCLUSIVE:
        invalidate(mm, v);
        restoreExclusive(mm, v, e);
        return true;
      default:
        break;
    }
    // a write to a read-only present entry
    if (vma.file != null) {
      mm.pt[v] = new Pte(Kind.PRESENT, e.page, true, 0, -1);
    } else if (!e.page.zero && e.page.refs == 1) {
      mm.pt[v] = new Pte(Kind.PRESENT, e.page, true, 0, -1); // wp_page_reuse
    } else {
      Page copy = new Page(e.page.value, false, -1);
      invalidate(mm, v); // wp_page_copy's CLEAR invalidation
      set(mm, v, new Pte(Kind.PRESENT, copy, true, 0, -1));
    }
    return true;
  }

  private Page zeroPage;

  private Page zeroPage() {
    if (zeroPage == null) {
      zeroPage = new Page(0, true, -1);
      zeroPage.refs = 1_000_000; // never exclusive, never freed
    }
    return zeroPage;
  }

  private Page filePage(String file, int idx) {
    Page[] c = cache.get(file);
    if (c[idx] == null) {
      c[idx] = new Page(disk.get(file)[idx], false, -1);
      c[idx].refs = 1; // the page cache's reference
    }
    return c[idx];
  }

  /** The address spaces and pages whose entries map {@code p} (the rmap). */
  private List<int[]> rmap(Page p) {
    List<int[]> out = new ArrayList<>();
    Mm[] all = {main, child};
    for (int m = 0; m < all.length; m++) {
      if (all[m] == null) {
        continue;
      }
      for (int v = 0; v < pages; v++) {
        Pte e = all[m].pt[v];
        if (e != null && e.page == p && (e.kind == Kind.PRESENT || e.kind == Kind.DEVPRIV)) {
          out.add(new int[] {m, v});
        }
      }
    }
    return out;
  }

  private Mm mmOf(int m) {
    return m == 0 ? main : child;
  }

  /**
   * Moves {@code p} to {@code to} in every address space mapping it, each entry keeping its write
   * permission, unless something other than a mapping references it (a pinned page stays).
   * Returns whether it moved.
   */
  private boolean moveEverywhere(Page p, Page to, Mm origin, int originV) {
    List<int[]> where = rmap(p);
    boolean mapped = false;
    for (int[] mv : where) {
      mapped |= mmOf(mv[0]) == origin && mv[1] == originV;
      if (mmOf(mv[0]) != origin) {
        invalidate(mmOf(mv[0]), mv[1]); // try_to_migrate's CLEAR in the other address space
      }
    }
    if (!mapped || p.refs != where.size()) {
      return false;
    }
    for (int[] mv : where) {
      Mm m = mmOf(mv[0]);
      Pte e = m.pt[mv[1]];
      Kind kind = to.device >= 0 ? Kind.DEVPRIV : Kind.PRESENT;
      set(m, mv[1], new Pte(kind, to, e.writable, 0, -1));
    }
    return true;
  }

  private void migrate(Mm mm, int v) {
    invalidate(mm, v); // the MIGRATE invalidation runs whether or not the page moves
    Pte e = mm.pt[v];
    Vma vma = mm.vma[v];
    if (e == null || e.kind != Kind.PRESENT || e.page.zero || e.page.device >= 0 || vma == null
        || vma.file != null) {
      return;
    }
    moveEverywhere(e.page, new Page(e.page.value, false, -1), mm, v);
  }

  private void pageout(Mm mm, int v) {
    Pte e = mm.pt[v];
    Vma vma = mm.vma[v];
    if (e == null || e.kind != Kind.PRESENT || e.page.zero || vma == null || vma.file != null
        || e.page.refs != 1) {
      return;
    }
    invalidate(mm, v);
    int data = e.page.value;
    set(mm, v, new Pte(Kind.SWAP, null, false, data, -1));
  }

  /** Writeback (and, for reclaim, unmapping and dropping) of a page-cache page. */
  private void writeback(String file, int idx, boolean reclaim) {
    Page p = cache.get(file)[idx];
    if (p == null) {
      return;
    }
    Mm[] all = {main, child};
    for (Mm m : all) {
      if (m == null) {
        continue;
      }
      for (int v = 0; v < pages; v++) {
        Vma vma = m.vma[v];
        if (vma == null || !file.equals(vma.file) || v + vma.pgoff != idx) {
          continue;
        }
        invalidate(m, v); // page_mkclean's PROTECTION_PAGE invalidation
        Pte e = m.pt[v];
        if (e != null && e.page == p && e.writable) {
          m.pt[v] = new Pte(Kind.PRESENT, p, false, 0, -1);
        }
      }
    }
    disk.get(file)[idx] = p.value;
    if (!reclaim) {
      return;
    }
    for (Mm m : all) {
      for (int v = 0; m != null && v < pages; v++) {
        Vma vma = m.vma[v];
        if (vma != null && file.equals(vma.file) && v + vma.pgoff == idx) {
          invalidate(m, v); // try_to_unmap's CLEAR invalidation
          if (m.pt[v] != null && m.pt[v].page == p) {
            set(m, v, null);
          }
        }
      }
    }
    cache.get(file)[idx] = null;
  }

  // ------------------------------------------------------------------ device side

  /** What {@code hmm_range_fault} reports for one page, or null when the walk fails here. */
  private static final class Pfn {
    final Page page;
    final boolean writable;

    Pfn(Page page, boolean writable) {
      this.page = page;
      this.writable = writable;
    }
  }

  /** {@code dmirror_fault} of {@code [start, end)}: 0 or -errno. */
  private int fault(Dev d, int start, int end, boolean write) {
    Pfn[] pfns = new Pfn[end - start];
    for (int v = start; v < end; ) {
      Vma vma = d.mm.vma[v];
      if (vma == null || !vma.read) {
        return EFAULT;
      }
      Pte e = d.mm.pt[v];
      if (e != null && e.kind == Kind.DEVPRIV && e.page.device == d.id) {
        pfns[v - start] = new Pfn(e.page, e.writable);
        v++;
        continue;
      }
      boolean present = e != null && e.kind == Kind.PRESENT;
      if (present && (!write || e.writable)) {
        pfns[v - start] = new Pfn(e.page, e.writable);
        v++;
        continue;
      }
      if (write && !vma.write) {
        return EPERM;
      }
      // hmm_vma_fault: handle_mm_fault on every page from here to the end of the VMA within the
      // range (even pages that needed none, such as the device's own private pages), then walk on
      for (int u = v; u < end && d.mm.vma[u] == vma; u++) {
        if (!handleFault(d.mm, u, write)) {
          return EFAULT;
        }
      }
    }
    for (int v = start; v < end; v++) {
      Pfn pfn = pfns[v - start];
      if (write && !pfn.writable) {
        return EFAULT; // dmirror_do_fault: a read-only device-private page of its own device
      }
      d.t[v] = new Tr(pfn.page, pfn.writable, false);
    }
    return 0;
  }

  private int dma(Dev d, int v, boolean write, int value) {
    Tr t = d.t[v];
    if (t == null || (write && !t.writable)) {
      return FAULT;
    }
    if (write) {
      t.page.value = value;
      return value;
    }
    return t.page.value;
  }

  /** The READ and WRITE ioctls: values read (or one return code for a write). */
  private int[] deviceIo(Dev d, PageRange r, boolean write, int value) {
    int[] out = new int[r.size()];
    if (!d.open) {
      Arrays.fill(out, FAULT);
      return write ? one(EBADF) : out;
    }
    int cur = r.first();
    while (cur <= r.last()) {
      int got = dma(d, cur, write, value);
      if (got == FAULT) {
        int rc = fault(d, cur, r.end(), write);
        if (rc != 0) {
          Arrays.fill(out, FAULT);
          return write ? one(rc) : out;
        }
        continue;
      }
      out[cur - r.first()] = got;
      cur++;
    }
    return write ? one(0) : out;
  }

  private int[] snapshot(Dev d, PageRange r) {
    int[] out = new int[r.size()];
    if (!d.open) {
      Arrays.fill(out, FAULT);
      return out;
    }
    for (int v = r.first(); v <= r.last(); v++) {
      Vma vma = d.mm.vma[v];
      Pte e = d.mm.pt[v];
      int prot;
      if (vma == null || !vma.read) {
        prot = 0xFF;
      } else if (e == null || e.kind == Kind.SWAP || e.kind == Kind.EXCLUSIVE) {
        prot = 0;
      } else if (e.kind == Kind.DEVPRIV) {
        prot = e.page.device == d.id ? 0x20 | (e.writable ? 2 : 1) : 0;
      } else if (e.page.zero) {
        prot = 0x11;
      } else {
        prot = e.writable ? 2 : 1;
      }
      out[v - r.first()] = prot;
    }
    return out;
  }

  /** Invalidation of pages {@code [r]} of {@code mm} in every device but {@code owner}. */
  private void invalidateOthers(Mm mm, PageRange r, int owner) {
    for (Dev d : devs) {
      if (d.mm == mm && d.id != owner) {
        for (int v = r.first(); v <= r.last(); v++) {
          d.t[v] = null;
        }
      }
    }
  }

  /** {@code HMM_DMIRROR_MIGRATE_TO_DEV}. */
  private int toDevice(Dev d, PageRange r) {
    for (int v = r.first(); v <= r.last(); v++) {
      if (d.mm.vma[v] == null || !d.mm.vma[v].read) {
        return EINVAL;
      }
    }
    invalidateOthers(d.mm, r, d.id); // the owner-tagged MIGRATE event
    // the driver drops its own translations of the pages that migrate (each is mapped anew below);
    // it keeps those of the others, its own private pages among them
    for (int v = r.first(); v <= r.last(); v++) {
      Pte e = d.mm.pt[v];
      Vma vma = d.mm.vma[v];
      if (e == null || e.kind != Kind.PRESENT || e.page.zero || e.page.device >= 0
          || vma.file != null) {
        continue;
      }
      boolean w = e.writable;
      Page dp = new Page(e.page.value, false, d.id);
      if (moveEverywhere(e.page, dp, d.mm, v)) {
        d.t[v] = new Tr(dp, w, false);
      }
    }
    for (int v = r.first(); v <= r.last(); v++) {
      if (d.t[v] == null) {
        return ENOENT;
      }
    }
    return 0;
  }

  /** {@code dmirror_devmem_fault}: device {@code owner}'s private page at {@code v} back to RAM. */
  private void toRam(Mm mm, int v, int owner) {
    invalidateOthers(mm, new PageRange(v, v), owner); // the owner-tagged MIGRATE event
    Pte e = mm.pt[v];
    if (e == null || e.kind != Kind.DEVPRIV || e.page.device != owner) {
      return;
    }
    for (Dev d : devs) {
      if (d.id == owner && d.mm == mm) {
        d.t[v] = null; // the driver's own mappings, before the copy
      }
    }
    moveEverywhere(e.page, new Page(e.page.value, false, -1), mm, v);
  }

  /** {@code HMM_DMIRROR_EXCLUSIVE}. */
  private int exclusive(Dev d, PageRange r) {
    for (int v = r.first(); v <= r.last(); v++) {
      Vma vma = d.mm.vma[v];
      Pte e = d.mm.pt[v];
      while (e == null || e.kind != Kind.PRESENT || !e.writable) {
        if (!handleFault(d.mm, v, true)) {
          return EFAULT;
        }
        e = d.mm.pt[v];
      }
      if (vma.file != null) {
        return EOPNOTSUPP;
      }
      invalidate(d.mm, v); // the EXCLUSIVE invalidation
      d.mm.pt[v] = new Pte(Kind.EXCLUSIVE, e.page, true, 0, d.id);
      d.t[v] = new Tr(e.page, false, true);
    }
    return 0;
  }

  private int checkAtomic(Dev d, PageRange r) {
    for (int v = r.first(); v <= r.last(); v++) {
      if (d.t[v] != null && d.t[v].atomic) {
        return EPERM;
      }
    }
    return 0;
  }
}

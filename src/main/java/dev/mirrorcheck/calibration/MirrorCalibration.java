package dev.mirrorcheck.calibration;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntArray;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;
import dev.mirrorcheck.sync.World;
import java.util.function.BooleanSupplier;

/**
 * The speed yardstick of {@code mirrorcheck bench} (with {@code --jpf}, against Java PathFinder): a
 * tiny interval-notifier mirror with one invalidating actor, N faulting actors and one device actor,
 * ported to the facade. The faulter's busy wait on an odd {@code seq} becomes a sleep on a wait
 * queue (what {@code mmu_interval_read_begin} does); {@code synchronized} blocks become mutexes and
 * volatile fields shared cells.
 *
 * <p>The buggy variant drops the retry check under the driver lock, so a faulter can map a frame the
 * invalidation has already freed.
 *
 * <p>Actor bodies and the wait condition are named classes, not lambdas, so that Java PathFinder's VM
 * runs the same program without {@code invokedynamic} ({@code dev.mirrorcheck.jpf.CalibrationMain}).
 */
public final class MirrorCalibration implements Harness {
  static final int NONE = -1;

  private final int pages;
  private final int faulters;
  private final boolean buggy;

  public MirrorCalibration(int pages, int faulters, boolean buggy) {
    if (pages < 1 || pages > 8 || faulters < 1 || faulters > 6) {
      throw new IllegalArgumentException(
          "calibration needs 1..8 pages and 1..6 faulters, got " + pages + " and " + faulters);
    }
    this.pages = pages;
    this.faulters = faulters;
    this.buggy = buggy;
  }

  public String describe() {
    return (buggy ? "buggy" : "correct") + " " + pages + " pages / " + faulters + " faulter(s)";
  }

  @Override
  public void build(World world) {
    Model m = new Model(world.sync(), pages, buggy);
    world.actor("invalidate", new Invalidate(m));
    Actor[] faulting = new Actor[faulters];
    for (int i = 0; i < faulters; i++) {
      faulting[i] = world.actor("fault" + i, new Fault(m));
    }
    world.actor("device", new Device(m));
    world.symmetric(faulting); // every faulter runs the same code over the same pages
  }

  /** Thread A of the original program. */
  static final class Invalidate implements Runnable {
    private final Model m;

    Invalidate(Model m) {
      this.m = m;
    }

    @Override
    public void run() {
      m.invalidate();
    }
  }

  /** A thread B of the original program: faults every page in turn. */
  static final class Fault implements Runnable {
    private final Model m;

    Fault(Model m) {
      this.m = m;
    }

    @Override
    public void run() {
      for (int p = 0; p < m.pages; p++) {
        m.fault(p);
      }
    }
  }

  /** Thread C of the original program. */
  static final class Device implements Runnable {
    private final Model m;

    Device(Model m) {
      this.m = m;
    }

    @Override
    public void run() {
      m.device();
    }
  }

  /** {@code mmu_interval_read_begin}'s wait: until {@code seq} is even; keeps the value read. */
  static final class SeqEven implements BooleanSupplier {
    private final LongCell seq;
    long seen;

    SeqEven(LongCell seq) {
      this.seq = seq;
    }

    @Override
    public boolean getAsBoolean() {
      seen = seq.get("fault:read_seq");
      return (seen & 1) == 0;
    }
  }

  /** The shared state and the three roles. */
  static final class Model {
    private final Sync sync;
    final int pages;
    private final boolean buggy;
    private final IntArray cpuPte;
    private final IntArray devPte;
    private final IntArray freed;
    private final Mutex lock; // device page table lock (driver lock)
    private final Mutex ptl; // CPU page table lock
    private final LongCell seq; // odd while an invalidation is in progress
    private final BoolCell invalDone;
    private final WaitQueue seqWait;

    Model(Sync sync, int pages, boolean buggy) {
      this.sync = sync;
      this.pages = pages;
      this.buggy = buggy;
      cpuPte = sync.newIntArray("cpuPte", pages, 0);
      devPte = sync.newIntArray("devPte", pages, NONE);
      freed = sync.newIntArray("freed", pages, 0);
      for (int p = 0; p < pages; p++) {
        cpuPte.poke(p, p);
      }
      lock = sync.newMutex("lock");
      ptl = sync.newMutex("ptl");
      seq = sync.newLong("seq", 0);
      invalDone = sync.newBool("invalDone", false);
      seqWait = sync.newWaitQueue("seq_wait");
    }

    void invalidate() {
      seq.getAndAdd("inval:seq_begin", 1);
      lock.lock("inval:lock");
      for (int p = 0; p < pages; p++) {
        devPte.set("inval:zap_dev_pte", p, NONE);
      }
      lock.unlock("inval:unlock");
      int[] old = new int[pages];
      ptl.lock("inval:ptl_lock");
      for (int p = 0; p < pages; p++) {
        old[p] = cpuPte.get("inval:read_cpu_pte", p);
        cpuPte.set("inval:clear_cpu_pte", p, NONE);
      }
      ptl.unlock("inval:ptl_unlock");
      seq.getAndAdd("inval:seq_end", 1);
      seqWait.wakeAll("inval:wake");
      invalDone.set("inval:done", true);
      ptl.lock("inval:ptl_lock_free");
      for (int p = 0; p < pages; p++) {
        if (old[p] != NONE) {
          freed.set("inval:free_frame", old[p], 1);
        }
      }
      ptl.unlock("inval:ptl_unlock_free");
    }

    void fault(int p) {
      while (true) {
        SeqEven begin = new SeqEven(seq);
        seqWait.waitUntil("fault:read_begin", begin);
        ptl.lock("fault:ptl_lock");
        int pfn = cpuPte.get("fault:snapshot", p);
        ptl.unlock("fault:ptl_unlock");
        if (pfn == NONE) {
          return;
        }
        lock.lock("fault:lock");
        if (!buggy && seq.get("fault:read_retry") != begin.seen) {
          lock.unlock("fault:unlock_retry");
          continue;
        }
        devPte.set("fault:install", p, pfn);
        lock.unlock("fault:unlock");
        return;
      }
    }

    void device() {
      if (!invalDone.get("device:check_done")) {
        return;
      }
      lock.lock("device:lock");
      for (int p = 0; p < pages; p++) {
        int f = devPte.get("device:read_dev_pte", p);
        if (f != NONE) {
          ptl.lock("device:ptl_lock");
          boolean isFreed = freed.get("device:read_freed", f) != 0;
          ptl.unlock("device:ptl_unlock");
          sync.check(!isFreed, "S3", "device PTE of page " + p + " maps freed frame " + f);
        }
      }
      lock.unlock("device:unlock");
    }
  }
}

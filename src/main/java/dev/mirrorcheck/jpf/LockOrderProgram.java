package dev.mirrorcheck.jpf;

import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.LongCell;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.RwSem;
import dev.mirrorcheck.sync.StateCheck;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.World;

/**
 * A two-lock program in the shape of mutation M14: {@code munmap} holds {@code mmap_lock} for write
 * and its notifier callback takes the driver lock; the fault path walks the CPU page table under
 * {@code mmap_lock} for read and installs under the driver lock after a sequence-count retry check.
 * Correct, it takes the driver lock only after the walk; buggy, it holds the driver lock across the
 * walk, so the two paths can each hold the lock the other waits for (a deadlock). At the end the
 * device PTE must not map a frame the CPU PTE no longer maps (S3).
 */
public final class LockOrderProgram implements Harness {
  static final int NONE = -1;
  static final int FRAME = 7;

  private final boolean buggy;

  public LockOrderProgram(boolean buggy) {
    this.buggy = buggy;
  }

  public String describe() {
    return (buggy ? "buggy (driver lock held across the walk)" : "correct") + " lock order";
  }

  @Override
  public void build(World world) {
    Model m = new Model(world.sync(), buggy);
    world.actor("munmap", new Munmap(m));
    world.actor("fault", new Fault(m));
    world.atEnd("S3", new NoStaleDevicePte(m));
  }

  /** The unmapping thread. */
  static final class Munmap implements Runnable {
    private final Model m;

    Munmap(Model m) {
      this.m = m;
    }

    @Override
    public void run() {
      m.munmap();
    }
  }

  /** The device fault thread. */
  static final class Fault implements Runnable {
    private final Model m;

    Fault(Model m) {
      this.m = m;
    }

    @Override
    public void run() {
      m.fault();
    }
  }

  /** The end check: a device PTE maps nothing, or the frame the CPU PTE maps. */
  static final class NoStaleDevicePte implements StateCheck {
    private final Model m;

    NoStaleDevicePte(Model m) {
      this.m = m;
    }

    @Override
    public String violation() {
      int dev = m.devPte.peek();
      int cpu = m.cpuPte.peek();
      return dev == NONE || dev == cpu ? null
          : "device PTE maps frame " + dev + " but the CPU PTE maps " + cpu;
    }
  }

  /** The shared state and the two paths. */
  static final class Model {
    private final boolean buggy;
    private final RwSem mmapLock;
    private final Mutex driverLock;
    private final LongCell seq;
    final IntCell cpuPte;
    final IntCell devPte;

    Model(Sync sync, boolean buggy) {
      this.buggy = buggy;
      mmapLock = sync.newRwSem("mmap_lock", true);
      driverLock = sync.newMutex("driver_lock");
      seq = sync.newLong("seq", 0);
      cpuPte = sync.newInt("cpuPte", FRAME);
      devPte = sync.newInt("devPte", NONE);
    }

    void munmap() {
      mmapLock.downWrite("munmap:mmap_write_lock");
      seq.getAndAdd("munmap:seq_begin", 1);
      driverLock.lock("munmap:driver_lock"); // the driver's invalidate callback
      devPte.set("munmap:zap_dev_pte", NONE);
      driverLock.unlock("munmap:driver_unlock");
      cpuPte.set("munmap:clear_cpu_pte", NONE);
      seq.getAndAdd("munmap:seq_end", 1);
      mmapLock.upWrite("munmap:mmap_write_unlock");
    }

    void fault() {
      while (true) {
        if (buggy) {
          driverLock.lock("fault:driver_lock_early"); // M14: held across the walk
        }
        mmapLock.downRead("fault:mmap_read_lock");
        long s = seq.get("fault:read_begin");
        int pfn = cpuPte.get("fault:walk");
        mmapLock.upRead("fault:mmap_read_unlock");
        if (!buggy) {
          driverLock.lock("fault:driver_lock");
        }
        if (pfn == NONE) {
          driverLock.unlock("fault:driver_unlock_none");
          return;
        }
        if (seq.get("fault:read_retry") != s) {
          driverLock.unlock("fault:driver_unlock_retry");
          continue;
        }
        devPte.set("fault:install", pfn);
        driverLock.unlock("fault:driver_unlock");
        return;
      }
    }
  }
}

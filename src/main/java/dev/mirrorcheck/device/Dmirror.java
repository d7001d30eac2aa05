package dev.mirrorcheck.device;

import dev.mirrorcheck.driver.DeviceMmu;
import dev.mirrorcheck.driver.DriverFactory;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.DriverNotifierOps;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.ghost.Ghost;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.sync.Mutex;
import dev.mirrorcheck.sync.Sync;

/**
 * {@code struct dmirror}: one open of a device file, mirroring one mm through an interval notifier
 * over the whole address space with the device's translation hardware, and running a
 * {@link MirrorDriver} on them: the test driver's ({@link DmirrorDriver}) unless another is given.
 * Its notifier's {@code ops} ({@link DriverNotifierOps}) call the driver's callback and record for
 * the properties when the callback returned, so the driver reports nothing itself.
 */
public final class Dmirror {
  /** Fault rounds before giving up with -EBUSY ({@code HMM_RANGE_DEFAULT_TIMEOUT}). */
  public static final int DEFAULT_FAULT_BUDGET = DmirrorDriver.DEFAULT_FAULT_BUDGET;

  private final DmirrorDevice device;
  private final Mm mm;
  private final String name;
  private final Sync sync;
  private final Ghost ghost;
  private final Mutations mut;
  private final DriverKernel kernel;
  private final MirrorDriver driver;
  private final GhostMirror gm;
  private final DeviceMmu mmu;
  private final IntervalNotifier notifier;
  private DeviceFile file;
  private boolean fileTracked;

  /** The test driver's mirror of {@code mm} on {@code device} (set-up); {@link #open} inserts it. */
  public Dmirror(DmirrorDevice device, Mm mm, String name) {
    this(device, mm, name, null);
  }

  /**
   * The mirror of {@code mm} on {@code device} run by the driver {@code factory} makes (null: the
   * test driver), during set-up; {@link #open} inserts it.
   */
  public Dmirror(DmirrorDevice device, Mm mm, String name, DriverFactory factory) {
    this.device = device;
    this.mm = mm;
    this.name = name;
    this.sync = mm.sync();
    this.ghost = mm.ghost();
    this.mut = device.mutations();
    this.kernel = new DriverKernel(mm, name, device.id());
    // the driver's locks first: the facade numbers objects in creation order
    this.driver = factory == null ? new DmirrorDriver(kernel, mut) : factory.create(kernel);
    this.gm = ghost.newMirror(name, mm.id(), mm.pages());
    this.mmu = new DeviceMmu(mm.mem(), gm, name, mm.pages());
    this.notifier = new IntervalNotifier(sync, name + ".notifier", 0, mm.pages(),
        new DriverNotifierOps(driver, ghost, mmu, device.id()),
        ghost.newSub(name + ".notifier", 0, mm.pages(), gm));
    kernel.bind(notifier, mmu);
    device.addMirror(this);
  }

  public DmirrorDevice device() {
    return device;
  }

  public Mm mm() {
    return mm;
  }

  public String name() {
    return name;
  }

  /** The driver's page-table lock ({@code dmirror->mutex}), or null if its driver declared none. */
  public Mutex lock() {
    return kernel.pageTableLock();
  }

  public DeviceMmu mmu() {
    return mmu;
  }

  public IntervalNotifier notifier() {
    return notifier;
  }

  public GhostMirror ghostMirror() {
    return gm;
  }

  /** The driver this mirror runs. */
  public MirrorDriver driver() {
    return driver;
  }

  /** The test driver, for its own ioctls; fails for another driver. */
  DmirrorDriver dmirror() {
    if (!(driver instanceof DmirrorDriver)) {
      throw new IllegalStateException(name + " runs " + driver.getClass().getName()
          + ", not the test driver");
    }
    return (DmirrorDriver) driver;
  }

  Mutations mutations() {
    return mut;
  }

  // ------------------------------------------------------------------ lifecycle

  /** {@code dmirror_fops_open} during world set-up: inserts the notifier into an idle mm. */
  public Dmirror openAtSetup() {
    mm.notifier().insertAtSetup(notifier);
    return this;
  }

  /**
   * Set-up, for a mirror a scenario opens or closes while it runs: its ioctls then hold a file
   * reference ({@code fdget}) and fail with {@code -EBADF} while the file is not open, and
   * {@link #release} waits for the ones in flight (the VFS runs {@code ->release} when the last
   * reference goes). A mirror open throughout needs none of it.
   */
  public void trackFile(boolean openAtStart) {
    file = new DeviceFile(sync, name, openAtStart);
    fileTracked = true;
  }

  /** {@code dmirror_fops_open}: {@code mmu_interval_notifier_insert} over the whole mm. */
  public void open() {
    kernel.mmuIntervalNotifierInsert("open");
    if (fileTracked) {
      file.open("open");
    }
  }

  /**
   * {@code ->release} once the last file reference is gone: the driver drops its translations and
   * removes the notifier, then the mirror is freed.
   */
  public void release() {
    if (fileTracked) {
      file.closeAndDrain("release");
    }
    driver.release("release");
    sync.atomic("release:kfree", () -> ghost.subFreed(notifier.ghost()));
  }

  /**
   * {@code fdget} for an ioctl: false ({@code -EBADF}) when the file is not open; otherwise the
   * caller holds a reference until {@link #filePut}.
   */
  public boolean fileGet(String role) {
    return !fileTracked || file.get(role);
  }

  /** {@code fdput}. */
  public void filePut(String role) {
    if (fileTracked) {
      file.put(role);
    }
  }

  // ------------------------------------------------------------------ the driver's entry points

  /**
   * A device fault on {@code [start, end)}: the driver's handler, once per fault window the device
   * reports ({@link MirrorDriver#faultWindowPages}) until one fails; each result is recorded.
   */
  public int fault(String role, int start, int end, boolean write) {
    int window = Math.max(1, driver.faultWindowPages());
    int rc = 0;
    int lo = start;
    while (rc == 0 && lo < end) {
      int hi = end - lo > window ? lo + window : end;
      rc = driver.fault(role, lo, hi, write);
      ghost.faultRet(notifier.ghost(), lo, hi, rc);
      lo = hi;
    }
    return rc;
  }

  @Override
  public String toString() {
    return name;
  }
}

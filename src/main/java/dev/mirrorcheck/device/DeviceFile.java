package dev.mirrorcheck.device;

import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.sync.BoolCell;
import dev.mirrorcheck.sync.IntCell;
import dev.mirrorcheck.sync.Sync;
import dev.mirrorcheck.sync.WaitQueue;

/**
 * An open {@code /dev/hmm_dmirrorN}: whether it is open, and how many ioctls hold a reference
 * ({@code fdget}); the last reference runs {@code ->release}.
 */
final class DeviceFile {
  private final Sync sync;
  private final BoolCell open;
  private final IntCell users;
  private final WaitQueue wq;

  DeviceFile(Sync sync, String name, boolean openAtStart) {
    this.sync = sync;
    open = sync.newBool(name + ".file.open", openAtStart);
    users = sync.newInt(name + ".file.users", 0);
    wq = sync.newWaitQueue(name + ".file.wq");
  }

  /** {@code fdget}: false while the file is not open, else one more reference. */
  boolean get(String role) {
    String label = role + ":fdget";
    return Steps.atomic(sync, label, () -> {
      if (!open.get(label)) {
        return false;
      }
      users.set(label, users.get(label) + 1);
      return true;
    });
  }

  /** {@code fdput}. */
  void put(String role) {
    users.getAndAdd(role + ":fdput", -1);
    wq.wakeAll(role + ":fdput");
  }

  /** The file is open: ioctls may start. */
  void open(String role) {
    open.set(role + ":file_open", true);
  }

  /** {@code close}: no ioctl starts any more; returns once the ones in flight dropped theirs. */
  void closeAndDrain(String role) {
    open.set(role + ":file_close", false);
    wq.waitUntil(role + ":last_fdput", () -> users.get(role + ":last_fdput") == 0);
  }
}

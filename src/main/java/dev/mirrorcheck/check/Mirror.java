package dev.mirrorcheck.check;

import dev.mirrorcheck.device.DevPte;
import dev.mirrorcheck.device.DeviceMmu;
import dev.mirrorcheck.device.Dmirror;
import dev.mirrorcheck.ghost.GhostMirror;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.notifier.IntervalNotifier;
import dev.mirrorcheck.odp.IbUmemOdp;
import dev.mirrorcheck.sync.Mutex;

/**
 * What the checkers need of one mirror, dmirror or ODP umem alike: its address space, translation
 * hardware, interval notifier, driver lock ({@code D.lock}), the device whose private memory and
 * migrations it owns (-1 for ODP) and the pages its notifier covers.
 */
final class Mirror {
  final String name;
  final Mm mm;
  final DeviceMmu mmu;
  final GhostMirror ghost;
  final IntervalNotifier notifier;
  final Mutex lock;
  final int device;
  final int first;
  final int end;

  private Mirror(String name, Mm mm, DeviceMmu mmu, GhostMirror ghost, IntervalNotifier notifier,
      Mutex lock, int device) {
    this.name = name;
    this.mm = mm;
    this.mmu = mmu;
    this.ghost = ghost;
    this.notifier = notifier;
    this.lock = lock;
    this.device = device;
    this.first = notifier.start();
    this.end = notifier.end();
  }

  static Mirror of(Dmirror d) {
    return new Mirror(d.name(), d.mm(), d.mmu(), d.ghostMirror(), d.notifier(), d.lock(),
        d.device().id());
  }

  static Mirror of(IbUmemOdp u) {
    return new Mirror(u.name(), u.mm(), u.mmu(), u.ghostMirror(), u.notifier(), u.umemMutex(), -1);
  }

  /** This mirror's bit in the ghost's per-frame masks. */
  int bit() {
    return 1 << ghost.id();
  }

  /** Whether this mirror maps {@code frame} writable at some page other than {@code except} (peek). */
  boolean mapsWritable(int frame, int except) {
    boolean found = false;
    for (int v = first; v < end; v++) {
      DevPte e = mmu.pt().peek(v);
      found |= v != except && e != null && e.writable() && e.frame() == frame;
    }
    return found;
  }

  @Override
  public String toString() {
    return name;
  }
}

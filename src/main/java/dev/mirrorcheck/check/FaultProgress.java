package dev.mirrorcheck.check;

import dev.mirrorcheck.ghost.GhostListener;
import dev.mirrorcheck.ghost.GhostSub;
import dev.mirrorcheck.mm.Mm;
import dev.mirrorcheck.sync.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** L3: faults return and retry only because of invalidations (bounded form). */
final class FaultProgress extends BaseProperty {

  FaultProgress() {
    super("L3", "fault progress", ALL, by(CheckedBy.EVENT, CheckedBy.END),
        "Bounded form for every device fault (dmirror fault, snapshot, ODP page fault and "
            + "prefetch): it returns in every complete execution, and it retries (goes round its "
            + "read_begin / hmm_range_fault / read_retry loop again, or sees check_retry or "
            + "read_retry report a collision) at most as many times as invalidations of its mm "
            + "were in flight when it began or started while it ran; so once invalidations stop, "
            + "the next round succeeds or fails with -EFAULT/-EPERM, and -EBUSY comes only from a "
            + "real stream of invalidations (HMM_RANGE_DEFAULT_TIMEOUT). Starvation by an "
            + "unbounded stream of invalidations is accepted design behaviour (M. Hairgrove's Sep 2015 review). A PASS means no "
            + "fault livelocked on a stale sequence or a lost collision check.",
        "Converse (a fault that could succeed does not give up): the scenarios' expect clauses "
            + "(expect 10, expect ok) reject a fault that fails with -EFAULT or -EBUSY while the page "
            + "is there and no invalidation is left.");
  }

  /** A fault in progress, as its own actor saw it. */
  private static final class Fault {
    int rounds;
    int collisions;
    final int activeAtBegin;
    final int startsAtBegin;

    Fault(int active, int starts) {
      activeAtBegin = active;
      startsAtBegin = starts;
    }
  }

  @Override
  void install(World world, View view) {
    StartLedger ledger = StartLedger.install(view, id());
    PerActor<Map<GhostSub, Fault>> faults = new PerActor<>(view.sync, LinkedHashMap::new);
    // A named class rather than an anonymous one: Java PathFinder would give FaultProgress$1 to a
    // lambda here as well.
    view.ghost.addListener(new RetryListener(view, ledger, faults));
    world.atEnd(id(), () -> {
      for (Map<GhostSub, Fault> open : faults.all()) {
        if (!open.isEmpty()) {
          return "a fault on " + open.keySet().iterator().next() + " began but never returned";
        }
      }
      return null;
    });
  }

  /** Counts each fault's read_begin rounds and collisions against the invalidations it met. */
  private final class RetryListener implements GhostListener {
    private final View view;
    private final StartLedger ledger;
    private final PerActor<Map<GhostSub, Fault>> faults;

    RetryListener(View view, StartLedger ledger, PerActor<Map<GhostSub, Fault>> faults) {
      this.view = view;
      this.ledger = ledger;
      this.faults = faults;
    }

    /** Inside read_begin's S.lock step, which is ordered with every start already. */
    @Override
    public void readBegin(GhostSub sub, long seq) {
      Fault f = fault(sub);
      f.rounds++;
      bounded(sub, f, Math.max(f.rounds - 1, f.collisions));
    }

    /** Counted only: the invalidation behind it is checked at the next read_begin or return. */
    @Override
    public void collision(GhostSub sub, long seq) {
      fault(sub).collisions++;
    }

    @Override
    public void faultRet(GhostSub sub, int start, int end, int rc) {
      Fault f = faults.get().remove(sub);
      if (f != null && f.collisions > f.rounds - 1) {
        bounded(sub, f, f.collisions);
      }
    }

    private Fault fault(GhostSub sub) {
      return faults.get().computeIfAbsent(sub,
          s -> new Fault(active(view, s), starts(view, ledger, s)));
    }

    /** Every retry needs an invalidation that set the subscription's seq after its sample (mm/mmu_notifier.c). */
    private void bounded(GhostSub sub, Fault f, int retries) {
      int hits = f.activeAtBegin + starts(view, ledger, sub) - f.startsAtBegin;
      if (retries > hits) {
        fail(view, sub + " fault retried " + retries + " times with only " + hits
            + " invalidations in flight or started since it began");
      }
    }
  }

  /** The address spaces a subscription can be invalidated through: its mirror's, else all. */
  private static List<Mm> spaces(View view, GhostSub sub) {
    Mirror m = view.mirrorOfSub(sub);
    return m != null ? List.of(m.mm) : view.mms;
  }

  private static int active(View view, GhostSub sub) {
    int n = 0;
    for (Mm mm : spaces(view, sub)) {
      n += mm.notifier().activeCell().peek();
    }
    return n;
  }

  private static int starts(View view, StartLedger ledger, GhostSub sub) {
    int n = 0;
    for (Mm mm : spaces(view, sub)) {
      n += ledger.begun(mm);
    }
    return n;
  }
}

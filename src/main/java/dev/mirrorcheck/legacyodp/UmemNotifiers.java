package dev.mirrorcheck.legacyodp;

import com.google.common.collect.ImmutableList;
import dev.mirrorcheck.mm.Steps;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.notifier.MmuNotifier;
import dev.mirrorcheck.notifier.MmuNotifierOps;
import dev.mirrorcheck.notifier.NotifierRange;

/**
 * {@code ib_umem_notifiers} (v4.x {@code umem_odp.c}): start accounts the running
 * invalidation in the context and in every overlapping umem, then zaps and unmaps it; end bumps
 * {@code notifiers_seq}, drops the count and completes the waiters; release kills every umem.
 */
final class UmemNotifiers implements MmuNotifierOps {
  private final IbUcontext ctx;

  UmemNotifiers(IbUcontext ctx) {
    this.ctx = ctx;
  }

  /** {@code ib_umem_notifier_invalidate_range_start}. */
  @Override
  public void invalidateRangeStart(MmuNotifier mn, NotifierRange range) {
    String role = "inval";
    ctx.notifierCount().getAndAdd(role + ":ib_ucontext_notifier_start_account", 1);
    ctx.umemRwsem().downRead(role + ":umem_rwsem_read");
    for (IbUmem u : overlapping(role, range)) {
      u.startAccount(role);
      u.invalidateRange(role, range.start(), range.end());
    }
    if (!holdsRwsemAcrossRange()) {
      ctx.umemRwsem().upRead(role + ":umem_rwsem_unlock");
    }
  }

  /** {@code ib_umem_notifier_invalidate_range_end}. */
  @Override
  public void invalidateRangeEnd(MmuNotifier mn, NotifierRange range) {
    String role = "inval_end";
    if (!holdsRwsemAcrossRange()) {
      ctx.umemRwsem().downRead(role + ":umem_rwsem_read");
    }
    for (IbUmem u : overlapping(role, range)) {
      u.endAccount(role);
    }
    ctx.umemRwsem().upRead(role + ":umem_rwsem_unlock");
    ucontextEndAccount(role);
  }

  /** {@code ib_umem_notifier_release}: every umem dies; its waiters are released, pages unmapped. */
  @Override
  public void release(MmuNotifier mn) {
    String role = "release";
    ctx.notifierCount().getAndAdd(role + ":ib_ucontext_notifier_start_account", 1);
    ctx.umemRwsem().downRead(role + ":umem_rwsem_read");
    for (IbUmem u : ctx.umemTree().get(role + ":umem_tree")) {
      u.startAccount(role);
      u.sync().atomic(role + ":dying", () -> {
        u.dying().set(role + ":dying", true);
        u.completion().completeAllInStep(role + ":dying");
      });
      u.completion().wake(role + ":complete_all");
      u.invalidateRange(role, u.start(), u.end());
    }
    ctx.umemRwsem().upRead(role + ":umem_rwsem_unlock");
  }

  /**
   * M16: the 2018 {@code ib_ucontext_per_mm} code (ca748c39ea3f) holds {@code umem_rwsem} for read
   * from start to end.
   */
  private boolean holdsRwsemAcrossRange() {
    return ctx.mm().mutations().has(Mutation.M16); // M16: undoes "RDMA/odp: Use mmu_range_notifier_insert()" (rwsem read side from start to end)
  }

  /**
   * {@code ib_ucontext_notifier_end_account}: the last running invalidation gives the umems queued on
   * {@code no_private_counters} their own counters, under {@code umem_rwsem} for write.
   */
  private void ucontextEndAccount(String role) {
    int before = ctx.notifierCount().getAndAdd(role + ":ib_ucontext_notifier_end_account", -1);
    if (before != 1
        || ctx.noPrivateCounters().get(role + ":no_private_counters").isEmpty()) {
      return;
    }
    ctx.umemRwsem().downWrite(role + ":umem_rwsem_write");
    ImmutableList<IbUmem> queued = Steps.atomic(ctx.sync(), role + ":no_private_counters", () -> {
      String label = role + ":no_private_counters";
      if (ctx.notifierCount().get(label) != 0) {
        return ImmutableList.<IbUmem>of();
      }
      ImmutableList<IbUmem> q = ctx.noPrivateCounters().get(label);
      ctx.noPrivateCounters().set(label, ImmutableList.of());
      return q;
    });
    for (IbUmem u : queued) {
      u.activateCounters(role);
    }
    ctx.umemRwsem().upWrite(role + ":umem_rwsem_unlock");
  }

  /** {@code rbt_ib_umem_for_each_in_range}: the umems overlapping {@code range}. */
  private ImmutableList<IbUmem> overlapping(String role, NotifierRange range) {
    ImmutableList.Builder<IbUmem> b = ImmutableList.builder();
    for (IbUmem u : ctx.umemTree().get(role + ":umem_tree")) {
      if (range.overlaps(u.start(), u.end())) {
        b.add(u);
      }
    }
    return b.build();
  }
}

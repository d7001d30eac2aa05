package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.WaitQueue;
import java.util.function.BooleanSupplier;

/**
 * Wait queue under the explorer: sleepers register in one step and are woken by a later
 * {@link #wakeAll}. The races are {@link WaitQueueHistory}'s.
 */
final class XWaitQueue extends Target implements WaitQueue {
  private final WaitQueueHistory history;
  private int sleepers;

  XWaitQueue(Execution ex, String name, int id) {
    super(ex, name, id);
    this.history = new WaitQueueHistory(ex.races);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void waitUntil(String label, BooleanSupplier condition) {
    while (true) {
      XActor t = ex.enterOp(Pending.WAIT, this, label);
      if (t == null) {
        if (condition.getAsBoolean()) {
          return;
        }
        throw ex.notInSetup(label, "sleep on " + name);
      }
      ex.contextDependent("checks a wait condition on ", name, "");
      if (ex.evaluateInStep(t, condition)) {
        if (ex.logging) ex.log(this, "wait_event", "condition true");
        return;
      }
      if (t.inAtomic) {
        throw ex.blockingInAtomic(label, "sleep on " + name);
      }
      register(t, condition);
      if (ex.logging) ex.log(this, "wait_event", "sleeps");
    }
  }

  @Override
  public void sleep(String label) {
    XActor t = ex.enterOp(Pending.SLEEP, this, label);
    if (t == null || t.inAtomic) {
      throw ex.notInSetup(label, "sleep on " + name);
    }
    register(t, null);
    if (ex.logging) ex.log(this, "sleep", null);
    ex.enterOp(Pending.RESUME, this, label);
    if (ex.logging) ex.log(this, "woken", null);
  }

  private void register(XActor t, BooleanSupplier condition) {
    ex.syncAccess(t, this, Access.WQ_REGISTER);
    history.registered(t);
    sleepers++;
    t.sleeping = true;
    t.sleepingOn = this;
    t.sleepCondition = condition;
    t.sleepingSince = ex.openEvent();
  }

  @Override
  public void wakeAll(String label) {
    XActor t = ex.enterOp(Pending.WAKE, this, label);
    if (t == null) {
      return;
    }
    ex.contextDependent("wakes whoever sleeps on ", name, "");
    ex.syncAccess(t, this, Access.WQ_WAKE);
    long woken = 0;
    if (sleepers > 0) {
      woken = ex.wakeSleepersOn(this, ex.openEvent());
      sleepers = 0;
    }
    history.woke(t, woken);
    if (ex.logging) ex.log(this, "wake_up_all", Long.bitCount(woken) + " woken");
  }
}

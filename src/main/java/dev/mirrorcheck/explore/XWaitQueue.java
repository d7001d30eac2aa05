package dev.mirrorcheck.explore;

import dev.mirrorcheck.sync.WaitQueue;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Wait queue under the explorer. Queueing races with the last wake-up (it may be queued before it);
 * a wake-up races with the queueings since the previous one. A woken actor's next step happens after
 * the wake-up that woke it.
 */
final class XWaitQueue extends Target implements WaitQueue {
  private int lastWake = -1;
  private final int[] registrations = new int[Trace.MAX_ACTORS];
  private boolean anyRegistrations;

  XWaitQueue(Execution ex, String name, int id) {
    super(ex, name, id);
    Arrays.fill(registrations, -1);
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
    ex.raceUnlessOrdered(t, lastWake);
    ex.joinEvent(t, lastWake);
    registrations[t.id] = ex.openEvent();
    anyRegistrations = true;
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
    ex.syncAccess(t, this, Access.WQ_WAKE);
    int e = ex.openEvent();
    int woken = 0;
    if (anyRegistrations) {
      ex.raceWithAll(t, registrations, -1);
      Arrays.fill(registrations, -1);
      anyRegistrations = false;
      woken = ex.wakeSleepersOn(this, e);
    }
    lastWake = e;
    if (ex.logging) ex.log(this, "wake_up_all", woken + " woken");
  }
}

package dev.mirrorcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** {@code wait_queue_head_t} of the native runtime: sleepers run again only after a wake-up. */
final class NativeWaitQueue extends NativeScheduler.Blocker implements WaitQueue {
  private final NativeScheduler scheduler;
  private final String name;
  private final List<NativeActor> sleepers = new ArrayList<>(); // as the locks' fields

  NativeWaitQueue(NativeScheduler scheduler, String name) {
    this.scheduler = scheduler;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void waitUntil(String label, BooleanSupplier condition) {
    NativeActor me = scheduler.point(NativeScheduler.MAY_BLOCK, null);
    NativeActor sleeper = null;
    // The condition is tested and the sleeper queued in one step, so no wake-up falls in between.
    synchronized (scheduler.guard(me)) {
      while (!scheduler.evaluate(me, condition)) {
        if (sleeper == null) {
          sleeper = scheduler.orFree(me);
        }
        sleep(sleeper, condition, label);
      }
    }
  }

  @Override
  public void wakeAll(String label) {
    NativeActor me = scheduler.point();
    synchronized (scheduler.guard(me)) {
      for (int i = 0; i < sleepers.size(); i++) {
        NativeActor a = sleepers.get(i);
        a.sleeping = false;
        a.sleepCondition = null;
      }
      sleepers.clear();
    }
    scheduler.released(me);
  }

  @Override
  public void sleep(String label) {
    NativeActor me = scheduler.point(NativeScheduler.MAY_BLOCK, null);
    synchronized (scheduler.guard(me)) {
      sleep(scheduler.orFree(me), null, label);
    }
  }

  /** Queues {@code me} and blocks until a wake-up; an actor returns holding the baton. */
  private void sleep(NativeActor me, BooleanSupplier condition, String label) {
    me.sleeping = true;
    me.sleepCondition = condition;
    sleepers.add(me);
    while (me.sleeping) {
      scheduler.block(me, this, label);
    }
  }

  @Override
  boolean lets(NativeActor a) {
    return !a.sleeping;
  }

  @Override
  String describe(NativeActor a) {
    return "sleeps on " + name + " and no actor is left to wake it";
  }
}

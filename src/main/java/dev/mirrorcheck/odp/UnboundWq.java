package dev.mirrorcheck.odp;

import dev.mirrorcheck.sync.Actor;
import dev.mirrorcheck.sync.Sync;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code system_unbound_wq} as RDMA drivers use it: each queued work item runs on a kworker of its
 * own, which the scheduler may run at any point after {@code queue_work} returns.
 */
public final class UnboundWq {
  private final Sync sync;
  // work items queued by each actor so far: names the kworkers deterministically per schedule
  private final Map<String, Integer> queued = new HashMap<>();

  public UnboundWq(Sync sync) {
    this.sync = sync;
  }

  /** {@code queue_work(system_unbound_wq, work)}: starts a kworker running {@code body}. */
  public Actor queueWork(String work, Runnable body) {
    Actor self = sync.currentActor();
    String by = self == null ? "setup" : self.name();
    Integer n = queued.get(by);
    int k = n == null ? 0 : n;
    queued.put(by, k + 1);
    return sync.spawn(work + "." + by + (k == 0 ? "" : "." + k), body);
  }
}

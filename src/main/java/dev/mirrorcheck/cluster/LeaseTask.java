package dev.mirrorcheck.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** A lease sent to a worker's member, explored there by its {@link MemberRuns}; returns the outcome. */
final class LeaseTask implements Callable<String>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final String round;
  private final String runId;
  private final int index;
  private final String lease;
  private transient HazelcastInstance hz;

  LeaseTask(String round, String runId, int index, String lease) {
    this.round = round;
    this.runId = runId;
    this.index = index;
    this.lease = lease;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public String call() {
    MemberRuns runs = (MemberRuns) hz.getUserContext().get(ClusterMember.RUNS);
    if (runs == null) {
      throw new IllegalStateException("this member is not a mirrorcheck worker");
    }
    return runs.run(round, runId, index, lease);
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.cluster.ClusterConfig;
import dev.mirrorcheck.cluster.ClusterMember;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.HarnessRef;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code check --cluster CONFIG}: this JVM becomes the coordinator of a cluster and shares each
 * exploration with the workers of the other members. Only constructed when the flag is given, so a
 * plain check never loads the cluster engine.
 */
final class ClusterOption implements AutoCloseable {
  private final ClusterMember member;

  private ClusterOption(ClusterMember member) {
    this.member = member;
  }

  /** Joins (or forms) the cluster of {@code config} as its coordinator, and says so on {@code err}. */
  static ClusterOption coordinator(Path config, PrintWriter err) {
    ClusterConfig c = load(config);
    ClusterMember m;
    try {
      m = ClusterMember.coordinator(c, VersionProvider.version(), err);
    } catch (IllegalArgumentException e) { // ClusterConfig.Invalid: a one-line message
      throw new UserError(e.getMessage());
    }
    err.printf("mirrorcheck: cluster %s: coordinator at %s with %d member(s), %d remote "
        + "worker(s) (members that join later take part too)%n", c.name(), m.address(),
        m.workerMembers().size(), m.remoteWorkers());
    err.flush();
    return new ClusterOption(m);
  }

  static ClusterConfig load(Path config) {
    try {
      return ClusterConfig.load(config);
    } catch (IllegalArgumentException e) { // ClusterConfig.Invalid: a one-line message
      throw new UserError(e.getMessage());
    }
  }

  /** Shares the exploration of {@code ref} with the cluster; refuses a search that cannot be shared. */
  void share(ExplorerOptions.Builder options, HarnessRef ref, String what) {
    options.remote(member.exploration(ref));
    if (options.build().remote() == null) {
      throw new UserError(what + ": --cluster shares source-DPOR without a preemption bound only "
          + "(drop --dpor optimal / --preemption-bound, or --cluster)");
    }
  }

  @Override
  public void close() {
    member.close();
  }
}

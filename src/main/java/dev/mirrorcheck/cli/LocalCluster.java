package dev.mirrorcheck.cli;

import dev.mirrorcheck.cluster.ClusterConfig;
import dev.mirrorcheck.cluster.ClusterMember;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.RemoteWorkers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster on this machine for {@code bench --scale}: this JVM as the coordinator and one worker
 * JVM ({@code mirrorcheck worker}, one worker) on 127.0.0.1, under a cluster name of their own.
 */
final class LocalCluster implements AutoCloseable {
  private final ClusterMember coordinator;
  private final Process worker;

  private LocalCluster(ClusterMember coordinator, Process worker) {
    this.coordinator = coordinator;
    this.worker = worker;
  }

  /** Starts the worker JVM and joins it; its output goes to a log file, named on failure. */
  static LocalCluster start(PrintWriter err) {
    Path dir;
    try {
      dir = Files.createTempDirectory("mirrorcheck-cluster");
      int a = freePort();
      int b = freePort();
      List<String> cmd = javaCommand();
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "worker", "--cluster", config(dir, "worker", b, a, b).toString(), "--workers", "1"));
      Process worker = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("worker.log").toFile()).start();
      ClusterMember m = ClusterMember.coordinator(
          ClusterConfig.load(config(dir, "coordinator", a, a, b)), VersionProvider.version(), err);
      LocalCluster cluster = new LocalCluster(m, worker);
      if (m.awaitWorkers(1, 120) < 1) {
        cluster.close();
        throw new IllegalStateException("the worker JVM did not join the cluster (see "
            + dir.resolve("worker.log") + ")");
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The configuration of one of the two members: both listed, this one listening on {@code port}. */
  private static Path config(Path dir, String who, int port, int a, int b) throws IOException {
    return Files.writeString(dir.resolve(who + ".yaml"), String.format(
        "cluster: mirrorcheck-bench-%d%nmembers: [127.0.0.1:%d, 127.0.0.1:%d]%nport: %d%n"
            + "address: 127.0.0.1%n", ProcessHandle.current().pid(), a, b, port));
  }

  /** The remote workers of one exploration of {@code ref}. */
  RemoteWorkers exploration(HarnessRef ref) {
    return coordinator.exploration(ref);
  }

  /**
   * The command that starts a JVM like this one, with the options the launcher gives it (a
   * larger stack, the access parallel workers and the cluster engine need).
   */
  static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        "-Xss4m", "-XX:+UseParallelGC", "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    return cmd;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    coordinator.close(); // tells the worker the run is over
    try {
      if (!worker.waitFor(10, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.destroyForcibly();
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.cluster.ClusterConfig;
import dev.mirrorcheck.cluster.ClusterMember;
import dev.mirrorcheck.explore.ExplorerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code mirrorcheck worker --cluster CONFIG}: a member that explores a coordinator's leases. */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Explore a cluster coordinator's work on this machine.",
    description = {
      "Joins the cluster of CONFIG and explores, with --workers local workers, the parts of the "
          + "search that the coordinator (check --cluster CONFIG, on any machine of the cluster) "
          + "hands out, until the coordinator ends its run. The coordinator ships each spec's text "
          + "with its run: this machine needs no copy of the spec files (only of the driver "
          + "classes a spec names with driver:, see --classpath). Members run the same mirrorcheck "
          + "version."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck worker --cluster cluster.yaml --workers 8",
      "  ./mirrorcheck check specs/ --cluster cluster.yaml      # on the coordinator's machine",
    })
final class WorkerCommand implements Callable<Integer>, ExitCodes {
  @picocli.CommandLine.Spec CommandSpec command;

  @Option(names = "--cluster", paramLabel = "CONFIG", required = true,
      description = "The cluster configuration file (cluster name, member addresses, port).")
  Path cluster;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "Workers on this machine, 1.." + ExplorerOptions.MAX_WORKERS
          + " (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Directories or jars holding the driver classes specs name with 'driver:', "
          + "separated by ':'; repeatable.")
  List<String> classpath = new ArrayList<>();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "the coordinator ended its run",
        ExitCode.USAGE, ExitCode.USAGE_TEXT + "; a bad cluster configuration file",
        ExitCode.INCOMPLETE, "the coordinator left the cluster before the end of its run",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = command.commandLine().getErr();
    if (workers < 1 || workers > ExplorerOptions.MAX_WORKERS) {
      throw new UserError("--workers must be 1.." + ExplorerOptions.MAX_WORKERS + ", got "
          + workers);
    }
    ClusterConfig config = ClusterOption.load(cluster);
    ClassLoader drivers = HarnessClasspath.loader(classpath);
    Thread.currentThread().setContextClassLoader(drivers);
    HarnessCatalog harnesses = HarnessCatalog.standard(drivers);
    ClusterMember member;
    try {
      member = ClusterMember.worker(config, VersionProvider.version(), workers,
          harnesses::resolve, err);
    } catch (IllegalArgumentException e) { // ClusterConfig.Invalid: a one-line message
      throw new UserError(e.getMessage());
    }
    String why;
    try {
      err.printf("mirrorcheck worker: member %s of cluster %s with %d worker(s); waiting for a "
          + "coordinator's work%n", member.address(), config.name(), workers);
      err.flush();
      why = member.awaitEnd();
    } finally {
      member.close();
    }
    err.println("mirrorcheck worker: " + why);
    return why.startsWith("the coordinator ended") ? ExitCode.PASS : ExitCode.INCOMPLETE;
  }
}

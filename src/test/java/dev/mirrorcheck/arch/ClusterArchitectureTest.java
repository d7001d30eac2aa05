package dev.mirrorcheck.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster engine stays behind {@code dev.mirrorcheck.cluster}: only that package uses Hazelcast,
 * only the command line reaches the package, and the explorer knows it only through its own
 * {@code RemoteWorkers} interface.
 */
class ClusterArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = ArchClasses.main();
  }

  @Test
  void onlyTheClusterPackageUsesHazelcast() {
    noClasses().that().resideOutsideOfPackage("dev.mirrorcheck.cluster..")
        .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineReachesTheCluster() {
    noClasses().that().resideOutsideOfPackages("dev.mirrorcheck.cluster..", "dev.mirrorcheck.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.mirrorcheck.cluster..")
        .check(classes);
  }
}

package dev.mirrorcheck.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mirror is written against the facade only: its packages depend on {@code sync},
 * {@code mutation}, {@code ghost}, each other, the JDK's {@code java.lang}/{@code java.util} and Guava,
 * never on the explorer, the checkers, the reports or the CLI, and never on
 * {@code java.util.concurrent}.
 */
class MirrorArchitectureTest {
  static final String[] MIRROR = {
      "dev.mirrorcheck.mm..", "dev.mirrorcheck.notifier..", "dev.mirrorcheck.hmm..",
      "dev.mirrorcheck.device..", "dev.mirrorcheck.odp..", "dev.mirrorcheck.mutation..",
      "dev.mirrorcheck.ghost..", "dev.mirrorcheck.hmm2015..", "dev.mirrorcheck.legacyodp..",
      "dev.mirrorcheck.driver..", "dev.mirrorcheck.nouveau.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = ArchClasses.main();
  }

  @Test
  void mirrorDependsOnlyOnTheFacadeAndItself() {
    classes().that().resideInAnyPackage(MIRROR)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "dev.mirrorcheck.sync", "dev.mirrorcheck.mutation..", "dev.mirrorcheck.ghost..",
            "dev.mirrorcheck.mm..", "dev.mirrorcheck.notifier..", "dev.mirrorcheck.hmm..",
            "dev.mirrorcheck.device..", "dev.mirrorcheck.odp..", "dev.mirrorcheck.hmm2015..",
            "dev.mirrorcheck.legacyodp..", "dev.mirrorcheck.driver..",
            "dev.mirrorcheck.nouveau..",
            "java.lang..", "java.util", "java.util.function..", "com.google.common..")
        .check(classes);
  }

  @Test
  void mirrorNeverTouchesExplorerCheckersReportsOrCli() {
    noClasses().that().resideInAnyPackage(MIRROR)
        .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorcheck.explore..",
            "dev.mirrorcheck.check..", "dev.mirrorcheck.report..", "dev.mirrorcheck.cli..")
        .check(classes);
  }

  @Test
  void mirrorNeverUsesJavaUtilConcurrent() {
    noClasses().that().resideInAnyPackage(MIRROR)
        .should().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
        .check(classes);
  }
}

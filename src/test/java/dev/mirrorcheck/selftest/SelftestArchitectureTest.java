package dev.mirrorcheck.selftest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The self-test depends on the explorer and the facade only (never on the mirror), and the explorer
 * never on the self-test: the reference stays independent of what it checks.
 */
class SelftestArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mirrorcheck.selftest", "dev.mirrorcheck.explore", "dev.mirrorcheck.sync");

  @Test
  void selftestUsesOnlyTheExplorerAndTheFacade() {
    classes().that().resideInAPackage("dev.mirrorcheck.selftest")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.mirrorcheck.selftest",
            "dev.mirrorcheck.explore", "dev.mirrorcheck.sync", "java..", "com.google.common..")
        .check(CLASSES);
  }

  @Test
  void theReferenceDoesNotUseTheExplorer() {
    noClasses().that().haveNameMatching("dev\\.mirrorcheck\\.selftest\\.Reference(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorcheck.explore..",
            "dev.mirrorcheck.sync..")
        .check(CLASSES);
  }

  @Test
  void theExplorerDoesNotDependOnTheSelftest() {
    noClasses().that().resideInAnyPackage("dev.mirrorcheck.explore..", "dev.mirrorcheck.sync..")
        .should().dependOnClassesThat().resideInAPackage("dev.mirrorcheck.selftest..")
        .check(CLASSES);
  }
}

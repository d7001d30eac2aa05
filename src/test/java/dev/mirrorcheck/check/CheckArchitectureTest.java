package dev.mirrorcheck.check;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The checkers sit between the mirror and the tools: they never use the explorer, reports or CLI. */
class CheckArchitectureTest {

  @Test
  void checkersDependOnlyOnTheModelAndTheFacade() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mirrorcheck");
    noClasses().that().resideInAPackage("dev.mirrorcheck.check..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorcheck.explore..",
            "dev.mirrorcheck.report..", "dev.mirrorcheck.cli..", "dev.mirrorcheck.junit..",
            "dev.mirrorcheck.spec..", "dev.mirrorcheck.scenario..", "java.util.concurrent..")
        .check(classes);
  }
}

package dev.mirrorcheck.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes, imported once for the architecture tests of this package (it takes seconds). */
final class ArchClasses {
  private static JavaClasses classes;

  private ArchClasses() {}

  static synchronized JavaClasses main() {
    if (classes == null) {
      classes = new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.mirrorcheck");
    }
    return classes;
  }
}

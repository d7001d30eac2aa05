package dev.mirrorcheck.driver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mirrorcheck.device.DmirrorDriver;
import dev.mirrorcheck.ghost.Errno;
import dev.mirrorcheck.hmm.HmmPfn;
import dev.mirrorcheck.hmm.HmmPfns;
import dev.mirrorcheck.hmm.HmmRange;
import dev.mirrorcheck.nouveau.NouveauSvmm;
import dev.mirrorcheck.notifier.NotifierEvent;
import dev.mirrorcheck.notifier.NotifierRange;
import dev.mirrorcheck.odp.Mlx5OdpDriver;
import org.junit.jupiter.api.Test;

/**
 * The API is sufficient for the built-in drivers: dmirror's, mlx5 ODP's and the nouveau model reach
 * the kernel and the device only through {@link DriverKernel} and {@link DeviceMmu} (and the value
 * types those calls take and return), never through the mm, the notifier core, HMM or the ghost
 * state directly. A driver that needed more would have to widen the API, in the open.
 */
class BuiltInDriversOnTheApiTest {
  @Test
  void builtInDriversUseOnlyThePublicApi() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mirrorcheck.device", "dev.mirrorcheck.odp",
            "dev.mirrorcheck.nouveau");
    noClasses().that().belongToAnyOf(DmirrorDriver.class, Mlx5OdpDriver.class, NouveauSvmm.class)
        .or().haveFullyQualifiedName("dev.mirrorcheck.device.DmirrorFault")
        .should().dependOnClassesThat(resideInAnyPackage("dev.mirrorcheck.mm..",
            "dev.mirrorcheck.notifier..", "dev.mirrorcheck.hmm..", "dev.mirrorcheck.ghost..")
            .and(not(belongToAnyOf(NotifierRange.class, NotifierEvent.class, HmmRange.class,
                HmmPfn.class, HmmPfns.class, Errno.class))))
        .check(classes);
  }
}

package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mirrorcheck.jpf.fixture.HazardFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything Java PathFinder loads from mirrorcheck — the classes reachable from the JPF entry points
 * (the facade's native runtime, the mirror packages, the scenario and property layers the generated
 * configurations use) — keeps to what JPF's class library models. The failure names the class and
 * method, and what to use instead; the guard for code written later.
 */
class JpfHazardScanTest {
  /** Packages JPF must never load: the host-side tools. */
  private static final List<String> HOST = List.of("dev.mirrorcheck.cli.", "dev.mirrorcheck.explore.",
      "dev.mirrorcheck.report.", "dev.mirrorcheck.junit.");

  private static JavaClasses classes;
  private static Set<String> reached;

  @BeforeAll
  static void reach() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mirrorcheck");
    List<String> offending = new ArrayList<>();
    reached = EntryPointsTest.reachable(classes, entryPoints(), n -> n.startsWith("dev.mirrorcheck."),
        n -> true, offending);
  }

  /** The classes of the jpf package with a {@code main} and a {@code harness}: what configs target. */
  static List<String> entryPoints() {
    List<String> out = new ArrayList<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().equals("dev.mirrorcheck.jpf") && hasStatic(c, "main")
          && hasStatic(c, JpfTarget.HARNESS_METHOD)) {
        out.add(c.getName());
      }
    }
    return out;
  }

  private static boolean hasStatic(JavaClass c, String name) {
    return c.getMethods().stream().anyMatch(m -> m.getName().equals(name)
        && m.getModifiers().contains(JavaModifier.STATIC)
        && m.getModifiers().contains(JavaModifier.PUBLIC));
  }

  @Test
  void entryPointsReachNoHostSideCode() {
    assertTrue(entryPoints().contains(MirrorScenarioMain.class.getName()), entryPoints()::toString);
    assertTrue(reached.contains("dev.mirrorcheck.sync.NativeSync"));
    List<String> host = new ArrayList<>();
    for (String c : reached) {
      if (HOST.stream().anyMatch(c::startsWith) || c.equals(JpfConfig.class.getName())) {
        host.add(c);
      }
    }
    assertEquals(List.of(), host, "JPF would load host-side classes");
  }

  @Test
  void classesJpfLoadsAvoidItsKnownGaps() throws IOException {
    assertNoHazards(JpfHazards.known(getClass().getClassLoader()));
  }

  @Test
  void classesJpfLoadsCallOnlyWhatItsModelsDefine() throws IOException {
    Path home = JpfHome.find();
    Assumptions.assumeTrue(home != null, "no Java PathFinder (JPF_HOME or ../shared/jpf): "
        + "the calls into JPF's model classes are not checked");
    JpfHazards h = JpfHazards.withModels(home, getClass().getClassLoader());
    assertTrue(h.modelClasses() > 50, "read JPF's model classes from " + home);
    assertNoHazards(h);
  }

  private static void assertNoHazards(JpfHazards h) throws IOException {
    List<String> found = new ArrayList<>();
    for (String c : reached) {
      found.addAll(h.scan(c));
    }
    assertTrue(found.isEmpty(), found.size() + " Java PathFinder hazard(s) in classes JPF loads:\n  "
        + String.join("\n  ", found));
  }

  @Test
  void theScanReportsEachHazardWithItsPlaceAndRemedy() throws IOException {
    String fixture = HazardFixture.class.getName();
    List<String> found = JpfHazards.known(getClass().getClassLoader()).scan(fixture);
    assertEquals(4, found.size(), found::toString);
    assertTrue(found.get(0).startsWith(fixture + ".joined calls java.lang.String.join: ")
        && found.get(0).endsWith("StringBuilder in a loop"), found.get(0));
    assertTrue(found.get(1).startsWith(fixture + ".bump calls "
        + "java.util.concurrent.atomic.AtomicLong.getAndAdd: "), found.get(1));
    assertTrue(found.get(2).startsWith(fixture + ".total calls "), found.get(2));
    assertTrue(found.get(2).contains("streams"), found.get(2));
    assertTrue(found.get(3).startsWith(fixture + ": Java PathFinder names its lambda or method "
        + "reference #2 " + fixture + "$1"), found.get(3));
  }

  @Test
  void withJpfTheScanAlsoReportsMethodsItsModelsLack() throws IOException {
    Path home = JpfHome.find();
    Assumptions.assumeTrue(home != null, "no Java PathFinder (JPF_HOME or ../shared/jpf)");
    List<String> found = JpfHazards.withModels(home, getClass().getClassLoader())
        .scan(HazardFixture.class.getName());
    assertTrue(found.contains(HazardFixture.class.getName() + ".blank calls java.lang.String.isBlank"
        + "()Z, which Java PathFinder's model of java.lang.String lacks (a NoSuchMethodError under "
        + "JPF): avoid it"), found::toString);
    assertEquals(5, found.size(), found::toString);
  }
}

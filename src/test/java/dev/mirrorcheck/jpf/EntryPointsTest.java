package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.sync.Harness;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The entry points Java PathFinder runs: everything they reach is JDK or our sync/jpf/calibration
 * classes (no Guava, no explorer), free of {@code invokedynamic}; the calibration entry runs the
 * calibration port itself; and they run to completion as plain Java programs.
 */
class EntryPointsTest {
  static final List<Class<?>> ENTRY_POINTS = List.of(CalibrationMain.class, LockOrderMain.class);

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mirrorcheck.jpf", "dev.mirrorcheck.sync", "dev.mirrorcheck.calibration");
  }

  /** Our classes reachable from the entry points, checking every dependency on the way. */
  private static Set<String> closure(List<String> offending) {
    List<String> roots = new ArrayList<>();
    ENTRY_POINTS.forEach(c -> roots.add(c.getName()));
    return reachable(classes, roots, n -> n.startsWith("dev.mirrorcheck.sync.")
        || n.startsWith("dev.mirrorcheck.jpf.") || n.startsWith("dev.mirrorcheck.calibration."),
        n -> n.startsWith("java."), offending);
  }

  /**
   * The classes reachable from {@code roots} through those {@code follow} accepts; a dependency that
   * is neither followed nor {@code allowed} is added to {@code offending} as {@code from -> to}.
   */
  static Set<String> reachable(JavaClasses classes, List<String> roots, Predicate<String> follow,
      Predicate<String> allowed, List<String> offending) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name)) {
        continue;
      }
      for (Dependency d : classes.get(name).getDirectDependenciesFromSelf()) {
        JavaClass t = d.getTargetClass().getBaseComponentType();
        String n = t.getName();
        if (t.isPrimitive() || n.equals(name)) {
          continue;
        }
        if (follow.test(n)) {
          todo.add(n);
        } else if (!allowed.test(n)) {
          offending.add(name + " -> " + n);
        }
      }
    }
    return seen;
  }

  @Test
  void entryPointsNeedOnlyTheJdkAndTheFacade() {
    List<String> offending = new ArrayList<>();
    Set<String> reached = closure(offending);
    assertEquals(List.of(), offending);
    assertTrue(reached.contains("dev.mirrorcheck.sync.NativeSync"), reached::toString);
    assertFalse(reached.contains(JpfConfig.class.getName()), reached::toString);
  }

  @Test
  void entryPointsContainNoInvokedynamic() throws IOException {
    List<String> indy = new ArrayList<>();
    for (String name : closure(new ArrayList<>())) {
      if (hasInvokedynamic(name)) {
        indy.add(name);
      }
    }
    assertEquals(List.of(), indy, "lambdas, method references or indy string concatenation");
  }

  /** Scans the constant pool for CONSTANT_InvokeDynamic (tag 18). */
  static boolean hasInvokedynamic(String className) throws IOException {
    String resource = "/" + className.replace('.', '/') + ".class";
    try (InputStream raw = EntryPointsTest.class.getResourceAsStream(resource);
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9, 10, 11, 12, 17 -> in.readInt();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 18 -> {
            return true;
          }
          default -> throw new IOException(className + ": unknown constant tag " + tag);
        }
      }
    }
    return false;
  }

  private static Result explore(Harness h, boolean all) {
    return new Explorer(ExplorerOptions.builder().stopAtFirst(!all).build()).explore(h);
  }

  @Test
  void calibrationEntryRunsThePortWithItsVerdicts() {
    Harness correct = CalibrationMain.harness(new String[] {"3", "2", "correct"});
    assertTrue(correct instanceof MirrorCalibration, correct.getClass().getName());
    assertEquals(Result.Verdict.PASS, explore(correct, true).verdict());
    Result buggy = explore(CalibrationMain.harness(new String[] {"2", "1", "buggy"}), false);
    assertEquals(Result.Verdict.VIOLATION, buggy.verdict());
    assertEquals("S3", buggy.findings().get(0).property());
  }

  @Test
  void lockOrderIsADeadlockOnlyWhenBuggy() {
    assertEquals(Result.Verdict.PASS,
        explore(LockOrderMain.harness(new String[] {"correct"}), true).verdict());
    Result buggy = explore(LockOrderMain.harness(new String[] {"buggy"}), true);
    assertEquals(1, buggy.findings().size(), buggy::toString);
    Finding f = buggy.findings().get(0);
    assertEquals(Finding.Kind.DEADLOCK, f.kind());
    assertTrue(f.message().contains("driver_lock") && f.message().contains("mmap_lock"), f::message);
  }

  @Test
  void argumentsAreCheckedWithClearMessages() {
    assertEquals("calibration: pages must be an integer, got 'x'", assertThrows(
        IllegalArgumentException.class, () -> CalibrationMain.harness(new String[] {"x"}))
        .getMessage());
    assertEquals("calibration: faulters must be in 1..6, got 9", assertThrows(
        IllegalArgumentException.class, () -> CalibrationMain.harness(new String[] {"2", "9"}))
        .getMessage());
    assertEquals("calibration: variant must be correct or buggy, got 'wrong'", assertThrows(
        IllegalArgumentException.class,
        () -> CalibrationMain.harness(new String[] {"2", "1", "wrong"})).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LockOrderMain.harness(new String[] {"correct", "extra"}));
    assertEquals("correct 2 pages / 1 faulter(s)",
        ((MirrorCalibration) CalibrationMain.harness(new String[0])).describe());
    assertEquals("buggy 3 pages / 2 faulter(s)", ((MirrorCalibration) CalibrationMain
        .harness(new String[] {" 3", "2 ", "buggy"})).describe());
  }

  @Test
  void correctProgramsRunAsPlainJavaMains() {
    assertDoesNotThrow(() -> CalibrationMain.main(new String[] {"3", "2", "correct"}));
    assertDoesNotThrow(() -> LockOrderMain.main(new String[] {"correct"}));
  }
}

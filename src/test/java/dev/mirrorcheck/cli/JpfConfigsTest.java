package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.jpf.ConfigLoader;
import dev.mirrorcheck.jpf.JpfConfig;
import dev.mirrorcheck.jpf.JpfSettings;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hand-written file in {@code jpf-configs/}: it parses without warnings, its target class is on
 * the classpath it names (with nothing but the JDK besides) and has {@code main} and {@code harness},
 * and {@code mirrorcheck jpf} gives the verdict its {@code # expect:} header states. The generated
 * ones in {@code jpf-configs/specs/} parse without warnings and build their program; that they are
 * current is {@code JpfExportAgreeTest}'s, and their verdicts are the spec library's.
 */
class JpfConfigsTest {
  static final Path DIR = Path.of("jpf-configs");
  private static final Pattern EXPECT = Pattern.compile(
      "(?m)^# expect: (no errors|error (gov\\.nasa\\.jpf\\.vm\\.\\w+))\\s*$");

  @TempDir Path out;

  static List<Path> configs() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".jpf")).sorted().toList();
    }
  }

  /** The expected property class, or null for "no errors". */
  static String expected(Path file) throws IOException {
    Matcher m = EXPECT.matcher(Files.readString(file));
    assertTrue(m.find(), file + " has no '# expect: no errors' or '# expect: error <property>'");
    return m.group(2);
  }

  @Test
  void theRequiredConfigurationsExist() throws IOException {
    List<String> names = configs().stream().map(p -> p.getFileName().toString()).toList();
    for (String n : List.of("calibration-correct-2p-1f.jpf", "calibration-correct-3p-1f.jpf",
        "calibration-buggy-2p-1f.jpf", "calibration-buggy-3p-1f.jpf",
        "calibration-buggy-2p-1f-all.jpf", "lockorder-correct.jpf", "lockorder-buggy.jpf")) {
      assertTrue(names.contains(n), n + " missing from " + names);
    }
    long deadlocks = 0;
    long assertions = 0;
    for (Path p : configs()) {
      String e = expected(p);
      deadlocks += "gov.nasa.jpf.vm.NotDeadlockedProperty".equals(e) ? 1 : 0;
      assertions += "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty".equals(e) ? 1 : 0;
    }
    assertTrue(deadlocks >= 1 && assertions >= 1, "need an assertion and a deadlock config");
  }

  @TestFactory
  Stream<DynamicTest> everyConfigParsesAndNamesAJdkOnlyTarget() throws IOException {
    return configs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      JpfConfig c = ConfigLoader.load(p, List.of());
      assertEquals(List.of(), JpfSettings.of(c).warnings());
      assertEquals(List.of(), c.notes());
      assertEquals("gov.nasa.jpf.search.DFSearch", c.get("search.class"));
      assertEquals("*", c.get("vm.enable_assertions"));
      assertEquals("error,trace", c.get("report.console.property_violation"));
      assertTrue(c.get("sourcepath").endsWith("/../src/main/java"), c.get("sourcepath"));
      List<URL> urls = new ArrayList<>();
      for (String e : c.paths("classpath")) {
        assertTrue(Files.isDirectory(Path.of(e)), e + " (build the project first)");
        urls.add(Path.of(e).toUri().toURL());
      }
      // Only the JDK besides the configuration's classpath: what JPF's VM will have.
      try (URLClassLoader l = new URLClassLoader(urls.toArray(new URL[0]),
          ClassLoader.getPlatformClassLoader())) {
        Class<?> target = Class.forName(c.get("target"), true, l);
        Method main = target.getMethod("main", String[].class);
        Method harness = target.getMethod("harness", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()) && Modifier.isStatic(harness.getModifiers()));
        assertEquals("dev.mirrorcheck.sync.Harness", harness.getReturnType().getName());
        Object h = harness.invoke(null, (Object) c.list("target.args").toArray(new String[0]));
        assertEquals(l, h.getClass().getClassLoader());
        if (expected(p) == null) {
          main.invoke(null, (Object) c.list("target.args").toArray(new String[0]));
        }
      }
    }));
  }

  @Test
  void generatedConfigsParseAndBuildTheirProgram() throws Exception {
    List<Path> generated;
    try (Stream<Path> s = Files.list(DIR.resolve("specs"))) {
      generated = s.filter(p -> p.toString().endsWith(".jpf")).sorted().toList();
    }
    assertTrue(generated.size() >= 40, generated::toString);
    for (Path p : generated) {
      JpfConfig c = ConfigLoader.load(p, List.of());
      assertEquals(List.of(), JpfSettings.of(c).warnings(), p::toString);
      expected(p); // fails without a "# expect:" line
      dev.mirrorcheck.jpf.SpecMain.harness(c.list("target.args").toArray(new String[0]));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyConfigGivesItsExpectedVerdict() throws IOException {
    return configs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      String property = expected(p);
      CliRun r = JpfCommandTest.jpf("--out", out.toString(), p.toString());
      assertEquals(0, r.errorLines().length, r::toString);
      assertTrue(r.out.contains("====== statistics\nelapsed time:"), r::toString);
      assertTrue(r.out.contains("====== search finished: "), r::toString);
      if (property == null) {
        assertEquals(0, r.exit, r::toString);
        assertTrue(r.out.contains("====== results\nno errors detected\n"), r::toString);
        return;
      }
      assertEquals(1, r.exit, r::toString);
      assertTrue(r.out.contains("====== error 1\n" + property + "\n"), r::toString);
      assertTrue(r.out.contains("====== trace #1\n---"), r::toString);
      List<String> errors = r.out.lines().filter(l -> l.startsWith("error #")).toList();
      assertTrue(!errors.isEmpty(), r::toString);
      for (String e : errors) {
        assertTrue(e.matches("error #\\d+: " + Pattern.quote(property) + " \".*\""), e);
      }
    }));
  }
}

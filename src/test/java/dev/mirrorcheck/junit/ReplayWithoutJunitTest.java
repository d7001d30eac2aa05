package dev.mirrorcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.cli.Main;
import dev.mirrorcheck.junit.fixtures.FailingExplorations;
import dev.mirrorcheck.sync.World;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI replays a {@code junit} counterexample with no JUnit on its classpath, as the launcher runs
 * it: mirrorcheck's classes and runtime jars in a fresh class loader, the test classes only through
 * {@code --classpath}. Every class the CLI asks for is recorded, to show it never loads JUnit or the
 * extension.
 */
class ReplayWithoutJunitTest {
  @TempDir Path dir;

  @Test
  void replayNeedsNeitherJunitNorTheExtension() throws Exception {
    String file = writeCounterexample();
    try (RecordingLoader cli = new RecordingLoader(runtimeClasspath())) {
      assertThrows(ClassNotFoundException.class, () -> cli.loadClass("org.junit.jupiter.api.Test"));
      cli.requested.clear();
      Method run = cli.loadClass("dev.mirrorcheck.cli.Main")
          .getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = (Integer) run.invoke(null, new PrintWriter(out), new PrintWriter(err),
          new String[] {"replay", "--classpath", "target/test-classes", file});
      assertEquals(1, exit, out + "\n" + err);
      assertTrue(out.toString().contains("reproduced: END_CHECK C1"), out::toString);
      for (String name : cli.requested) {
        assertFalse(name.startsWith("org.junit.") || name.startsWith("org.opentest4j."), name);
        assertFalse(name.startsWith("dev.mirrorcheck.junit.")
            && !name.startsWith("dev.mirrorcheck.junit.fixtures."), name);
      }
      assertTrue(cli.requested.contains(FailingExplorations.class.getName()), cli.requested::toString);
    }
  }

  /** Runs the failing fixture once, straight through {@link ExploreRun}, for its file. */
  private String writeCounterexample() throws Exception {
    Method m = FailingExplorations.class.getDeclaredMethod("racyCounterExpectedToPass", World.class);
    ExploreRun run = new ExploreRun(m.getAnnotation(ExploreTest.class), FailingExplorations.class,
        m.getName(), dir);
    ExploreRun.Outcome outcome =
        run.run(new MethodHarness(m, new FailingExplorations(), Arrays.asList((Object) null)));
    assertFalse(outcome.passed(), outcome::message);
    Matcher f = Pattern.compile("counterexample: (\\S+\\.json)").matcher(outcome.message());
    assertTrue(f.find(), outcome::message);
    return f.group(1);
  }

  /** The test JVM's classpath without JUnit, its dependencies and the test classes. */
  private static URL[] runtimeClasspath() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      if (e.contains("/org/junit/") || e.contains("/org/opentest4j/") || e.contains("/apiguardian")
          || e.contains("test-classes") || e.contains("surefire") || e.isBlank()) {
        continue;
      }
      urls.add(Path.of(entry).toUri().toURL());
    }
    assertTrue(urls.stream().anyMatch(u -> u.getPath().endsWith("/target/classes/")), urls::toString);
    return urls.toArray(new URL[0]);
  }

  /** A parent-first loader over the CLI's classpath that remembers every class asked of it. */
  private static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }
  }
}

package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JPF search and report keys mapped to our explorer; one warning per ignored key. */
class JpfSettingsTest {
  @TempDir Path dir;

  private JpfSettings settings(String... lines) throws Exception {
    return JpfSettings.of(config(lines));
  }

  private JpfConfig config(String... lines) throws IOException, JpfConfigException {
    Path f = dir.resolve("app.jpf");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return ConfigLoader.load(f, List.of());
  }

  private static ExplorerOptions options(JpfSettings s) {
    return s.applyTo(ExplorerOptions.builder()).build();
  }

  @Test
  void standardKeysNeedNoWarning() throws Exception {
    JpfSettings s = settings("target = dev.mirrorcheck.jpf.CalibrationMain",
        "target.args = 2,1,correct", "classpath = ${config_path}", "sourcepath = ${config_path}",
        "search.class = gov.nasa.jpf.search.DFSearch", "vm.enable_assertions = *",
        "search.properties = gov.nasa.jpf.vm.NotDeadlockedProperty,"
            + "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty",
        "report.console.property_violation = error,trace",
        "report.console.start = jpf,sut,platform", "report.console.finished = result,statistics");
    assertEquals(List.of(), s.warnings());
    ExplorerOptions o = options(s);
    assertTrue(o.stopAtFirst());
    assertEquals(ExplorerOptions.DEFAULT_MAX_STEPS, o.maxSteps());
    assertNull(o.timeLimit());
    assertEquals(List.of("error", "trace"), s.topics().violation());
  }

  @Test
  void searchKeysMapToExplorerOptions() throws Exception {
    JpfSettings s = settings("search.multiple_errors = true", "search.depth_limit = 123");
    ExplorerOptions o = options(s);
    assertFalse(o.stopAtFirst());
    assertEquals(123, o.maxSteps());
    assertEquals(ExplorerOptions.MAX_STEP_BOUND,
        options(settings("search.depth_limit = MAX")).maxSteps());
    assertTrue(options(settings("search.multiple_errors = no")).stopAtFirst());
  }

  @Test
  void budgetTimeNeedsTheBudgetChecker() throws Exception {
    JpfSettings s = settings("listener = gov.nasa.jpf.listener.BudgetChecker",
        "budget.max_time = 0:1:30");
    assertEquals(Duration.ofSeconds(90), options(s).timeLimit());
    assertEquals(Duration.ofMillis(2500), options(settings("listener = .listener.BudgetChecker",
        "budget.max_time = 2500")).timeLimit());
    JpfSettings without = settings("budget.max_time = 2500");
    assertNull(options(without).timeLimit());
    assertEquals(1, without.warnings().size(), without.warnings()::toString);
    assertTrue(without.warnings().get(0).toString().contains(":1: 'budget.max_time': ignored"));
  }

  @Test
  void ignoredKeysWarnOnceEachWithTheirLine() throws Exception {
    JpfSettings s = settings("target = x.Y", "vm.por = false",
        "search.class = gov.nasa.jpf.search.heuristic.BFSHeuristic",
        "search.properties = gov.nasa.jpf.vm.NotDeadlockedProperty,a.B,c.D",
        "listener = a.L1,a.L2", "report.console.property_violation = error, trace,snapshot",
        "cg.enumerate_random = true");
    List<String> w = s.warnings().stream().map(Object::toString).toList();
    assertEquals(6, w.size(), w::toString);
    Path f = dir.resolve("app.jpf");
    assertEquals(f + ":2: 'vm.por' ignored: not a key our explorer reads (Java PathFinder or one "
        + "of its extensions may read it)", w.get(0));
    assertTrue(w.get(1).startsWith(f + ":3: 'search.class': "
        + "'gov.nasa.jpf.search.heuristic.BFSHeuristic' ignored"), w.get(1));
    assertTrue(w.get(2).contains(":4: 'search.properties': a.B, c.D ignored"), w.get(2));
    assertTrue(w.get(3).contains(":5: 'listener': a.L1, a.L2 ignored"), w.get(3));
    assertTrue(w.get(4).contains(":6: 'report.console.property_violation': topic(s) ' trace', "
        + "'snapshot' ignored"), w.get(4));
    assertTrue(w.get(5).contains(":7: 'cg.enumerate_random' ignored"), w.get(5));
  }

  @Test
  void missingClasspathEntriesAreOneWarning() throws Exception {
    JpfSettings s = settings("classpath = /no/such/a:/no/such/b");
    assertEquals(1, s.warnings().size());
    assertTrue(s.warnings().get(0).toString().endsWith("'classpath': no such directory or jar: "
        + "/no/such/a, /no/such/b"));
  }

  @Test
  void malformedSearchValuesAreLocatedErrors() throws Exception {
    JpfConfig c = config("a = 1", "search.depth_limit = deep");
    JpfConfigException e = assertThrows(JpfConfigException.class, () -> JpfSettings.of(c));
    assertEquals(dir.resolve("app.jpf") + ":2: search.depth_limit must be an integer or MAX, got "
        + "'deep'", e.getMessage());
    assertThrows(JpfConfigException.class, () -> settings("search.depth_limit = 0"));
    assertThrows(JpfConfigException.class, () -> settings("search.depth_limit = 2000000"));
    assertTrue(assertThrows(JpfConfigException.class,
        () -> settings("search.multiple_errors = maybe")).getMessage()
        .endsWith(":1: search.multiple_errors must be true or false, got 'maybe'"));
    assertThrows(JpfConfigException.class, () -> settings(
        "listener = gov.nasa.jpf.listener.BudgetChecker", "budget.max_time = soon"));
  }

  @Test
  void defaultTopicsAreJpfCores() throws Exception {
    ReportTopics t = settings("a = 1").topics();
    assertEquals(List.of("jpf", "sut"), t.start());
    assertEquals(List.of("error", "snapshot"), t.violation());
    assertEquals(List.of("result", "statistics"), t.finished());
  }
}

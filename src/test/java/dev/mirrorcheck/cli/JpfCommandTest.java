package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirrorcheck jpf}: errors, warnings, overrides, replays, and launching Java PathFinder. */
class JpfCommandTest {
  @TempDir Path dir;

  /** Runs {@code jpf} on our explorer, whatever JPF_HOME says. */
  static CliRun jpf(String... args) {
    List<String> all = new ArrayList<>(List.of("jpf"));
    if (System.getenv("JPF_HOME") != null) {
      all.add("--engine=ours");
    }
    all.addAll(Arrays.asList(args));
    return CliRun.of(all.toArray(new String[0]));
  }

  private Path config(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private static void assertOneLineError(CliRun r, String expected) {
    assertEquals(2, r.exit, r::toString);
    assertEquals(1, r.errorLines().length, r::toString);
    assertEquals("mirrorcheck: " + expected, r.errorLines()[0]);
  }

  @Test
  void malformedLineIsOneLineWithFileAndLine() throws IOException {
    Path f = config("bad.jpf", "target = dev.mirrorcheck.jpf.CalibrationMain", "", "oops");
    assertOneLineError(jpf(f.toString()), f + ":3: malformed line 'oops': expected 'key = value'");
  }

  @Test
  void badTargetsAreLocatedUsageErrors() throws IOException {
    Path f = config("a.jpf", "target = java.lang.String");
    assertOneLineError(jpf(f.toString()), f + ":1: target: java.lang.String has no 'public "
        + "static Harness harness(String[])': our explorer needs it to run the program that "
        + "String.main runs");
    f = config("b.jpf", "target = no.such.Main");
    assertOneLineError(jpf(f.toString()), f + ":1: target: class no.such.Main not found on the "
        + "classpath");
    f = config("c.jpf", "target = dev.mirrorcheck.jpf.CalibrationMain", "target.args = 2,0");
    assertOneLineError(jpf(f.toString()), f + ":2: target.args: calibration: faulters must be "
        + "in 1..6, got 0");
    f = config("d.jpf", "# no target");
    assertOneLineError(jpf(f.toString()), f + ": no 'target' key: name the class whose main Java "
        + "PathFinder runs");
    assertOneLineError(jpf(dir.resolve("none.jpf").toString()), dir.resolve("none.jpf")
        + ": no such file");
    assertOneLineError(jpf(f.toString(), "search.depth_limit=3"), "unexpected argument "
        + "'search.depth_limit=3': JPF properties on the command line look like +key=value (for "
        + "example +search.multiple_errors=true)");
  }

  @Test
  void ignoredKeysWarnOneLineEachAndTheRunGoesOn() throws IOException {
    Path f = config("w.jpf", "target = dev.mirrorcheck.jpf.LockOrderMain",
        "target.args = correct", "vm.por = false", "cg.enumerate_random = true");
    CliRun r = jpf("--out", dir.toString(), f.toString());
    assertEquals(0, r.exit, r::toString);
    assertEquals(List.of(
        "mirrorcheck: warning: " + f + ":3: 'vm.por' ignored: not a key our explorer reads (Java "
            + "PathFinder or one of its extensions may read it)",
        "mirrorcheck: warning: " + f + ":4: 'cg.enumerate_random' ignored: not a key our explorer "
            + "reads (Java PathFinder or one of its extensions may read it)"), List.of(r.errorLines()));
    CliRun typo = jpf("--out", dir.toString(), config("t.jpf", "target = dev.mirrorcheck.jpf."
        + "LockOrderMain", "target.args = correct", "search.multiple_error = true").toString());
    assertTrue(typo.err.contains("'search.multiple_error' ignored: not a key our explorer reads; "
        + "did you mean 'search.multiple_errors'?"), typo.err);
    assertTrue(r.out.contains("no errors detected"), r::toString);
  }

  @Test
  void overridesChangeTheSearch() {
    String buggy = "jpf-configs/calibration-buggy-2p-1f.jpf";
    CliRun bounded = jpf("--out", dir.toString(), buggy, "+search.depth_limit=3");
    assertEquals(3, bounded.exit, bounded::toString);
    assertTrue(bounded.out.contains("====== search constraint\ndepth limit reached: "), bounded::toString);
    assertTrue(bounded.out.contains("step bound of 3 (search.depth_limit)"), bounded::toString);
    assertTrue(bounded.out.contains("verdict: BOUND_HIT"), bounded::toString);

    CliRun all = jpf("--out", dir.toString(), "jpf-configs/calibration-buggy-3p-2f.jpf",
        "+search.multiple_errors=true");
    assertEquals(1, all.exit, all::toString);
    assertTrue(all.out.contains("error #3: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty"), all::toString);
    assertTrue(all.out.contains("every distinct error (search.multiple_errors)"), all::toString);

    CliRun quiet = jpf("--out", dir.toString(), buggy,
        "+report.console.property_violation=error", "+report.console.finished=result");
    assertTrue(quiet.out.contains("====== error 1"), quiet::toString);
    assertTrue(!quiet.out.contains("====== trace #1") && !quiet.out.contains("====== statistics"),
        quiet::toString);
  }

  @Test
  void counterexamplesReplayThroughTheJpfHarnessKind() throws IOException {
    CliRun found = jpf("--out", dir.toString(), "jpf-configs/lockorder-buggy.jpf");
    assertEquals(1, found.exit, found::toString);
    Path file = dir.resolve("jpf-lockorder-buggy-error1.json");
    assertTrue(Files.isRegularFile(file), found::toString);
    assertTrue(Files.readString(file).contains("\"kind\": \"jpf\""));
    assertTrue(found.out.contains("replay " + CounterexampleOutput.display(file)), found::toString);
    CliRun replay = CliRun.of("replay", file.toString());
    assertEquals(1, replay.exit, replay::toString);
    assertTrue(replay.out.contains("reproduced: DEADLOCK L1"), replay::toString);
  }

  @Test
  void realJpfNeedsJpfHome() throws IOException {
    Path f = Path.of("jpf-configs/calibration-buggy-2p-1f.jpf");
    if (System.getenv("JPF_HOME") == null) {
      assertOneLineError(CliRun.of("jpf", "--real", f.toString()), "JPF_HOME is not set: build "
          + "jpf-core's java-17 branch and point JPF_HOME at it (README, 'Two engines'), or pass "
          + "--jpf-home DIR");
    }
    assertOneLineError(CliRun.of("jpf", "--real", "--jpf-home", dir.toString(), f.toString()),
        dir.resolve("build/RunJPF.jar") + " not found: build jpf-core first (cd " + dir
            + " && ./gradlew buildJars)");
    assertOneLineError(CliRun.of("jpf", "--engine=sideways", f.toString()),
        "--engine must be ours, jpf or both, got 'sideways'");
  }

  /** A jpf-core home whose RunJPF.jar runs {@link FakeRunJpf} from the test classes. */
  private Path fakeJpfHome() throws Exception {
    Path home = dir.resolve("jpf-core");
    Files.createDirectories(home.resolve("build"));
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeRunJpf.class.getName());
    Path classes = Path.of(FakeRunJpf.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
    try (OutputStream o = Files.newOutputStream(home.resolve("build/RunJPF.jar"));
        JarOutputStream jar = new JarOutputStream(o, m)) {
      jar.flush();
    }
    return home;
  }

  @Test
  void realJpfRunsRunJpfJarWithAGeneratedSite() throws Exception {
    Path home = fakeJpfHome();
    CliRun r = CliRun.of("jpf", "--real", "--jpf-home", home.toString(),
        "jpf-configs/calibration-buggy-2p-1f.jpf", "+search.multiple_errors=true");
    assertEquals(1, r.exit, r::toString);
    assertTrue(r.out.contains("arg: jpf-configs/calibration-buggy-2p-1f.jpf\n"
        + "arg: +search.multiple_errors=true\n"), r::toString);
    assertTrue(r.out.contains("|jpf-core = " + home.toAbsolutePath() + "|extensions = ${jpf-core}|"),
        r::toString);
    assertTrue(r.err.contains("mirrorcheck: running Java PathFinder: ")
        && r.err.contains(" -jar " + home.toAbsolutePath().resolve("build/RunJPF.jar") + " +site="),
        r::toString);

    CliRun pass = CliRun.of("jpf", "--real", "--jpf-home", home.toString(),
        "jpf-configs/lockorder-correct.jpf");
    assertEquals(0, pass.exit, pass::toString);
  }

  @Test
  void bothEnginesRunSideBySide() throws Exception {
    Path home = fakeJpfHome();
    CliRun r = CliRun.of("jpf", "--engine=both", "--jpf-home", home.toString(), "--out",
        dir.toString(), "jpf-configs/calibration-buggy-2p-1f.jpf");
    assertEquals(1, r.exit, r::toString);
    int ours = r.out.indexOf("verdict: VIOLATION");
    int theirs = r.out.indexOf("mirrorcheck: the same configuration on Java PathFinder:");
    assertTrue(ours >= 0 && theirs > ours, r::toString);
    assertTrue(r.out.trim().endsWith("engines agree: both report errors"), r::toString);
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    CliRun all = jpf("--out", dir.toString(), buggy, "+search.multiple_errors=true");
    assertEquals(1, all.exit, all::toString);
    assertTrue(all.out.contains("error #2: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty"), all::toString);
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

  @Test
  void realJpfRunsRunJpfJarWithAGeneratedSite() throws Exception {
    Path home = FakeRunJpf.home(dir);
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
    // JDK 17 needs these for JPF's Random peer; passed unless JVM_FLAGS opens modules itself.
    assertTrue(r.err.contains(" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED "
        + "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens "
        + "java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED -jar "), r::toString);

    CliRun pass = CliRun.of("jpf", "--real", "--jpf-home", home.toString(),
        "jpf-configs/lockorder-correct.jpf");
    assertEquals(0, pass.exit, pass::toString);
  }

  @Test
  void bothEnginesRunSideBySideAndCompareTheViolatedProperty() throws Exception {
    Path home = FakeRunJpf.home(dir);
    CliRun r = CliRun.of("jpf", "--engine=both", "--jpf-home", home.toString(), "--out",
        dir.toString(), "jpf-configs/calibration-buggy-2p-1f.jpf");
    assertEquals(1, r.exit, r::toString);
    int ours = r.out.indexOf("verdict: VIOLATION");
    int theirs = r.out.indexOf("mirrorcheck: the same configuration on Java PathFinder:");
    assertTrue(ours >= 0 && theirs > ours, r::toString);
    assertTrue(r.out.trim().endsWith("engines agree: both find S3 (NoUncaughtExceptionsProperty)"),
        r::toString);

    CliRun pass = CliRun.of("jpf", "--engine=both", "--jpf-home", home.toString(),
        "jpf-configs/lockorder-correct.jpf");
    assertEquals(0, pass.exit, pass::toString);
    assertTrue(pass.out.trim().endsWith("engines agree: both complete without errors"), pass::toString);
  }

  /** A copy of a configuration in the temporary directory, its classpath made absolute. */
  private Path copy(String config, String name) throws IOException {
    String text = Files.readString(Path.of(config)).replace("${config_path}/..",
        Path.of("").toAbsolutePath().toString());
    return config(name, text);
  }

  @Test
  void aJpfCrashOrAnotherPropertyIsNeverAgreement() throws Exception {
    Path home = FakeRunJpf.home(dir);
    // JPF lacks a method: the error names no property, whatever the exit codes say.
    Path crash = copy("jpf-configs/calibration-buggy-2p-1f.jpf", "nosuchmethod.jpf");
    CliRun r = CliRun.of("jpf", "--jpf-home", home.toString(), "--out", dir.toString(),
        crash.toString());
    assertTrue(r.out.trim().endsWith("ENGINES DO NOT AGREE (JPF could not run it): Java PathFinder "
        + "failed: java.lang.NoSuchMethodError: java.util.concurrent.atomic.AtomicLong.getAndAdd(J)J"),
        r::toString);
    // Our explorer finds a deadlock (L1); JPF reports an S3 assertion instead.
    CliRun d = CliRun.of("jpf", "--jpf-home", home.toString(), "--out", dir.toString(),
        copy("jpf-configs/lockorder-buggy.jpf", "deadlock.jpf").toString());
    assertTrue(d.out.trim().endsWith("engines agree: both find L1 (NotDeadlockedProperty)"),
        d::toString);
    CliRun s3 = CliRun.of("jpf", "--jpf-home", home.toString(), "--out", dir.toString(),
        copy("jpf-configs/lockorder-buggy.jpf", "lockorder-buggy.jpf").toString());
    assertTrue(s3.out.trim().endsWith("ENGINES DO NOT AGREE (DISAGREE): Java PathFinder finds S3 "
        + "(NoUncaughtExceptionsProperty); our explorer finds L1"), s3::toString);
  }

  @Test
  void modesAndTheirOptionsAreChecked() {
    assertOneLineError(CliRun.of("jpf"), "no configuration: give FILE.jpf (or --export / --agree)");
    assertOneLineError(CliRun.of("jpf", "--mutants", "x.jpf"), "--mutants goes with --export");
    assertOneLineError(CliRun.of("jpf", "--budget", "5", "x.jpf"), "--budget goes with --agree");
    assertOneLineError(CliRun.of("jpf", "--jobs", "2", "x.jpf"), "--jobs goes with --agree");
    assertOneLineError(CliRun.of("jpf", "--agree", "--jobs", "0", "--jpf-home", "."),
        "--jobs must be in 1..64, got 0");
    assertOneLineError(CliRun.of("jpf", "--export", "--agree"),
        "--export and --agree are separate runs; give one");
  }
}

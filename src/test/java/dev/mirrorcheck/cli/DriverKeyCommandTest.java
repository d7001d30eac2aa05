package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driver:} on the command line: the class loads through --classpath or is a one-line error. */
class DriverKeyCommandTest {
  private static final String SPEC = "scenario: driven\n"
      + "driver: %s\n"
      + "pages: 1\n"
      + "mappings:\n"
      + "  - {anon: 0..0, perm: rw, populate: [10]}\n"
      + "actors:\n"
      + "  munmap: [munmap 0]\n"
      + "  dev:    [device-read 0..0 expect 10|fault]\n";

  private static Path spec(Path dir, String driver) throws IOException {
    Path f = dir.resolve("driven.yaml");
    Files.writeString(f, String.format(SPEC, driver));
    return f;
  }

  @Test
  void aMissingDriverClassIsOneLineNamingTheKey(@TempDir Path dir) throws IOException {
    Path f = spec(dir, "com.example.NoSuchDriver");
    CliRun r = CliRun.of("check", f.toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exit, r::toString);
    assertArrayEquals(new String[] {"mirrorcheck: " + f + ":2: driver class "
        + "com.example.NoSuchDriver is not on the classpath (add its classes directory or jar "
        + "with --classpath)"}, r.errorLines(), r::toString);
  }

  @Test
  void aClassThatIsNoDriverIsOneLine(@TempDir Path dir) throws IOException {
    Path f = spec(dir, "java.lang.String");
    CliRun r = CliRun.of("check", f.toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exit, r::toString);
    assertEquals(1, r.errorLines().length, r::toString);
    assertTrue(r.errorLines()[0].endsWith(":2: driver class java.lang.String does not implement "
        + "dev.mirrorcheck.driver.MirrorDriver"), r::toString);
  }

  @Test
  void theDriverLoadsThroughClasspath(@TempDir Path dir) throws IOException {
    // the test classes hold the driver; --classpath adds them (they are also on ours: harmless)
    Path f = spec(dir, "dev.mirrorcheck.driver.TinyDriver");
    CliRun r = CliRun.of("check", f.toString(), "--classpath", "target/test-classes", "--out",
        dir.resolve("out").toString());
    assertEquals(ExitCode.PASS, r.exit, r::toString);
    assertTrue(r.out.contains("driven") && r.out.contains("PASS"), r::toString);
  }

  @Test
  void aDriverThatFailsToSetUpIsReportedAndTheSummaryGivesTheRealExitCode(@TempDir Path dir)
      throws IOException {
    Path f = spec(dir, "dev.mirrorcheck.driver.TinyDriverFailingSetUp");
    CliRun r = CliRun.of("check", f.toString(), "specs/anon_teardown.yaml", "--classpath",
        "target/test-classes", "--out", dir.resolve("out").toString());
    assertEquals(ExitCode.INTERNAL, r.exit, r::toString);
    assertTrue(r.out.contains("the device did not probe"), r::toString);
    assertTrue(r.out.contains("anon_teardown") && r.out.contains("PASS"), r::toString);
    assertTrue(r.out.contains("summary: 1 pass, 1 internal error (exit code 4)"), r::toString);
  }
}

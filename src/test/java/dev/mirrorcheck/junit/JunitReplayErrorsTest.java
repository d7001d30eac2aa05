package dev.mirrorcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} of {@code junit} counterexamples it cannot rebuild: one line, exit code 2. */
class JunitReplayErrorsTest {
  @TempDir Path dir;

  @Test
  void unknownTestClassSuggestsClasspath() throws IOException {
    String err = replayExpectingUsageError(file("com.example.NoSuchTest", "m"));
    assertTrue(err.contains("test class com.example.NoSuchTest not found") && err.contains("--classpath"),
        err);
  }

  @Test
  void methodWithoutWorldParametersIsRejected() throws IOException {
    String err = replayExpectingUsageError(
        file("dev.mirrorcheck.junit.fixtures.FailingExplorations", "noSuchMethod"));
    assertTrue(err.contains("no method 'noSuchMethod' whose parameters are all World"), err);
  }

  @Test
  void missingClasspathEntryIsAUsageError() throws IOException {
    String err =
        replayExpectingUsageError(file("x.Y", "m"), "--classpath", dir.resolve("nope").toString());
    assertTrue(err.contains("--classpath: no such directory or jar"), err);
  }

  private String replayExpectingUsageError(Path file, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[options.length + 2];
    args[0] = "replay";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = file.toString();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(2, exit, out + "\n" + err);
    assertEquals(1, err.toString().lines().count(), err::toString);
    assertTrue(err.toString().startsWith("mirrorcheck: "), err::toString);
    return err.toString();
  }

  private Path file(String className, String method) throws IOException {
    Path f = dir.resolve("cx.json");
    Files.writeString(f, "{\"format\": \"mirrorcheck-counterexample/1\", "
        + "\"harness\": {\"kind\": \"junit\", \"params\": {\"class\": \"" + className
        + "\", \"method\": \"" + method + "\"}}, "
        + "\"violation\": {\"kind\": \"ASSERTION\", \"message\": \"m\", \"steps\": 0}, "
        + "\"schedule\": []}");
    return f;
  }
}

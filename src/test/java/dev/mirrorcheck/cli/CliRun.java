package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One in-process run of the command line, with its exit code and captured output. */
final class CliRun {
  final int exit;
  final String out;
  final String err;

  private CliRun(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** The run directory a {@code check} printed ({@code report: DIR/index.html}). */
  Path runDir() {
    Matcher m = Pattern.compile("report: (\\S+)index.html").matcher(out);
    assertTrue(m.find(), this::toString);
    return Path.of(m.group(1));
  }

  /** Stderr lines, ignoring progress lines (a slow machine may print some). */
  String[] errorLines() {
    return err.lines().filter(l -> !l.matches("mirrorcheck: \\w+: [\\d,]+ executions.*"))
        .toArray(String[]::new);
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}

package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirrorcheck.calibration.MirrorCalibration;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Estimate;
import dev.mirrorcheck.explore.Progress;
import dev.mirrorcheck.explore.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help texts, exit codes, the command list, suggestions for misspelt names, the progress line. */
class CliPolishTest {
  @TempDir Path tmp;

  @Test
  void everyCommandListsItsOwnExitCodesAndNoOtherCommands() {
    CommandLine cl = Main.commandLine();
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      String name = e.getKey();
      if (name.equals("help")) {
        continue;
      }
      assertTrue(e.getValue().getCommand() instanceof ExitCodes, "command '" + name + "' must "
          + "implement ExitCodes: its --help lists the exit codes it returns");
      Map<Integer, String> codes = ((ExitCodes) e.getValue().getCommand()).exitCodes();
      CliRun help = CliRun.of(name, "--help");
      assertEquals(0, help.exit, help.toString());
      String section = help.out.substring(help.out.indexOf("Exit codes:"));
      for (Map.Entry<Integer, String> c : codes.entrySet()) {
        assertTrue(section.contains("  " + c.getKey() + "   " + c.getValue().substring(0, 20)),
            name + " --help lists exit code " + c.getKey() + "\n" + section);
      }
      for (String other : cl.getSubcommands().keySet()) {
        if (!other.equals(name)) {
          assertFalse(section.contains(other + ":"), name + " --help speaks of " + other + "\n"
              + section);
        }
      }
    }
    CliRun mutants = CliRun.of("mutants", "--help");
    assertTrue(mutants.out.contains("  3   every mutation killed, but"), mutants.out);
  }

  @Test
  void withoutACommandEveryCommandIsNamed() {
    CliRun r = CliRun.of();
    assertEquals(ExitCode.USAGE, r.exit);
    for (String name : Main.commandNames()) {
      assertTrue(r.err.contains(name), name + " in " + r.err);
    }
    assertTrue(r.err.contains("compare"), r.err);
  }

  @Test
  void misspeltNamesGetASuggestion() throws Exception {
    CliRun p = CliRun.of("check", "specs/anon_teardown.yaml", "--property", "S33");
    assertTrue(p.err.contains("did you mean 'S3'?"), p.err);
    CliRun m = CliRun.of("check", "specs/anon_teardown.yaml", "--mutation", "M44");
    assertTrue(m.err.contains("unknown mutation 'M44'; did you mean 'M4', 'M14' or 'M24'?"), m.err);
    Path op = spec("op.yaml", "actors:\n  a: [munmapp 0]\n");
    CliRun o = CliRun.of("check", op.toString());
    assertEquals(ExitCode.USAGE, o.exit);
    assertTrue(o.err.startsWith("mirrorcheck: " + op + ":6: unknown operation 'munmapp'; did you "
        + "mean 'munmap'?"), o.err);
    Path key = spec("key.yaml", "actors:\n  a: [munmap 0]\nmust-reech: [install]\n");
    CliRun k = CliRun.of("check", key.toString());
    assertTrue(k.err.contains(":7: unknown key 'must-reech' in a spec; did you mean 'must-reach'?"),
        k.err);
    Path label = spec("label.yaml", "actors:\n  a: [munmap 0]\nmust-reach: [instal, zap_dev_pt]\n");
    CliRun l = CliRun.of("check", label.toString());
    assertEquals(ExitCode.USAGE, l.exit);
    assertEquals("mirrorcheck: " + label + ":7: must-reach: unknown label 'instal' for design "
        + "modern; did you mean 'install'? (see 'mirrorcheck list labels modern')", l.errorLines()[0]);
    CliRun list = CliRun.of("list", "labels", "modern");
    assertTrue(list.out.contains("install") && list.out.contains("dmirror driver:"), list.out);
  }

  @Test
  void progressIsOneUpdatingLineOnATerminalAndSparseInALog() throws Exception {
    long[] now = {0};
    Progress p = progress(1000, 5000, 2000);
    StringWriter log = new StringWriter();
    ProgressLine inLog = new ProgressLine(new PrintWriter(log), "spec", ProgressLine.Mode.LOG,
        () -> now[0]);
    for (int s = 1; s <= 25; s++) {
      now[0] = s * 1_000_000_000L;
      inLog.accept(p);
    }
    inLog.close();
    assertEquals(2, log.toString().lines().count(), "a line at most every 10 s:\n" + log);
    assertEquals("mirrorcheck: spec: 1,000 executions (500/s), 5,000 steps, 2.0s elapsed, 1/1 worker "
        + "busy, est. total 2.5k–4.0k executions, 25–40% done", log.toString().lines().findFirst()
        .orElseThrow());
    StringWriter term = new StringWriter();
    ProgressLine onTerminal = new ProgressLine(new PrintWriter(term), "spec",
        ProgressLine.Mode.TERMINAL, () -> now[0]);
    onTerminal.accept(p);
    onTerminal.accept(p);
    onTerminal.close();
    String t = term.toString();
    assertFalse(t.contains("\n"), "one line, rewritten in place");
    assertEquals(3, t.chars().filter(c -> c == '\r').count() - 1, t);
    assertTrue(t.endsWith("\r"), "erased at the end");
  }

  @Test
  void aTraceIsNeverLongerThanTheLongestExecution() {
    Result r = new Explorer(ExplorerOptions.builder().build())
        .explore(new MirrorCalibration(3, 2, true));
    assertEquals(Result.Verdict.VIOLATION, r.verdict());
    int steps = r.findings().get(0).steps();
    assertTrue(r.statistics().maxDepth() >= steps, "longest execution " + r.statistics().maxDepth()
        + " steps, counterexample " + steps + " steps");
  }

  private Path spec(String file, String tail) throws Exception {
    Path f = tmp.resolve(file);
    Files.writeString(f, "scenario: s\npages: 1\nframes: 3\nmappings: [{anon: 0, perm: rw}]\n" + tail);
    return f;
  }

  private static Progress progress(long executions, long transitions, long millis) throws Exception {
    Constructor<Progress> c = Progress.class.getDeclaredConstructor(long.class, long.class,
        long.class, int.class, int.class, int.class, Estimate.Range.class);
    c.setAccessible(true);
    return c.newInstance(executions, transitions, millis, 0, 1, 1,
        new Estimate.Range(2500, 4000, executions));
  }
}

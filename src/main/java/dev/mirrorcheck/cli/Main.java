package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.HarnessException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code mirrorcheck} command line. Every user error is one line on stderr and exit code 2; no
 * stack trace reaches the user unless {@code MIRRORCHECK_DEBUG} is set.
 */
@Command(name = "mirrorcheck", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Exhaustive interleaving checker for Linux HMM device-mirroring protocols: explores every "
          + "interleaving of a bounded harness (up to partial-order equivalence) and reports "
          + "violations with replayable counterexamples."
    },
    subcommands = {CheckCommand.class, MutantsCommand.class, CompareCommand.class, FuzzCommand.class,
        ListCommand.class, ReportCommand.class,
        CalibrationCommand.class, ReplayCommand.class, BenchCommand.class, JpfCommand.class,
        SelftestCommand.class, WorkerCommand.class, HelpCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck check specs/",
      "  ./mirrorcheck mutants --quick",
      "  ./mirrorcheck calibration --pages 3 --faulters 2 --buggy",
      "  ./mirrorcheck replay \\",
      "      target/mirrorcheck/counterexamples/calibration-pages3-faulters2-buggy-error1.json",
      "  ./mirrorcheck bench --quick",
      "  ./mirrorcheck jpf jpf-configs/calibration-correct-3p-2f.jpf",
      "  ./mirrorcheck selftest --programs 5000",
      "  ./mirrorcheck help calibration",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {})
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line on the process's stdout and stderr; returns the exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line with the given output streams (tests capture them); returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine()
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(Main::parameterError)
        .setExecutionExceptionHandler((e, cmd, parsed) -> executionError(e, cmd.getErr()));
    SelftestCommand.describeFeatures(cl.getSubcommands().get("selftest"));
    try {
      return cl.execute(args);
    } catch (StackOverflowError e) {
      err.println("mirrorcheck: stack overflow while running a harness (the launcher passes -Xss4m; "
          + "a deeper harness needs a larger -Xss)");
      debug(e, err);
      return ExitCode.INTERNAL;
    } catch (OutOfMemoryError e) {
      err.println("mirrorcheck: out of memory (raise -Xmx, or bound the harness more tightly)");
      return ExitCode.INTERNAL;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line with every subcommand registered and each one's exit codes in its help: they
   * come from the command itself ({@link ExitCodes}), so a new command brings its own.
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main())
        .setUsageHelpWidth(100); // room for the example paths on one line
    Map<String, String> general = new LinkedHashMap<>();
    for (String line : ExitCode.GENERAL) {
      int colon = line.indexOf(':');
      general.put(colon < 0 ? "" : line.substring(0, colon), colon < 0 ? line : line.substring(colon + 1));
    }
    cl.getCommandSpec().usageMessage().exitCodeList(general);
    for (CommandLine sub : cl.getSubcommands().values()) {
      Object command = sub.getCommand();
      if (command instanceof ExitCodes) {
        Map<String, String> codes = new LinkedHashMap<>();
        ((ExitCodes) command).exitCodes().forEach((code, what) -> codes.put(code.toString(), what));
        sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
            .exitCodeList(codes);
      }
    }
    return cl;
  }

  /** The names of every command, in the order of the help (the {@code help} command last). */
  static List<String> commandNames() {
    return new ArrayList<>(commandLine().getSubcommands().keySet());
  }

  /** Without a subcommand there is nothing to do. */
  @Override
  public Integer call() {
    throw new UserError("no command given; the commands are " + String.join(", ", commandNames())
        + " (see 'mirrorcheck --help')");
  }

  private static int parameterError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    String message = oneLine(e.getMessage());
    if (e instanceof UnmatchedArgumentException) {
      List<String> suggestions = ((UnmatchedArgumentException) e).getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions) + "?";
      }
    }
    err.println("mirrorcheck: " + message + " (see '"
        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
    return ExitCode.USAGE;
  }

  private static int executionError(Exception e, PrintWriter err) {
    if (e instanceof UserError || e instanceof CounterexampleFile.InvalidFileException) {
      err.println("mirrorcheck: " + oneLine(e.getMessage()));
      return ExitCode.USAGE;
    }
    if (e instanceof HarnessException) {
      err.println("mirrorcheck: harness error: " + oneLine(String.valueOf(e.getMessage())));
      debug(e, err);
      return ExitCode.USAGE;
    }
    if (e instanceof IOException) {
      err.println("mirrorcheck: " + oneLine(String.valueOf(e.getMessage())));
      return ExitCode.USAGE;
    }
    err.println("mirrorcheck: internal error: " + oneLine(e.toString())
        + " (set MIRRORCHECK_DEBUG=1 for the stack trace)");
    debug(e, err);
    return ExitCode.INTERNAL;
  }

  /** Stack traces are for mirrorcheck's developers, who ask for them. */
  static void debug(Throwable e, PrintWriter err) {
    if (System.getenv("MIRRORCHECK_DEBUG") != null) {
      e.printStackTrace(err);
    }
  }

  /** How the user started mirrorcheck (the launcher passes it), for commands printed to paste. */
  static String launcher() {
    return System.getProperty("mirrorcheck.command", "./mirrorcheck");
  }

  static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").trim();
  }
}

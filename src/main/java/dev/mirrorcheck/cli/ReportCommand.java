package dev.mirrorcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mirrorcheck report [RUN_DIR]}: summarises a {@code check} run from its {@code run.json} and
 * names its report files (by default the newest run).
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    header = "Summarise a check run and show where its reports are.",
    description = "Reads OUT/<run-id>/run.json (default: the newest run under OUT) and prints each "
        + "spec's verdict, statistics and report files, for handing to a reviewer or a CI log.",
    footerHeading = "%nExamples:%n",
    footer = {"  ./mirrorcheck report", "  ./mirrorcheck report target/mirrorcheck/20261128-163012"})
final class ReportCommand implements Callable<Integer>, ExitCodes {
  @picocli.CommandLine.Spec CommandSpec command;

  @Parameters(paramLabel = "RUN_DIR", arity = "0..1", description = "A run directory.")
  Path runDir;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where run directories are looked for. Default: target/mirrorcheck.")
  Path out = Path.of("target/mirrorcheck");

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "the run was summarised",
        ExitCode.USAGE, "no run found, or its run.json is unreadable",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    Path dir = runDir != null ? runDir : newest().orElseThrow(() ->
        new UserError("no check run under " + out + " (run './mirrorcheck check specs/' first)"));
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) {
      throw new UserError(dir + ": not a check run (no run.json)");
    }
    JsonNode run;
    try {
      run = new ObjectMapper().readTree(runJson.toFile());
    } catch (IOException e) {
      throw new UserError(runJson + ": cannot read: " + e.getMessage());
    }
    JsonNode info = run.path("run");
    JsonNode summary = run.path("summary");
    o.printf("run %s (%s), %s, exit code %s%n", info.path("id").asText(),
        info.path("startTime").asText(), summary.path("headline").asText(summary.path("verdict")
            .asText()), summary.path("exitCode").asText("?"));
    for (JsonNode spec : run.path("specs")) {
      JsonNode stats = spec.path("statistics");
      o.printf("  %-36s %-24s %,10d executions %,8d ms%s%n", spec.path("name").asText(),
          spec.path("outcome").path("headline").asText(spec.path("verdict").path("status").asText()),
          stats.path("executions").asLong(),
          stats.path("wallMillis").asLong(),
          spec.path("warnings").size() > 0 ? "  (" + spec.path("warnings").size() + " warning(s))" : "");
    }
    o.println("index: " + CounterexampleOutput.display(dir.resolve("index.html")));
    return ExitCode.PASS;
  }

  private Optional<Path> newest() {
    if (!Files.isDirectory(out)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("run.json")))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    } catch (IOException e) {
      throw new UserError("cannot list " + out + ": " + e.getMessage());
    }
  }
}

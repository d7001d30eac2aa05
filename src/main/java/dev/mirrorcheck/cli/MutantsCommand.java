package dev.mirrorcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.report.RunReport;
import dev.mirrorcheck.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code mirrorcheck mutants}: the kill matrix. Every scenario must pass with the correct protocol;
 * every catalogue mutation that applies to the scenarios' designs must make some scenario fail.
 */
@Command(name = "mutants", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Run the mutation catalogue against the scenario library and print the kill matrix.",
    description = {
      "Checks every spec with the correct protocol (each must pass), then with each catalogue "
          + "mutation switched on: a mutation is killed when some scenario finds a violation. The "
          + "matrix shows, per mutation and scenario, the property that caught it and the length of "
          + "the counterexample, or '.' when that scenario did not catch it.",
      "",
      "--quick runs only the pairs the specs designate with 'kills:'. Exits 1 when a mutation "
          + "survives every scenario, a designated pair does not kill, or the correct protocol fails. "
          + "Also writes kill-matrix.md and kill-matrix.json under OUT/<run-id>/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck mutants --quick          # designated pairs only (fast)",
      "  ./mirrorcheck mutants specs/           # every applicable mutation x every scenario",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every mutation killed, the correct protocol passes every scenario",
        "1:a mutation survived, a designated kill failed, or the correct protocol failed",
        ExitCode.HELP_2, ExitCode.HELP_4})
final class MutantsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;

  @Mixin SpecLibraryMixin library = new SpecLibraryMixin();

  @Option(names = "--quick", description = "Only the pairs designated by each spec's 'kills:'.")
  boolean quick;

  @Mixin OutDirMixin out = new OutDirMixin();

  @Mixin ExplorerOptionsMixin explorer = new ExplorerOptionsMixin();

  @Override
  public Integer call() {
    PrintWriter o = command.commandLine().getOut();
    PrintWriter e = command.commandLine().getErr();
    List<Spec> specs = library.specs();
    Set<Mutation> required = Mutants.applicable(specs);
    boolean failed = false;

    o.printf("mirrorcheck mutants%s: %d scenario(s), %d catalogue mutation(s) apply%n",
        quick ? " --quick" : "", specs.size(), required.size());
    o.println("correct protocol:");
    for (Spec spec : specs) {
      SpecCheck.Outcome r = run(spec, Mutations.copyOf(spec.mutations()), e, true, Set.of());
      boolean ok = r.asExpected();
      failed |= !ok;
      o.printf("  %-36s %s%n", spec.name(), ok ? "as expected (" + r.result.verdict() + ")"
          : "FAILED: " + r.result.verdict() + (r.result.findings().isEmpty() ? ""
              : " " + r.result.findings().get(0)));
      o.flush();
    }

    Map<Mutation, Map<Spec, KillCell>> matrix = new LinkedHashMap<>();
    for (Mutation m : required) {
      matrix.put(m, new LinkedHashMap<>());
    }
    for (Spec spec : specs) {
      for (Mutation m : required) {
        boolean designated = spec.kills().contains(m);
        // a scenario that already violates with the correct protocol cannot show a kill
        if (!m.appliesTo(spec.design(), spec.options()) || (quick && !designated)
            || spec.expect() == Spec.Expect.VIOLATION) {
          continue;
        }
        List<Mutation> muts = new ArrayList<>(spec.mutations());
        muts.add(m);
        SpecCheck.Outcome r = run(spec, Mutations.copyOf(muts), e, false, m.breaks());
        KillCell c = new KillCell(m, r.result);
        matrix.get(m).put(spec, c);
        if (designated && !c.killed()) {
          failed = true;
          o.printf("  designated pair %s x %s did not kill (%s)%n", m, spec.name(), r.result.verdict());
        }
      }
    }

    printMatrix(o, specs, matrix);
    o.println("mutations:");
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      Mutation m = row.getKey();
      KillCell best = null;
      Spec bestSpec = null;
      int killers = 0;
      for (Map.Entry<Spec, KillCell> c : row.getValue().entrySet()) {
        KillCell cell = c.getValue();
        if (cell.killed()) {
          killers++;
          if (best == null || (cell.catalogued && !best.catalogued)
              || (cell.catalogued == best.catalogued && cell.shown.steps() < best.shown.steps())) {
            best = cell;
            bestSpec = c.getKey();
          }
        }
      }
      if (best == null) {
        failed = true;
        o.printf("  %-4s SURVIVED   %s%n", m, m.title());
      } else {
        Finding f = best.shown;
        if (!best.catalogued) {
          failed = true;
        }
        o.printf("  %-4s killed by %d scenario(s); shortest: %s, %s in %d steps%s   %s%n", m, killers,
            bestSpec.name(), f.property() == null ? f.kind() : f.property(), f.steps(),
            best.catalogued ? "" : " (NOT a property the catalogue names: "
                + String.join(", ", m.breaks()) + ")", m.title());
      }
    }
    writeFiles(o, specs, matrix);
    o.println(failed ? "RESULT: FAILED" : "RESULT: every mutation killed, correct protocol passes");
    return failed ? ExitCode.VIOLATION : ExitCode.PASS;
  }

  private SpecCheck.Outcome run(Spec spec, Mutations muts, PrintWriter e, boolean stopAtFirst,
      Set<String> stopOn) {
    return SpecCheck.quiet(spec, muts, explorer, stopAtFirst, stopOn, e,
        out.resolve("mutants-counterexamples"));
  }

  private static void printMatrix(PrintWriter o, List<Spec> specs, Map<Mutation, Map<Spec, KillCell>> matrix) {
    o.println("kill matrix (property@steps; * = not a property the catalogue names for it; "
        + "'.' = not caught; blank = not run):");
    StringBuilder header = new StringBuilder("       ");
    for (int i = 0; i < specs.size(); i++) {
      header.append(String.format("%-9s", "#" + (i + 1)));
    }
    o.println(header);
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      StringBuilder sb = new StringBuilder(String.format("  %-5s", row.getKey()));
      for (Spec s : specs) {
        KillCell c = row.getValue().get(s);
        sb.append(String.format("%-9s", c == null ? "" : c.text()));
      }
      o.println(sb.toString().stripTrailing());
    }
    for (int i = 0; i < specs.size(); i++) {
      o.printf("  #%-3d %s (%s)%n", i + 1, specs.get(i).name(),
          specs.get(i).design().word());
    }
  }

  private void writeFiles(PrintWriter o, List<Spec> specs, Map<Mutation, Map<Spec, KillCell>> matrix) {
    Instant now = Instant.now();
    Path dir = out.resolve(RunReport.defaultRunId(now));
    StringBuilder md = new StringBuilder("# Kill matrix\n\n| mutation | title |");
    for (Spec s : specs) {
      md.append(' ').append(s.name()).append(" |");
    }
    md.append("\n|---|---|").append("---|".repeat(specs.size())).append('\n');
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("schema", "mirrorcheck-kill-matrix/1");
    root.put("quick", quick);
    ArrayNode rows = root.putArray("mutations");
    for (Map.Entry<Mutation, Map<Spec, KillCell>> row : matrix.entrySet()) {
      md.append("| ").append(row.getKey()).append(" | ").append(row.getKey().title().replace("|", "\\|"))
          .append(" |");
      ObjectNode r = rows.addObject();
      r.put("id", row.getKey().name());
      r.put("title", row.getKey().title());
      ArrayNode cells = r.putArray("scenarios");
      boolean killed = false;
      for (Spec s : specs) {
        KillCell c = row.getValue().get(s);
        md.append(' ').append(c == null ? "" : c.text()).append(" |");
        if (c != null) {
          ObjectNode cell = cells.addObject();
          cell.put("scenario", s.name());
          cell.put("killed", c.killed());
          if (c.killed()) {
            Finding f = c.shown;
            cell.put("catalogued", c.catalogued);
            cell.put("property", f.property());
            cell.put("kind", f.kind().name());
            cell.put("steps", f.steps());
            killed = true;
          }
          cell.put("executions", c.result.statistics().executions());
        }
      }
      r.put("killed", killed);
      md.append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("kill-matrix.md"), md.toString(), StandardCharsets.UTF_8);
      json.writeValue(dir.resolve("kill-matrix.json").toFile(), root);
      o.println("kill matrix: " + CounterexampleOutput.display(dir.resolve("kill-matrix.md")));
    } catch (IOException ex) {
      throw new UserError("cannot write the kill matrix under " + dir + ": " + ex.getMessage());
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.check.Property;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.fuzz.ScenarioGenerator;
import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.spec.Op;
import dev.mirrorcheck.spec.OpKind;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code mirrorcheck fuzz}: generates random scenarios of every design and checks the correct
 * protocol on them. Any violation, any bound hit (resources are generous, so one points at the model)
 * and any error of the model is a finding, written out as a spec to check and triage; a finding that
 * a spec of the library already documents as an expected violation of its design is listed as known.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Hunt model artifacts: check the correct protocol on random scenarios of every design.",
    description = {
      "Generates scenarios (a few pages, mappings, devices or RDMA regions, a fork child, two or "
          + "three actors running operations of the design) from a seed, explores each with every "
          + "property of its design and reports what the correct protocol should never show: a "
          + "violation, a bound hit, an error in the model. Each distinct finding is written as a "
          + "spec under OUT/fuzz-SEED/ to check and keep as a regression. The same seed and options "
          + "generate the same scenarios."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck fuzz --seed 7 --time-limit 600            # ten minutes over every design",
      "  ./mirrorcheck fuzz --seed 1 --scenarios 50 --design odp  # fifty ODP scenarios",
    })
final class FuzzCommand implements Callable<Integer>, ExitCodes {
  /** Observers: operations that only look, left out when matching a documented finding's triggers. */
  private static final Set<OpKind> OBSERVERS = EnumSet.of(OpKind.CPU_READ, OpKind.DMA_READ,
      OpKind.RDMA_READ, OpKind.SNAPSHOT, OpKind.DEVICE_READ, OpKind.CHECK_EXCLUSIVE);

  /**
   * Operations that invalidate a range and free its pages, one trigger as far as matching goes: a
   * finding documented through munmap is the same finding reached through madvise, reclaim or the
   * OOM reaper (the 2015 RFC's close window is met by all four).
   */
  private static final Set<OpKind> ZAPS = EnumSet.of(OpKind.MUNMAP, OpKind.MADVISE_DONTNEED,
      OpKind.PAGEOUT, OpKind.OOM_REAP);

  @picocli.CommandLine.Spec CommandSpec command;

  @Override
  public java.util.Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "no finding (or only findings the spec library documents)",
        ExitCode.VIOLATION, "a new finding: a violation, bound hit or model error on the correct "
            + "protocol",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the generator. Default: 1.")
  long seed = 1;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "Stop generating after this many seconds. Default: 60.")
  long timeLimit = 60;

  @Option(names = "--scenarios", paramLabel = "N",
      description = "Stop after N scenarios per design. Default: no limit (the time limit applies).")
  Integer scenarios;

  @Option(names = "--design", paramLabel = "D",
      description = "Fuzz only this design (repeatable): modern, odp, hmm2015, legacy-odp. "
          + "Default: all of them, in turn.")
  List<String> designWords = new ArrayList<>();

  @Option(names = "--per-scenario", paramLabel = "SECONDS",
      description = "Time limit of one scenario's exploration; one that runs out is counted as "
          + "too large, not as a finding. Default: 10.")
  long perScenario = 10;

  @Option(names = "--known", paramLabel = "DIR",
      description = "The spec library whose expected violations are documented findings. "
          + "Default: specs (when it exists).")
  Path known = Path.of("specs");

  @picocli.CommandLine.Mixin OutDirMixin out = new OutDirMixin();

  @picocli.CommandLine.Mixin ThreadsMixin threads = new ThreadsMixin();

  /** A distinct finding: its first scenario and how often it came back. */
  private static final class Seen {
    final String summary;
    final Path file;
    final String known;
    int count = 1;

    Seen(String summary, Path file, String known) {
      this.summary = summary;
      this.file = file;
      this.known = known;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter o = command.commandLine().getOut();
    List<Design> designs = designs();
    if (timeLimit <= 0 || perScenario <= 0 || (scenarios != null && scenarios <= 0)) {
      throw new UserError("--time-limit, --per-scenario and --scenarios must be positive");
    }
    List<Spec> documented = documented();
    Path dir = out.resolve("fuzz-" + seed);
    long deadline = System.nanoTime() + Duration.ofSeconds(timeLimit).toNanos();
    Map<String, Seen> findings = new LinkedHashMap<>();
    Map<Design, int[]> perDesign = new LinkedHashMap<>(); // scenarios, incomplete
    long executions = 0;
    long start = System.nanoTime();
    o.printf("mirrorcheck fuzz: seed %d, designs %s%n", seed, words(designs));
    o.flush();
    int index = 0;
    while (System.nanoTime() < deadline && (scenarios == null || index < scenarios)) {
      for (Design d : designs) {
        if (System.nanoTime() >= deadline) {
          break;
        }
        String text = new ScenarioGenerator(d, ScenarioGenerator.Shape.RACE).generate(seed, index);
        int[] counts = perDesign.computeIfAbsent(d, k -> new int[2]);
        counts[0]++;
        Spec spec;
        try {
          spec = SpecParser.parse("fuzz-" + seed + "-" + index + "-" + d.word() + ".yaml", text);
        } catch (SpecException e) {
          record(findings, dir, d, "the generator wrote a spec the parser rejects: " + e.getMessage(),
              text, null, o);
          continue;
        }
        Result r;
        try {
          r = explore(spec);
        } catch (RuntimeException e) {
          record(findings, dir, d, "model error: " + Main.oneLine(String.valueOf(e)), text, null, o);
          continue;
        }
        executions += r.statistics().executions();
        String finding = finding(r);
        if (finding == null) {
          counts[1] += r.verdict() == Result.Verdict.INCOMPLETE ? 1 : 0;
          continue;
        }
        String known = r.verdict() == Result.Verdict.VIOLATION
            ? knownBy(spec, r.findings().get(0).property(), documented) : null;
        record(findings, dir, d, finding, text, known, o);
      }
      index++;
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    StringBuilder per = new StringBuilder();
    int total = 0;
    for (Map.Entry<Design, int[]> e : perDesign.entrySet()) {
      per.append(per.length() == 0 ? "" : ", ").append(e.getKey().word()).append(' ')
          .append(e.getValue()[0]).append(" (").append(e.getValue()[1]).append(" too large)");
      total += e.getValue()[0];
    }
    o.printf("fuzz: %,d scenarios (%s), %,d executions, %d s%n", total, per, executions, seconds);
    int fresh = 0;
    for (Seen s : findings.values()) {
      fresh += s.known == null ? 1 : 0;
      o.printf("  %s %s x%d: %s%n", s.known == null ? "FINDING" : "known  ", s.file, s.count,
          s.known == null ? s.summary : s.summary + " (documented by " + s.known + ")");
    }
    o.printf("fuzz: %d new finding(s), %d documented%n", fresh, findings.size() - fresh);
    return fresh == 0 ? ExitCode.PASS : ExitCode.VIOLATION;
  }

  private List<Design> designs() {
    List<Design> out = new ArrayList<>();
    for (String w : designWords) {
      Design d = Design.byWord(w.trim().toLowerCase(Locale.ROOT));
      if (d == null) {
        throw new UserError("--design: unknown design '" + w + "' (modern, odp, hmm2015, legacy-odp)");
      }
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    if (out.isEmpty()) {
      out.addAll(ScenarioGenerator.allDesigns());
    }
    return out;
  }

  private Result explore(Spec spec) {
    List<Property> properties = SpecChecks.select(spec, List.of());
    ExplorerOptions options = ExplorerOptions.builder().maxSteps(spec.maxSteps())
        .timeLimit(Duration.ofSeconds(perScenario)).threads(threads.threads()).build();
    return new Explorer(options).explore(
        SpecChecks.harness(spec, Mutations.none(), properties, SpecChecks.checksData(spec, List.of())));
  }

  /** What the correct protocol should never show, in one line; null for a pass or a too-large one. */
  private static String finding(Result r) {
    switch (r.verdict()) {
      case VIOLATION: {
        Finding f = r.findings().get(0);
        return "VIOLATION " + (f.property() == null ? f.kind() : f.property()) + ": " + f.message();
      }
      case BOUND_HIT:
        return "BOUND_HIT: " + (r.boundExample() == null ? "step bound"
            : BoundDiagnosis.of(r.boundExample(), List.of()).summary());
      default:
        return null;
    }
  }

  /**
   * The file of a library spec documenting a violation of {@code property} found on {@code spec}:
   * same design, the property among those it expects, no more memory regions or devices than the
   * finding has (two MRs over a page is another finding than one), and its triggering operations
   * (all but the observers) among the finding's; null when none does.
   */
  static String knownBy(Spec spec, String property, List<Spec> documented) {
    Set<OpKind> kinds = kinds(spec);
    for (Spec d : documented) {
      if (d.design() == spec.design() && d.expectProperties().contains(property)
          && d.umems().size() <= spec.umems().size() && d.devices() <= spec.devices()) {
        Set<OpKind> triggers = kinds(d);
        triggers.removeAll(OBSERVERS);
        if (kinds.containsAll(triggers)) {
          return d.file();
        }
      }
    }
    return null;
  }

  /** The kinds of a spec's operations, each zap ({@link #ZAPS}) counted as munmap. */
  private static Set<OpKind> kinds(Spec spec) {
    Set<OpKind> out = EnumSet.noneOf(OpKind.class);
    for (List<Op> ops : spec.actors().values()) {
      for (Op op : ops) {
        out.add(ZAPS.contains(op.kind()) ? OpKind.MUNMAP : op.kind());
      }
    }
    return out;
  }

  /** The library's specs that expect a violation of the correct protocol, in each of their designs. */
  private List<Spec> documented() {
    List<Spec> out = new ArrayList<>();
    if (!Files.isDirectory(known)) {
      return out;
    }
    for (Spec s : SpecFiles.load(SpecFiles.find(List.of(known)), spec -> { }).specs) {
      if (s.expect() == Spec.Expect.VIOLATION && s.mutations().isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private void record(Map<String, Seen> findings, Path dir, Design d, String summary, String text,
      String known, PrintWriter o) throws IOException {
    String key = d.word() + "|" + summary.replaceAll("\\d+", "N");
    Seen seen = findings.get(key);
    if (seen != null) {
      seen.count++;
      return;
    }
    Files.createDirectories(dir);
    String name = text.lines().filter(l -> l.startsWith("scenario: ")).findFirst()
        .map(l -> l.substring("scenario: ".length())).orElse("fuzz") + ".yaml";
    Path file = dir.resolve(name);
    Files.writeString(file, "# fuzz finding on the correct protocol: " + summary.replace('\n', ' ')
        + "\n" + text);
    Path shown = CounterexampleOutput.display(file);
    findings.put(key, new Seen(summary, shown, known));
    o.printf("  %s %s: %s%n", known == null ? "finding" : "known  ", shown, summary);
    o.flush();
  }

  private static String words(List<Design> designs) {
    StringBuilder sb = new StringBuilder();
    for (Design d : designs) {
      sb.append(sb.length() == 0 ? "" : ", ").append(d.word());
    }
    return sb.toString();
  }
}

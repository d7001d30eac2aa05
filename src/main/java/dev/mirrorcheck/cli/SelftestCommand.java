package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.selftest.Differential;
import dev.mirrorcheck.selftest.Feature;
import dev.mirrorcheck.selftest.ProgramText;
import dev.mirrorcheck.selftest.Selftest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mirrorcheck selftest}: the explorer against an independent brute-force reference. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Check the explorer against an independent brute-force enumerator on random programs.",
    description = {
      "Generate random concurrent programs over every facade primitive (cells, arrays, CAS, mutexes "
          + "with trylock, rw-semaphores with trylocks in both writer-priority settings, wait queues "
          + "with waitUntil, sleep and wakeAll, atomic blocks, choose, assertions, invariants with "
          + "guards, end checks, branches and retry loops, spawn and join) and run each through the "
          + "explorer (the default reduction, optimal DPOR, which gives way to source-DPOR at a "
          + "context-dependent step; --reduce both adds source-DPOR's variants) with block "
          + "reduction off and on, and through "
          + "a reference that compiles the "
          + "program to a tiny instruction set and enumerates every reachable state. Their final "
          + "states, violations (kind and property) and deadlocks must be the same.",
      "",
      "A disagreement is shrunk to a small program, printed and saved under OUT/selftest/ in the "
          + "text form the regression corpus uses; the run stops after three. Programs too large for "
          + "either engine are skipped and counted."
    },
    footerHeading = "%nFeatures (for --features):%n")
final class SelftestCommand implements Callable<Integer>, ExitCodes {
  private static final int MAX_PROGRAMS = 10_000_000;
  /** Features whose steps are all fixed-footprint: programs on which optimal DPOR never gives way. */
  private static final String FIXED_FOOTPRINT =
      "arrays,cell-types,add,xchg,mutex,branch,retry,assert,end-check,spawn-join,held";

  @Spec CommandSpec spec;

  @Option(names = "--programs", paramLabel = "N",
      description = "Programs to generate, 1.." + MAX_PROGRAMS + ". Default: 1000.")
  int programs = 1000;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the first program; program i uses S + i. Default: 1.")
  long seed = 1;

  @Option(names = "--features", paramLabel = "F,F,...", split = ",", hideParamSyntax = true,
      description = "Generate only these features (plain reads and writes always). Default: all.")
  List<String> features;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "Stop generating after this many seconds. Default: no limit.")
  Long timeLimitSeconds;

  @Option(names = "--symmetry",
      description = "The symmetry oracle: programs with interchangeable actors (one actor copied),"
          + " explored without symmetry reduction and with each of its modes; final states must"
          + " agree with the reference up to a renaming of the copies.")
  boolean symmetry;

  @Option(names = "--reduce", paramLabel = "source|optimal|both",
      description = "Which DPOR algorithm's explorer variants to compare with the reference: "
          + "optimal (default, the default reduction), source or both. With optimal, the output "
          + "says how many of its runs stayed optimal (the others gave way to source-DPOR); "
          + "--features with fixed-footprint features only keeps optimal DPOR itself under test.")
  String reduce;

  @Mixin OutDirMixin out = new OutDirMixin();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "the explorer agreed with the reference on every program compared",
        ExitCode.VIOLATION, "a disagreement (printed with its minimised program)",
        ExitCode.USAGE, "usage error (bad option value, unknown feature)",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  /** Puts the feature list (known only at run time) into the help's footer. */
  static void describeFeatures(CommandLine selftest) {
    selftest.getCommandSpec().usageMessage().footer(featureList(),
        "Examples:",
        "  ./mirrorcheck selftest                              # 1,000 programs",
        "  ./mirrorcheck selftest --programs 50000 --seed 7    # at length",
        "  ./mirrorcheck selftest --symmetry --programs 20000  # symmetry reduction",
        "  ./mirrorcheck selftest --reduce both --programs 10000000 --time-limit 3600"
            + "  # both reductions, for an hour",
        "  ./mirrorcheck selftest --features rwsem-fair,rw-trylock,nested-read",
        "  ./mirrorcheck selftest --reduce optimal --features " + FIXED_FOOTPRINT
            + "  # optimal DPOR without giving way");
  }

  private static String featureList() {
    StringBuilder sb = new StringBuilder();
    for (Feature f : Feature.values()) {
      sb.append(String.format("  %-22s %s%n", f.cliName(), f.description()));
    }
    return sb.toString().replace("%", "%%");
  }

  @Override
  public Integer call() throws IOException {
    if (programs < 1 || programs > MAX_PROGRAMS) {
      throw new UserError("--programs must be in 1.." + MAX_PROGRAMS + ", got " + programs);
    }
    if (timeLimitSeconds != null && timeLimitSeconds <= 0) {
      throw new UserError("--time-limit must be a positive number of seconds, got "
          + timeLimitSeconds);
    }
    ExplorerOptions.Dpor dpor;
    // the default reduction; the symmetry oracle compares source-DPOR runs
    switch (reduce != null ? reduce : symmetry ? "source" : "optimal") {
      case "both":
        dpor = null;
        break;
      case "source":
        dpor = ExplorerOptions.Dpor.SOURCE;
        break;
      case "optimal":
        dpor = ExplorerOptions.Dpor.OPTIMAL;
        break;
      default:
        throw new UserError("--reduce must be source, optimal or both, got '" + reduce + "'");
    }
    if (symmetry && dpor == ExplorerOptions.Dpor.OPTIMAL) {
      throw new UserError("--symmetry compares source-DPOR runs only; --reduce optimal does not "
          + "apply to it");
    }
    Set<Feature> chosen = chosenFeatures();
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    o.printf("mirrorcheck selftest: %,d program(s) from seed %d, %s%s%n", programs, seed,
        chosen.size() == Feature.values().length ? "every feature" : "features " + names(chosen),
        symmetry ? ", symmetry oracle" : "");
    o.flush();
    Selftest.Options options = Selftest.Options.of(programs, seed).withFeatures(chosen)
        .withTimeLimit(timeLimitSeconds == null ? null : Duration.ofSeconds(timeLimitSeconds));
    Selftest.Report r;
    try (ProgressLine progress = ProgressLine.of(err, "selftest")) {
      Selftest test = symmetry ? Selftest.symmetry(options, b -> b)
          : new Selftest(options, dpor == null ? differential(options)
              : differential(options).only(dpor));
      r = test.run(progress::show);
    }
    return report(r, o, out.resolve("selftest"), symmetry
        ? "the explorer (source-DPOR without symmetry, and with symmetry: start and states, up to"
            + " renaming)"
        : "the explorer (" + (dpor == null ? "source and optimal DPOR"
            : dpor == ExplorerOptions.Dpor.SOURCE ? "source-DPOR" : "optimal DPOR")
            + ", block reduction off and on)");
  }

  /** Prints what a run found and saves each minimised disagreement under {@code dir}. */
  static int report(Selftest.Report r, PrintWriter o, Path dir) throws IOException {
    return report(r, o, dir, "the explorer (source and optimal DPOR, block reduction off and on)");
  }

  private static int report(Selftest.Report r, PrintWriter o, Path dir, String engines)
      throws IOException {
    o.printf("programs: %,d generated, %,d compared, %,d skipped (too large for an engine)%s%n",
        r.generated(), r.compared(), r.skipped(), r.timedOut() ? "; stopped by --time-limit" : "");
    o.println("features (programs compared that use each):");
    for (Map.Entry<Feature, Integer> e : r.features().entrySet()) {
      o.printf("  %-22s %,7d  %s%n", e.getKey().cliName(), e.getValue(), e.getKey().description());
    }
    if (r.optimalRuns() > 0) {
      o.printf("optimal DPOR: %,d of %,d runs stayed optimal; the others met a context-dependent "
          + "step and ran source-DPOR%n", r.stayedOptimal(), r.optimalRuns());
    }
    int n = 0;
    for (Selftest.Disagreement d : r.disagreements()) {
      n++;
      o.printf("DISAGREEMENT #%d: seed %d, %s differs from the reference:%n", n, d.seed(),
          d.engine().description());
      o.print(d.difference());
      o.println("minimised program:");
      String text = ProgramText.print(d.minimised());
      for (String line : text.split("\n")) {
        o.println("  " + line);
      }
      Path file = dir.resolve("disagreement-seed" + d.seed() + ".prog");
      Files.createDirectories(dir);
      Files.writeString(file, "# seed " + d.seed() + ": " + d.engine().description()
          + " differs from the reference\n" + text, StandardCharsets.UTF_8);
      o.println("saved: " + file);
    }
    if (r.agreed()) {
      o.printf("RESULT: %s agrees with the reference on all %,d programs compared (%.1f s)%n",
          engines, r.compared(), r.millis() / 1000.0);
      return ExitCode.PASS;
    }
    o.printf("RESULT: %d disagreement(s)%n", r.disagreements().size());
    return ExitCode.VIOLATION;
  }

  private Set<Feature> chosenFeatures() {
    if (features == null || features.isEmpty()) {
      return EnumSet.allOf(Feature.class);
    }
    Set<Feature> out = EnumSet.noneOf(Feature.class);
    for (String name : features) {
      Feature f = Feature.byName(name);
      if (f == null) {
        throw new UserError("unknown feature '" + name.trim() + "' for --features (known: "
            + names(EnumSet.allOf(Feature.class)) + ")");
      }
      out.add(f);
    }
    return out;
  }

  private static String names(Set<Feature> fs) {
    StringBuilder sb = new StringBuilder();
    for (Feature f : fs) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.cliName());
    }
    return sb.toString();
  }

  private static Differential differential(Selftest.Options options) {
    return new Differential(options.maxStates(), options.perRun());
  }
}

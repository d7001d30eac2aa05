package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.Counterexample;
import dev.mirrorcheck.explore.CounterexampleFile;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.HarnessRef;
import dev.mirrorcheck.explore.Replay;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.jpf.Agreement;
import dev.mirrorcheck.jpf.ConfigLoader;
import dev.mirrorcheck.jpf.JpfConfig;
import dev.mirrorcheck.jpf.JpfConfigException;
import dev.mirrorcheck.jpf.JpfSettings;
import dev.mirrorcheck.jpf.JpfTarget;
import dev.mirrorcheck.jpf.RealJpf;
import dev.mirrorcheck.jpf.ReportTopics;
import dev.mirrorcheck.report.JpfConsoleReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mirrorcheck jpf FILE.jpf [+key=value...]}: runs a Java PathFinder configuration on our
 * explorer, JPF itself, or both; {@code --export} writes configurations for a spec library,
 * {@code --agree} runs both engines on many and writes the agreement table.
 */
@Command(name = "jpf", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    header = "Run Java PathFinder configurations on our explorer and on JPF itself; export the "
        + "spec library as configurations; measure the engines' agreement.",
    description = {
      "Read a JPF application properties file (target, target.args, classpath, search and report "
          + "keys; +key=value arguments override it as on JPF's command line), run the target's "
          + "harness(String[]) - the program its main runs under JPF - on our explorer, and print "
          + "the result in JPF's shape: error #n with a trace, results, statistics. Keys our "
          + "explorer does not honour get one warning line each.",
      "",
      "With --real (or --engine=jpf), launch Java PathFinder itself on the same file: java -jar "
          + "$JPF_HOME/build/RunJPF.jar with a generated site.properties and, on JDK 17, the module "
          + "flags JPF needs. When JPF_HOME is set, the default engine is 'both': our explorer, then "
          + "JPF, then whether they agree on the violated property (an error naming no property, "
          + "such as a method JPF lacks, is never agreement).",
      "",
      "--export [SPEC|DIR...] writes one configuration per (scenario, design) of the specs "
          + "(default specs/) into jpf-configs/specs/ (--to DIR), and with --mutants one per "
          + "mutation each spec must kill.",
      "",
      "--agree [DIR|FILE.jpf...] runs both engines on every configuration (default jpf-configs/, "
          + "subdirectories included), JPF with a time budget each (a hand-written file's "
          + "'# jpf-budget: SECONDS' line says how long JPF needs for it), and writes agreement.md, "
          + ".html and .json under target/mirrorcheck/<run>-jpf-agree/ (--out DIR for another "
          + "parent)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./mirrorcheck jpf jpf-configs/calibration-correct-3p-1f.jpf",
      "  ./mirrorcheck jpf jpf-configs/calibration-buggy-2p-1f.jpf +search.multiple_errors=true",
      "  ./mirrorcheck jpf jpf-configs/lockorder-buggy.jpf",
      "  JPF_HOME=~/jpf-core ./mirrorcheck jpf --real jpf-configs/calibration-buggy-2p-1f.jpf",
      "  ./mirrorcheck jpf --export specs/ --mutants",
      "  JPF_HOME=~/jpf-core ./mirrorcheck jpf --agree jpf-configs/ --jobs 2",
    })
final class JpfCommand implements Callable<Integer>, ExitCodes {
  /** Which engine runs the configuration. */
  enum Engine {
    OURS, JPF, BOTH
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ARG", arity = "0..*",
      description = {"FILE.jpf and +KEY=VALUE overrides (e.g. +search.multiple_errors=true); with "
          + "--export spec files or directories; with --agree directories or .jpf files."})
  List<String> args = new ArrayList<>();

  @Option(names = "--export", description = "Write configurations for spec files or directories "
      + "(default specs/) instead of running one.")
  boolean export;

  @Option(names = "--mutants", description = "With --export: also a configuration per mutation "
      + "each spec must kill (its kills:).")
  boolean mutants;

  @Option(names = "--to", paramLabel = "DIR",
      description = "With --export: where configurations go. Default: jpf-configs/specs.")
  Path to;

  @Option(names = "--agree", description = "Run both engines on every configuration in the "
      + "directories or files given (default jpf-configs/) and write the agreement table.")
  boolean agree;

  @Option(names = "--budget", paramLabel = "SECONDS", description = "With --agree: Java "
      + "PathFinder's time budget for every configuration, 1..86400. Default: each "
      + "configuration's '# jpf-budget:' line, else " + JpfAgree.DEFAULT_BUDGET
      + " s (hand-written) or " + JpfAgree.DEFAULT_GENERATED_BUDGET + " s (generated).")
  Integer budget;

  @Option(names = "--jobs", paramLabel = "N", description = "With --agree: configurations run at "
      + "once, each with its own JPF process, 1..64. Default: 1 (JPF's times are then those of an "
      + "otherwise idle machine).")
  Integer jobs;

  @Option(names = "--real", description = "Run Java PathFinder itself (same as --engine=jpf).")
  boolean real;

  @Option(names = "--engine", paramLabel = "ours|jpf|both",
      description = "Engine: our explorer, Java PathFinder, or both in turn. Default: both when "
          + "JPF_HOME is set, else ours.")
  String engine;

  @Option(names = "--jpf-home", paramLabel = "DIR",
      description = "jpf-core directory (with build/RunJPF.jar). Default: $JPF_HOME.")
  Path jpfHome;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for counterexample files (default: " + CounterexampleOutput.DEFAULT_DIR
          + "); with --agree, where the run directory goes (default: target/mirrorcheck).")
  Path out;

  @Mixin ThreadsMixin threads = new ThreadsMixin();

  /** The configuration file of a run, and its overrides. */
  private Path file;
  private List<String> overrides = new ArrayList<>();

  @Override
  public Map<Integer, String> exitCodes() {
    return ExitCode.codes(
        ExitCode.PASS, "no errors: every interleaving explored (both engines agree, with JPF_HOME); "
            + "--agree: every hand-written configuration agrees as its header expects and no "
            + "generated one disagrees or could not run",
        ExitCode.VIOLATION, "errors found (counterexample written); --agree: a configuration "
            + "disagrees, or JPF could not run it",
        ExitCode.USAGE, ExitCode.USAGE_TEXT,
        ExitCode.INCOMPLETE, "no errors, but NOT a pass: depth limit reached or budget exhausted",
        ExitCode.INTERNAL, ExitCode.INTERNAL_TEXT);
  }

  @Override
  public Integer call() {
    if (export && agree) {
      throw new UserError("--export and --agree are separate runs; give one");
    }
    if (!export && (mutants || to != null)) {
      throw new UserError((mutants ? "--mutants" : "--to") + " goes with --export");
    }
    if (!agree && (budget != null || jobs != null)) {
      throw new UserError((budget != null ? "--budget" : "--jobs") + " goes with --agree");
    }
    if (export) {
      return export();
    }
    if (agree) {
      return agree();
    }
    return runOne();
  }

  private int export() {
    List<Path> inputs = new ArrayList<>();
    for (String a : args) {
      inputs.add(Path.of(a));
    }
    List<dev.mirrorcheck.spec.Spec> specs = SpecFiles.parse(SpecFiles.find(inputs.isEmpty() ? List.of(Path.of("specs"))
        : inputs));
    Path dir = to == null ? JpfExport.DEFAULT_DIR : to;
    Map<String, String> configs = JpfExport.configs(specs, mutants, dir);
    int changed = JpfExport.write(configs, dir);
    out().println("wrote " + configs.size() + " configuration(s) for " + specs.size()
        + " (scenario, design) pair(s) to " + dir + " (" + changed + " file(s) changed)");
    out().flush();
    return ExitCode.PASS;
  }

  private int agree() {
    if (budget != null && (budget < 1 || budget > JpfAgree.MAX_BUDGET)) {
      throw new UserError("--budget must be in 1.." + JpfAgree.MAX_BUDGET + " seconds, got "
          + budget);
    }
    int parallel = jobs == null ? 1 : jobs;
    if (parallel < 1 || parallel > 64) {
      throw new UserError("--jobs must be in 1..64, got " + parallel);
    }
    RealJpf jpf;
    try {
      jpf = RealJpf.locate(jpfHome, System.getenv());
    } catch (RealJpf.SetupException x) {
      throw new UserError(x.getMessage());
    }
    List<Path> inputs = new ArrayList<>();
    for (String a : args) {
      inputs.add(Path.of(a));
    }
    List<Path> configs = JpfAgree.find(inputs.isEmpty() ? List.of(Path.of("jpf-configs")) : inputs);
    Path parent = out == null ? Path.of("target", "mirrorcheck") : out;
    return new JpfAgree(jpf, budget, parallel, threads.threads(), spec.commandLine().getErr())
        .run(configs, parent, out());
  }

  private int runOne() {
    if (args.isEmpty()) {
      throw new UserError("no configuration: give FILE.jpf (or --export / --agree)");
    }
    file = Path.of(args.get(0));
    overrides = args.subList(1, args.size());
    if (out == null) {
      out = Path.of(CounterexampleOutput.DEFAULT_DIR);
    }
    Engine e = engine();
    if (file.getFileName() == null || !file.getFileName().toString().endsWith(".jpf")) {
      throw new UserError(file + ": not a .jpf application properties file");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such file");
    }
    for (String o : overrides) {
      if (!o.startsWith("+")) {
        throw new UserError("unexpected argument '" + o + "': JPF properties on the command line "
            + "look like +key=value (for example +search.multiple_errors=true)");
      }
    }
    switch (e) {
      case JPF:
        return exitCode(real());
      case BOTH:
        Outcome ours = ours();
        out().println();
        out().println("mirrorcheck: the same configuration on Java PathFinder:");
        out().flush();
        RealJpf.Run theirs = real();
        Agreement a = Agreement.of(ours.result, theirs);
        out().println(a.status() == Agreement.Status.AGREE ? "engines agree: " + a.reason()
            : "ENGINES DO NOT AGREE (" + a.status().label() + "): " + a.reason());
        out().flush();
        return ours.exit;
      default:
        return ours().exit;
    }
  }

  /** Our explorer's result on the configuration and the exit code it means. */
  private record Outcome(Result result, int exit) {}

  private Engine engine() {
    if (engine == null) {
      if (real) {
        return Engine.JPF;
      }
      return blank(System.getenv("JPF_HOME")) && jpfHome == null ? Engine.OURS : Engine.BOTH;
    }
    Engine e;
    try {
      e = Engine.valueOf(engine.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException x) {
      throw new UserError("--engine must be ours, jpf or both, got '" + engine + "'");
    }
    if (real && e != Engine.JPF) {
      throw new UserError("--real means --engine=jpf; it contradicts --engine=" + engine);
    }
    return e;
  }

  /** Our explorer on the configuration. */
  private Outcome ours() {
    PrintWriter err = spec.commandLine().getErr();
    JpfConfig config;
    JpfSettings settings;
    try {
      config = ConfigLoader.load(file, overrides);
      settings = JpfSettings.of(config);
    } catch (JpfConfigException x) {
      throw new UserError(x.getMessage());
    }
    for (String note : config.notes()) {
      err.println("mirrorcheck: warning: " + note);
    }
    for (JpfSettings.Warning w : settings.warnings()) {
      err.println("mirrorcheck: warning: " + w);
    }
    err.flush();
    try (JpfTarget target = resolve(config)) {
      return explore(config, settings, target);
    }
  }

  private static JpfTarget resolve(JpfConfig config) {
    try {
      return JpfTarget.resolve(config, JpfCommand.class.getClassLoader());
    } catch (JpfConfigException x) {
      throw new UserError(x.getMessage());
    }
  }

  private Outcome explore(JpfConfig config, JpfSettings settings, JpfTarget target) {
    PrintWriter err = spec.commandLine().getErr();
    ProgressLine progress = ProgressLine.of(err, "jpf");
    ExplorerOptions.Builder b = ExplorerOptions.builder().threads(threads.threads())
        .progress(progress);
    ExplorerOptions options = settings.applyTo(b).build();
    ReportTopics t = settings.topics();
    JpfConsoleReport report = new JpfConsoleReport(out(),
        new JpfConsoleReport.Topics(t.start(), t.violation(), t.constraint(), t.finished()),
        VersionProvider.version());
    TreeMap<String, String> properties = new TreeMap<>();
    for (String k : config.keys()) {
      properties.put(k, config.get(k));
    }
    report.start(String.valueOf(config.file()), properties, target.describe(),
        describe(options, settings));
    Explorer explorer = new Explorer(options);
    Result result;
    try (progress) {
      result = explorer.explore(target.harness());
    }
    HarnessRef ref = JpfHarness.ref(target.className(), target.args());
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      Replay replay = explorer.replay(target.harness(), f.schedule());
      if (!replay.reproduces(f)) {
        err.println("mirrorcheck: warning: replaying error #" + (i + 1) + " did not reproduce it "
            + "(replay ended " + replay.ending() + "); this is a bug in the explorer");
      }
      report.violation(i + 1, f, replay);
      files.add(write(Counterexample.of(ref, f, replay), i + 1));
    }
    if (result.verdict() == Result.Verdict.BOUND_HIT) {
      report.constraint("depth limit reached: " + result.statistics().boundHits()
          + " execution(s) hit the step bound of " + options.maxSteps()
          + (settings.depthLimit() > 0 ? " (search.depth_limit)" : " (our default)"));
    } else if (result.verdict() == Result.Verdict.INCOMPLETE) {
      report.constraint(result.incompleteReason());
    }
    report.finished(result, settings.multipleErrors());
    PrintWriter o = out();
    o.println("verdict: " + verdict(result));
    String classpath = target.fromOwnClasspath() ? ""
        : " --classpath " + CounterexampleFile.shellWord(String.join(":", target.classpath()));
    for (int i = 0; i < files.size(); i++) {
      o.println("counterexample #" + (i + 1) + ": " + files.get(i));
      o.println("  replay with: " + CounterexampleFile.shellWord(Main.launcher()) + " replay"
          + classpath + " " + CounterexampleFile.shellWord(files.get(i).toString()));
    }
    o.flush();
    return new Outcome(result, CheckRun.exitCode(result.verdict()));
  }

  private static String describe(ExplorerOptions o, JpfSettings s) {
    return "step bound " + o.maxSteps() + (s.depthLimit() > 0 ? " (search.depth_limit)" : "")
        + (o.stopAtFirst() ? ", stop at the first error" : ", every distinct error "
            + "(search.multiple_errors)")
        + (o.timeLimit() == null ? "" : ", time limit " + o.timeLimit().toMillis() + " ms "
            + "(budget.max_time)")
        + ", threads " + o.threads().name().toLowerCase(Locale.ROOT);
  }

  private static String verdict(Result r) {
    switch (r.verdict()) {
      case PASS:
        return "PASS (every interleaving of the bounded program was explored)";
      case VIOLATION:
        return "VIOLATION (" + r.findings().size() + " distinct error(s))";
      case BOUND_HIT:
        return "BOUND_HIT (not a pass: raise search.depth_limit)";
      default:
        return "INCOMPLETE (not a pass: " + r.incompleteReason() + ")";
    }
  }

  private Path write(Counterexample cx, int n) {
    String base = file.getFileName().toString().replaceFirst("\\.jpf$", "")
        .replaceAll("[^A-Za-z0-9._-]", "_");
    Path f = CounterexampleOutput.display(out.resolve("jpf-" + base + "-error" + n + ".json"));
    try {
      CounterexampleFile.write(f, cx);
    } catch (IOException e) {
      throw new UserError("cannot write counterexample " + f + ": " + e.getMessage());
    }
    return f;
  }

  /** Java PathFinder itself on the file. */
  private RealJpf.Run real() {
    PrintWriter err = spec.commandLine().getErr();
    RealJpf jpf;
    try {
      jpf = RealJpf.locate(jpfHome, System.getenv());
    } catch (RealJpf.SetupException x) {
      throw new UserError(x.getMessage());
    }
    try {
      return jpf.run(file, overrides, out(), err);
    } catch (IOException x) {
      throw new UserError("cannot run Java PathFinder: " + x.getMessage());
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while Java PathFinder was running");
    }
  }

  /** The exit code of JPF's verdict. */
  private static int exitCode(RealJpf.Run run) {
    switch (run.outcome()) {
      case NO_ERRORS:
        return ExitCode.PASS;
      case ERRORS:
        return ExitCode.VIOLATION;
      case CONSTRAINT:
        return ExitCode.INCOMPLETE;
      default:
        throw new UserError("Java PathFinder ended (exit code " + run.exitCode() + ") without a "
            + "results section; see its output above");
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

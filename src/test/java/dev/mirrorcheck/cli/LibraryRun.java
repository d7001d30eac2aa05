package dev.mirrorcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runs several test classes read rather than repeat (the library is the slowest part of the
 * suite): {@code mutants --quick} over the shipped library, whose run directory holds the correct
 * protocol's reports exactly as {@code check specs/} writes them (the same {@code SpecCheck} runs
 * each spec; {@link KillMatrixQuickTest} checks that against {@code check}) plus the kill matrix;
 * {@code check} of one spec with a mutation that it catches; and {@code compare --quick} over three
 * ODP scenarios. Each runs once per test JVM, on first use, into {@code target/test-runs/}.
 */
public final class LibraryRun {
  private static final Path ROOT = Path.of("target", "test-runs");
  private static Path library;
  private static CliRun libraryRun;
  private static Path violation;
  private static Path compare;

  /** The library's specs run side by side on up to four cores (the output is the same). */
  private static final int JOBS = Math.min(4, Runtime.getRuntime().availableProcessors());

  /**
   * Scale benchmarks of the library that the suite leaves out: {@code teardown_five_actors} alone
   * explores 2.5 million executions (minutes on two shared cores); {@code bench --scale} runs it.
   */
  public static final Set<String> SCALE_BENCHMARKS = Set.of("teardown_five_actors");

  private LibraryRun() {}

  /** The library's spec files the suite checks: {@code specs/*.yaml} but the scale benchmarks. */
  public static List<String> testedSpecFiles() {
    try (Stream<Path> s = Files.list(Path.of("specs"))) {
      return s.map(Path::toString).filter(f -> f.endsWith(".yaml"))
          .filter(f -> !SCALE_BENCHMARKS.contains(Path.of(f).getFileName().toString()
              .replace(".yaml", "")))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run directory of {@code mutants --quick} over {@link #testedSpecFiles} (exit 0: every spec as it
   * expects with the correct protocol, every catalogue mutation killed by its designated specs): the
   * correct protocol's {@code run.json}, {@code index.html} and spec reports, as {@code check specs/}
   * writes them, and {@code kill-matrix.*}.
   */
  public static synchronized Path library() {
    if (library == null) {
      Path out = fresh(ROOT.resolve("library"));
      List<String> args = new ArrayList<>(List.of("mutants", "--quick", "--jobs",
          String.valueOf(JOBS), "--out", out.toString()));
      args.addAll(testedSpecFiles());
      libraryRun = CliRun.of(args.toArray(new String[0]));
      assertEquals(ExitCode.PASS, libraryRun.exit, libraryRun.toString());
      library = runDir(out, "-mutants");
    }
    return library;
  }

  /** What {@link #library()}'s {@code mutants --quick} printed. */
  static synchronized CliRun libraryOutput() {
    library();
    return libraryRun;
  }

  /** The run directory of {@code check specs/anon_teardown.yaml --mutation M4} (exit 1). */
  public static synchronized Path violation() {
    if (violation == null) {
      violation = check(ROOT.resolve("violation"), ExitCode.VIOLATION, "check",
          "specs/anon_teardown.yaml", "--mutation", "M4");
    }
    return violation;
  }

  /** The directory of {@code compare --quick} over three ODP scenarios (exit 0). */
  public static synchronized Path compare() {
    if (compare == null) {
      Path out = fresh(ROOT.resolve("compare"));
      CliRun r = CliRun.of("compare", "--quick", "--out", out.toString(), "specs/odp_teardown.yaml",
          "specs/odp_dereg_vs_munmap.yaml", "specs/odp_fault_vs_exit.yaml");
      assertEquals(ExitCode.PASS, r.exit, r.toString());
      compare = runDir(out, "-compare");
    }
    return compare;
  }

  /** The run directory under {@code out} whose name ends with {@code suffix}. */
  private static Path runDir(Path out, String suffix) {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a check into a fresh {@code out} and returns its run directory. */
  private static Path check(Path out, int exit, String... args) {
    fresh(out);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out";
    all[args.length + 1] = out.toString();
    CliRun r = CliRun.of(all);
    assertEquals(exit, r.exit, r.toString());
    return r.runDir();
  }

  private static Path fresh(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

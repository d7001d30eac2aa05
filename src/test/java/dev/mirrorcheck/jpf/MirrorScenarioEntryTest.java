package dev.mirrorcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mirrorcheck.device.AnonTeardownHarness;
import dev.mirrorcheck.explore.Explorer;
import dev.mirrorcheck.explore.ExplorerOptions;
import dev.mirrorcheck.explore.Finding;
import dev.mirrorcheck.explore.Result;
import dev.mirrorcheck.jpf.MirrorScenarioProgram.CpuOp;
import dev.mirrorcheck.jpf.MirrorScenarioProgram.Family;
import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.mutation.Mutations;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.NativeRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario-family entry point ({@link MirrorScenarioMain}): every family passes when correct and
 * catches its mutants; it is the same program as the mirror's own harness; it reaches the mirror
 * packages and Guava but none of the checking packages; and {@code jpf-configs/} has a correct and a
 * mutant configuration of every family.
 */
@Timeout(120)
class MirrorScenarioEntryTest {
  private static final ExplorerOptions ALL = ExplorerOptions.builder().stopAtFirst(false).build();

  /** target.args, and the properties the exploration must report (empty: PASS). */
  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("anon_teardown,correct", Set.of()),
        Arguments.of("anon_teardown,M3", Set.of("S1", "S3")),
        Arguments.of("anon_teardown,M23", Set.of("S1", "S3")),
        Arguments.of("anon_teardown,correct,madvise", Set.of()),
        Arguments.of("odp_teardown,correct", Set.of()),
        Arguments.of("odp_teardown,M3", Set.of("S3")),
        Arguments.of("odp_teardown,M5", Set.of("S3")),
        Arguments.of("hmm2015_teardown,correct", Set.of()),
        Arguments.of("hmm2015_teardown,M25", Set.of()), // munmap: mmap_lock hides it
        Arguments.of("hmm2015_teardown,correct,madvise", Set.of()),
        Arguments.of("hmm2015_teardown,M25,madvise", Set.of("S3")),
        Arguments.of("legacyodp_teardown,correct", Set.of()),
        Arguments.of("legacyodp_teardown,M7", Set.of("S3")),
        Arguments.of("anon_teardown,correct,munmap,choose", Set.of()),
        Arguments.of("odp_teardown,correct,munmap,choose", Set.of()),
        Arguments.of("hmm2015_teardown,correct,munmap,choose", Set.of()),
        Arguments.of("legacyodp_teardown,correct,munmap,choose", Set.of()),
        Arguments.of("anon_teardown,M3,madvise,choose", Set.of("S1", "S3")),
        Arguments.of("hmm2015_teardown,correct,madvise,no-reads", Set.of()),
        Arguments.of("hmm2015_teardown,M25,madvise,no-reads", Set.of("S3")),
        Arguments.of("legacyodp_teardown,correct,munmap,choose,no-reads", Set.of()),
        Arguments.of("legacyodp_teardown,M7,munmap,choose,no-reads", Set.of("S3")),
        Arguments.of("odp_teardown,M3,munmap,no-reads", Set.of("S3")));
  }

  private static Harness harness(String args) {
    return MirrorScenarioMain.harness(args.split(","));
  }

  private static Set<String> properties(Result r) {
    Set<String> ps = new TreeSet<>();
    for (Finding f : r.findings()) {
      ps.add(f.property());
    }
    return ps;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void correctVariantsPassAndMutantsAreCaught(String args, Set<String> props) {
    Result r = new Explorer(ALL).explore(harness(args));
    if (props.isEmpty()) {
      assertEquals(Result.Verdict.PASS, r.verdict(), r::toString);
      return;
    }
    assertEquals(Result.Verdict.VIOLATION, r.verdict(), r::toString);
    assertTrue(properties(r).containsAll(props), r::toString);
    for (Finding f : r.findings()) {
      assertTrue(f.kind() == Finding.Kind.INVARIANT, f::toString);
    }
    // Small enough for a test run: well under a second each.
    assertTrue(r.statistics().executions() < 2_000, r::toString);
  }

  @Test
  void anonTeardownIsTheSameProgramAsTheMirrorHarness() {
    for (Mutation m : new Mutation[] {null, Mutation.M3, Mutation.M23}) {
      Result ours = new Explorer(ALL).explore(
          new MirrorScenarioProgram(Family.ANON_TEARDOWN, m, CpuOp.MUNMAP));
      Result theirs = new Explorer(ALL).explore(
          new AnonTeardownHarness(m == null ? Mutations.none() : Mutations.of(m)));
      String what = m == null ? "correct" : m.id();
      assertEquals(theirs.verdict(), ours.verdict(), what);
      assertEquals(theirs.statistics().executions(), ours.statistics().executions(), what);
      assertEquals(theirs.statistics().transitions(), ours.statistics().transitions(), what);
      assertEquals(theirs.findingCounts(), ours.findingCounts(), what);
    }
  }

  @Test
  void argumentsAreCheckedWithClearMessages() {
    assertEquals("mirror scenario: expected 2 to 5 arguments (family, correct|<mutation>, "
        + "[munmap|madvise], [choose], [no-reads]), got 1", message("anon_teardown"));
    String flags = "mirror scenario: after the operation come only 'choose' (the CPU operation's "
        + "page chosen) and 'no-reads' (no device reader), each once; got ";
    assertEquals(flags + "'pick'", message("anon_teardown", "correct", "munmap", "pick"));
    assertEquals(flags + "'choose'",
        message("anon_teardown", "correct", "munmap", "choose", "choose"));
    assertEquals("odp_teardown correct (munmap of a chosen page, no reads)",
        ((MirrorScenarioProgram) MirrorScenarioMain.harness(new String[] {"odp_teardown",
            "correct", "munmap", "no-reads", "choose"})).describe());
    assertEquals("mirror scenario: family must be one of anon_teardown, odp_teardown, "
        + "hmm2015_teardown, legacyodp_teardown, got 'teardown'", message("teardown", "correct"));
    assertEquals("mirror scenario: variant must be correct or a mutation M1.."
        + Mutation.values()[Mutation.values().length - 1] + ", got 'buggy'",
        message("anon_teardown", "buggy"));
    assertEquals("mirror scenario: M7 does not apply to the modern design of anon_teardown",
        message("anon_teardown", "M7"));
    assertEquals("mirror scenario: operation must be munmap or madvise, got 'exit'",
        message("odp_teardown", "correct", "exit"));
    assertEquals("legacyodp_teardown M7 (munmap)", ((MirrorScenarioProgram) MirrorScenarioMain
        .harness(new String[] {" legacyodp_teardown", "m7 "})).describe());
    assertEquals("hmm2015_teardown correct (madvise)", ((MirrorScenarioProgram) MirrorScenarioMain
        .harness(new String[] {"hmm2015_teardown", "correct", "madvise"})).describe());
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> MirrorScenarioMain.harness(args))
        .getMessage();
  }

  @Test
  void correctVariantsRunAsPlainJavaMains() throws InterruptedException {
    for (Family f : Family.values()) {
      for (CpuOp op : CpuOp.values()) {
        String[] args = {f.word(), "correct", op.word()};
        assertDoesNotThrow(() -> MirrorScenarioMain.main(args), String.join(",", args));
      }
    }
    // A native run of a mutant is one interleaving: it either passes or fails a property, nothing else.
    for (long seed = 0; seed < 20; seed++) {
      for (String args : List.of("anon_teardown,M3", "odp_teardown,M5",
          "hmm2015_teardown,M25,madvise", "legacyodp_teardown,M7")) {
        for (String problem : NativeRunner.runOnce(harness(args), seed)) {
          assertTrue(problem.matches("(S1|S3|L5|data): .*"), args + ": " + problem);
        }
      }
    }
  }

  /**
   * Our classes the entry point reaches, checking each dependency: the JDK, Guava and mirrorcheck's
   * model packages, none of the checking or reporting ones (which JPF does not need).
   */
  @Test
  void entryPointReachesTheMirrorButNotTheCheckingPackages() throws IOException {
    List<String> model = List.of("jpf", "sync", "mm", "device", "odp", "hmm2015", "legacyodp", "hmm",
        "driver", "notifier", "ghost", "mutation");
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(model.stream().map(p -> "dev.mirrorcheck." + p).toList());
    List<String> forbidden = List.of("check", "spec", "scenario", "cli", "explore", "report", "junit",
        "calibration");
    List<String> offending = new ArrayList<>();
    Predicate<String> follow = n -> {
      if (!n.startsWith("dev.mirrorcheck.")) {
        return false;
      }
      String pkg = n.substring("dev.mirrorcheck.".length()).split("\\.")[0];
      return model.contains(pkg) && !forbidden.contains(pkg);
    };
    Set<String> seen = EntryPointsTest.reachable(classes, List.of(MirrorScenarioMain.class.getName()),
        follow, n -> n.startsWith("java.") || n.startsWith("com.google.common."), offending);
    assertEquals(List.of(), offending);
    for (String p : List.of("mm", "device", "odp", "hmm2015", "legacyodp", "mutation", "sync")) {
      assertTrue(seen.stream().anyMatch(c -> c.startsWith("dev.mirrorcheck." + p + ".")), p);
    }
    // Our own part of the program, and the state checks, have no invokedynamic (the mirror
    // packages' lambdas do).
    List<String> indy = new ArrayList<>();
    for (String c : seen) {
      boolean ours = c.startsWith("dev.mirrorcheck.jpf.")
          || c.startsWith("dev.mirrorcheck.device.MirrorInvariants");
      if (ours && EntryPointsTest.hasInvokedynamic(c)) {
        indy.add(c);
      }
    }
    assertEquals(List.of(), indy);
  }

  /** jpf-configs/ has a correct (no errors) and a mutant (error) configuration of every family. */
  @Test
  void everyFamilyHasACorrectAndAMutantConfiguration() throws Exception {
    Set<Family> correct = EnumSet.noneOf(Family.class);
    Set<Family> mutant = EnumSet.noneOf(Family.class);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("jpf-configs"))) {
      files = s.filter(p -> p.toString().endsWith(".jpf")).sorted().toList();
    }
    for (Path p : files) {
      JpfConfig c = ConfigLoader.load(p, List.of());
      if (!MirrorScenarioMain.class.getName().equals(c.get("target"))) {
        continue;
      }
      assertEquals(List.of("${config_path}/../target/classes", "${config_path}/../target/jpf-lib"),
          rawClasspath(p), p.toString());
      MirrorScenarioProgram h = (MirrorScenarioProgram) MirrorScenarioMain.harness(
          c.list("target.args").toArray(new String[0]));
      String text = Files.readString(p);
      boolean noErrors = text.contains("\n# expect: no errors\n");
      assertTrue(noErrors
          || text.contains("\n# expect: error gov.nasa.jpf.vm.NoUncaughtExceptionsProperty\n"), p::toString);
      String name = p.getFileName().toString();
      assertTrue(name.startsWith(h.family().word() + "-"), name);
      if (h.mutation() == null) {
        assertTrue(noErrors, name);
        correct.add(h.family());
      } else if (!noErrors) {
        assertTrue(name.contains(h.mutation().id()), name);
        mutant.add(h.family());
      }
    }
    assertEquals(EnumSet.allOf(Family.class), correct);
    assertEquals(EnumSet.allOf(Family.class), mutant);
  }

  private static List<String> rawClasspath(Path p) throws IOException {
    for (String line : Files.readAllLines(p)) {
      if (line.startsWith("classpath = ")) {
        return List.of(line.substring("classpath = ".length()).split(";"));
      }
    }
    return List.of();
  }
}

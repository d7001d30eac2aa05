package dev.mirrorcheck.cli;

import dev.mirrorcheck.report.Equivalents;
import dev.mirrorcheck.report.Kills;
import dev.mirrorcheck.report.PitMutants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mutants --source}: PIT over the model's source, through the project's {@code pit} Maven
 * profile (the spec library as its only test), then the score from PIT's {@code mutations.xml}.
 */
final class SourceMutants {
  static final String COMMAND = "mvn -B -P pit verify";

  private SourceMutants() {}

  /** The project directory: the launcher's, or the working directory when it has a pom.xml. */
  static Path projectDir() {
    Path launcher = Path.of(Main.launcher()).toAbsolutePath().getParent();
    for (Path p : new Path[] {launcher, Path.of("").toAbsolutePath()}) {
      if (p != null && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new UserError("mutants --source runs '" + COMMAND + "' in the mirrorcheck project "
        + "directory; none found (run it from the project directory)");
  }

  /**
   * The spec-library suite's tests in order, {@code scenario} or {@code scenario@design}: PIT names
   * a killing dynamic test by its position.
   */
  static List<String> libraryNames(Path specs) {
    List<String> names = new ArrayList<>();
    for (dev.mirrorcheck.spec.Spec s : SpecFiles.parse(SpecFiles.find(List.of(specs)))) {
      names.add(s.name());
    }
    return names;
  }

  /**
   * The PIT mutants credited to scenario {@code name} by the project's last PIT run, or null when
   * there is none (no project directory, no {@code mutations.xml}, or an unreadable one).
   */
  static Kills creditedTo(String name) {
    Path dir;
    try {
      dir = projectDir();
    } catch (UserError e) {
      return null;
    }
    Path xml = dir.resolve(PitMutants.REPORT_DIR).resolve("mutations.xml");
    if (!Files.isRegularFile(xml)) {
      return null;
    }
    try {
      List<String> credited = new ArrayList<>();
      for (PitMutants.Mutant m : PitMutants.read(xml, libraryNames(dir.resolve("specs")))
          .killedBy(name)) {
        credited.add(m.where() + " " + m.mutatorName() + ": " + m.description());
      }
      return Kills.of(List.of(), credited, dir.relativize(xml).toString());
    } catch (IOException | UserError e) {
      return null;
    }
  }

  /** The project's list of equivalent mutants, {@link Equivalents#FILE}. */
  static Equivalents equivalents(Path dir) throws IOException {
    try {
      return Equivalents.read(dir.resolve(Equivalents.FILE));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  static int run(PrintWriter o) {
    Path dir = projectDir();
    List<String> cmd = new ArrayList<>(List.of(COMMAND.split(" ")));
    // PIT's minions run on this JVM, the launcher's pick (virtual threads from Java 21 on)
    ProcessHandle.current().info().command().ifPresent(java -> cmd.add("-Dpit.jvm=" + java));
    o.println("mirrorcheck mutants --source: " + COMMAND + " in " + dir);
    o.flush();
    int rc;
    try {
      rc = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UserError("cannot run '" + COMMAND + "' (is Maven installed?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERNAL;
    }
    if (rc != 0) {
      o.println("PIT run failed: '" + COMMAND + "' exited with " + rc);
      return ExitCode.INTERNAL;
    }
    Path xml = dir.resolve(PitMutants.REPORT_DIR).resolve("mutations.xml");
    try {
      PitMutants pit = PitMutants.read(xml, libraryNames(dir.resolve("specs")));
      Equivalents eq = equivalents(dir);
      o.println("PIT: " + pit.summary(eq));
      List<PitMutants.Mutant> left = pit.survivors(eq);
      if (!left.isEmpty()) {
        o.println("survivors not listed in " + Equivalents.FILE + " (each needs a scenario or a "
            + "property):");
        for (PitMutants.Mutant m : left) {
          o.println("  " + m.where() + " " + m.mutatorName() + ": " + m.description());
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read " + xml + ": " + e.getMessage());
    }
    o.println("report: " + dir.resolve(PitMutants.REPORT_DIR).resolve("index.html"));
    return ExitCode.PASS;
  }
}

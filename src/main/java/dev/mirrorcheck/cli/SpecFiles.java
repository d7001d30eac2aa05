package dev.mirrorcheck.cli;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
import dev.mirrorcheck.scenario.DriverClasses;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import dev.mirrorcheck.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds and parses the spec files named on a command line (files, or directories of them). */
final class SpecFiles {
  private SpecFiles() {}

  /** Every {@code .yaml}/{@code .yml} file named or below a named directory, in a stable order. */
  static List<Path> find(List<Path> args) {
    List<Path> out = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try (Stream<Path> s = Files.walk(a)) {
          s.filter(p -> Files.isRegularFile(p) && isSpec(p)).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UserError("cannot read directory " + a + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(a)) {
        out.add(a);
      } else {
        throw new UserError(a + ": no such spec file or directory");
      }
    }
    if (out.isEmpty()) {
      throw new UserError("no spec files (*.yaml) found in " + args);
    }
    return out;
  }

  private static boolean isSpec(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** What loading spec files produced: the scenarios, and every problem found, one line each. */
  static final class Loaded {
    final List<Spec> specs;
    final List<String> problems;
    final int files;

    Loaded(List<Spec> specs, List<String> problems, int files) {
      this.specs = specs;
      this.problems = problems;
      this.files = files;
    }
  }

  /**
   * Every scenario of {@code files} in each design it lists ({@code design:} and {@code designs:}),
   * and in each variant of a design its {@code design-options:} list, with every problem of every file rather than the first: a malformed file (or design variant) is
   * left out and reported as {@code file:line: problem}; so is a scenario name used twice.
   * {@code validate} may reject a parsed scenario too (throwing a {@link UserError}).
   */
  static Loaded load(List<Path> files, java.util.function.Consumer<Spec> validate) {
    List<Spec> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (Path f : files) {
      Spec spec;
      try {
        spec = SpecParser.parse(f);
      } catch (SpecException e) {
        problems.add(e.getMessage());
        continue;
      }
      String other = names.putIfAbsent(spec.name(), spec.file());
      if (other != null) {
        problems.add(spec.file() + ": scenario name '" + spec.name() + "' is also used by " + other);
        continue;
      }
      for (Design d : spec.designs()) {
        for (DesignOptions o : spec.variants(d)) {
          try {
            Spec variant = spec.in(d, o);
            validate.accept(variant);
            out.add(variant);
          } catch (SpecException | UserError e) {
            problems.add(e.getMessage());
          }
        }
      }
    }
    return new Loaded(out, problems, files.size());
  }

  /** Checks that {@code spec}'s {@code driver:} class loads through {@code loader}. */
  static void loadDriver(Spec spec, ClassLoader loader) {
    try {
      DriverClasses.load(spec, loader);
    } catch (SpecException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Every scenario of {@code files} in each design it lists; any problem is a usage error naming the
   * first and counting the others.
   */
  static List<Spec> parse(List<Path> files) {
    Loaded loaded = load(files, spec -> { });
    if (!loaded.problems.isEmpty()) {
      int more = loaded.problems.size() - 1;
      throw new UserError(loaded.problems.get(0) + (more == 0 ? ""
          : " (and " + more + " more problem" + (more == 1 ? "" : "s") + " in the spec files)"));
    }
    return loaded.specs;
  }
}

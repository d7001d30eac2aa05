package dev.mirrorcheck.cli;

import dev.mirrorcheck.mutation.Design;
import dev.mirrorcheck.mutation.DesignOptions;
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

  /**
   * Every scenario of {@code files} in each design it lists ({@code design:} and {@code designs:}),
   * and in each variant of a design its {@code design-options:} list. The first problem is a
   * one-line usage error naming file and line.
   */
  static List<Spec> parse(List<Path> files) {
    List<Spec> out = new ArrayList<>();
    for (Spec spec : parseDeclared(files)) {
      for (Design d : spec.designs()) {
        for (DesignOptions o : spec.variants(d)) {
          try {
            out.add(spec.in(d, o));
          } catch (SpecException e) {
            throw new UserError(e.getMessage());
          }
        }
      }
    }
    return out;
  }

  /** Every scenario of {@code files} in the design its {@code design:} names. */
  private static List<Spec> parseDeclared(List<Path> files) {
    List<Spec> specs = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (Path f : files) {
      Spec spec;
      try {
        spec = SpecParser.parse(f);
      } catch (SpecException e) {
        throw new UserError(e.getMessage());
      }
      String other = names.put(spec.name(), spec.file());
      if (other != null) {
        throw new UserError(spec.file() + ": scenario name '" + spec.name() + "' is also used by "
            + other);
      }
      specs.add(spec);
    }
    return specs;
  }
}

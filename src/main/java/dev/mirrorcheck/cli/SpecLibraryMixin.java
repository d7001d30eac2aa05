package dev.mirrorcheck.cli;

import dev.mirrorcheck.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The spec files or directories of the commands that default to the whole library, specs/. */
final class SpecLibraryMixin {
  @Parameters(paramLabel = "SPEC|DIR", arity = "0..*",
      description = "Spec files or directories. Default: specs/.")
  List<Path> inputs = new ArrayList<>();

  /** Every scenario in each design it lists (see {@link SpecFiles#parse}). */
  List<Spec> specs() {
    return SpecFiles.parse(SpecFiles.find(inputs.isEmpty() ? List.of(Path.of("specs")) : inputs));
  }
}

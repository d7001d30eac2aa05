package dev.mirrorcheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out}: where the commands that write run directories put them. */
final class OutDirMixin {
  @Option(names = "--out", paramLabel = "DIR",
      description = "Where run directories go. Default: target/mirrorcheck.")
  Path out = Path.of("target/mirrorcheck");

  Path resolve(String child) {
    return out.resolve(child);
  }
}

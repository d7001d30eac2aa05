package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.ExplorerOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --threads} flag: which Java threads run the actors. */
public final class ThreadsMixin {
  @Option(names = "--threads", paramLabel = "auto|virtual|platform",
      description = "Java threads that run actors: virtual (Java 21+, much faster hand-offs), "
          + "platform, or auto (virtual when available). Default: auto.")
  String threads = "auto";

  /** The chosen kind, checked against this JVM. */
  ExplorerOptions.Threads threads() {
    ExplorerOptions.Threads t;
    try {
      t = ExplorerOptions.Threads.valueOf(threads.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--threads must be auto, virtual or platform, got '" + threads + "'");
    }
    // Checked here so the user hears it before any work starts, not from deep inside the explorer.
    if (t == ExplorerOptions.Threads.VIRTUAL && !ExplorerOptions.virtualThreadsAvailable()) {
      throw new UserError("--threads virtual needs Java 21 or later; this JVM is "
          + Runtime.version()
          + " (./mirrorcheck picks a JDK 21+ when installed; or set MIRRORCHECK_JAVA)");
    }
    return t;
  }
}

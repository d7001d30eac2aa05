package dev.mirrorcheck.jpf;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java PathFinder installation tests may use: {@code $JPF_HOME}, else CI's {@code ../shared/jpf}. */
public final class JpfHome {
  private JpfHome() {}

  /** The jpf-core directory with a built {@code build/RunJPF.jar}, or null. */
  public static Path find() {
    String env = System.getenv("JPF_HOME");
    Path home = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "jpf");
    return Files.isRegularFile(home.resolve("build/RunJPF.jar"))
        && Files.isRegularFile(home.resolve("build/jpf-classes.jar")) ? home : null;
  }
}

package dev.mirrorcheck.jpf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the {@code java} that runs Java PathFinder. jpf-core's {@code java-17} branch models the Java
 * 17 class library, so a JDK 17 is preferred: {@code $JPF_JAVA}, else this JVM when it is 17, else
 * {@code $JAVA_HOME} or a JDK under {@code /usr/lib/jvm} whose {@code release} file says 17, else this
 * JVM with a warning.
 */
final class JpfJava {
  static final int WANTED = 17;
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)");

  /** The chosen binary, and a warning when it is not a JDK 17. */
  record Choice(String java, String warning) {}

  private JpfJava() {}

  static Choice pick(Map<String, String> env) {
    String explicit = env.get("JPF_JAVA");
    if (explicit != null && !explicit.isBlank()) {
      return new Choice(explicit, null);
    }
    Path self = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() == WANTED) {
      return new Choice(bin(self), null);
    }
    List<Path> homes = new ArrayList<>();
    String javaHome = env.get("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      homes.add(Path.of(javaHome));
    }
    homes.addAll(installed(Path.of("/usr/lib/jvm")));
    for (Path home : homes) {
      if (feature(home) == WANTED && Files.isExecutable(Path.of(bin(home)))) {
        return new Choice(bin(home), null);
      }
    }
    return new Choice(bin(self), "Java PathFinder's java-17 branch needs a JDK 17; no JDK 17 found, "
        + "so it runs on this JVM (Java " + Runtime.version().feature() + "); set JPF_JAVA to a "
        + "JDK 17 java");
  }

  private static String bin(Path home) {
    return home.resolve("bin").resolve("java").toString();
  }

  private static List<Path> installed(Path dir) {
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        for (Path p : s) {
          out.add(p);
        }
      } catch (IOException e) {
        return out;
      }
    }
    out.sort(null);
    return out;
  }

  /** The feature version in a JDK's {@code release} file, or -1. */
  static int feature(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}

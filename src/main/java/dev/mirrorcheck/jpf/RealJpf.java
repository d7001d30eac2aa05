package dev.mirrorcheck.jpf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Java PathFinder itself on a configuration, for side-by-side runs:
 * {@code java $JVM_FLAGS -jar $JPF_HOME/build/RunJPF.jar +site=SITE FILE.jpf +key=value...}, where
 * SITE is a generated {@code site.properties} naming {@code $JPF_HOME} as {@code jpf-core} (unless
 * the overrides give {@code +site}). Its output is copied through and its verdict read from the
 * {@code results} section.
 */
public final class RealJpf {
  /** Default host JVM flags, those of jpf-core's {@code bin/jpf} script. */
  static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xmx1024m", "-ea");

  /** What Java PathFinder reported. */
  public enum Outcome {
    NO_ERRORS, ERRORS, CONSTRAINT, NO_RESULTS
  }

  /** Java PathFinder is not installed where we were told. */
  public static final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
      super(message);
    }
  }

  /** The outcome, the number of errors listed, and the process exit code. */
  public record Run(Outcome outcome, int errors, int exitCode) {}

  private final Path home;
  private final Map<String, String> env;

  private RealJpf(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  /** Finds jpf-core at {@code home}, or at {@code $JPF_HOME} when {@code home} is null. */
  public static RealJpf locate(Path home, Map<String, String> env) throws SetupException {
    Path h = home;
    if (h == null) {
      String v = env.get("JPF_HOME");
      if (v == null || v.isBlank()) {
        throw new SetupException("JPF_HOME is not set: build jpf-core's java-17 branch and point "
            + "JPF_HOME at it (README, 'Two engines'), or pass --jpf-home DIR");
      }
      h = Path.of(v);
    }
    if (!Files.isDirectory(h)) {
      throw new SetupException("Java PathFinder home " + h + " is not a directory");
    }
    if (!Files.isRegularFile(runJpf(h))) {
      throw new SetupException(runJpf(h) + " not found: build jpf-core first (cd " + h
          + " && ./gradlew buildJars)");
    }
    return new RealJpf(h.toAbsolutePath().normalize(), env);
  }

  static Path runJpf(Path home) {
    return home.resolve("build").resolve("RunJPF.jar");
  }

  /** A {@code site.properties} that names this installation as jpf-core. */
  Path writeSite() throws IOException {
    Path site = Files.createTempFile("mirrorcheck-jpf-site", ".properties");
    site.toFile().deleteOnExit();
    String dir = home.toString().replace('\\', '/');
    Files.writeString(site, "# written by mirrorcheck jpf: the jpf-core installation to use\n"
        + "jpf-core = " + dir + "\n" + "extensions = ${jpf-core}\n", StandardCharsets.ISO_8859_1);
    return site;
  }

  /** The command line; {@code site} is null when the overrides name one. */
  List<String> command(String java, Path site, Path config, List<String> overrides) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    String flags = env.get("JVM_FLAGS");
    if (flags != null && !flags.isBlank()) {
      cmd.addAll(List.of(flags.trim().split("\\s+")));
    } else {
      cmd.addAll(DEFAULT_JVM_FLAGS);
    }
    cmd.add("-jar");
    cmd.add(runJpf(home).toString());
    if (site != null) {
      cmd.add("+site=" + site);
    }
    cmd.add(config.toString());
    cmd.addAll(overrides);
    return cmd;
  }

  /** Runs JPF; its output goes to {@code out}, notes about the launch to {@code err}. */
  public Run run(Path config, List<String> overrides, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    JpfJava.Choice java = JpfJava.pick(env);
    if (java.warning() != null) {
      err.println("mirrorcheck: warning: " + java.warning());
    }
    boolean ownSite = overrides.stream().anyMatch(o -> o.startsWith("+site="));
    List<String> cmd = command(java.java(), ownSite ? null : writeSite(), config, overrides);
    err.println("mirrorcheck: running Java PathFinder: " + String.join(" ", cmd));
    err.flush();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    VerdictReader verdict = new VerdictReader();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.println(line);
        verdict.accept(line);
      }
    }
    out.flush();
    int code = p.waitFor();
    return new Run(verdict.outcome(), verdict.errors, code);
  }

  /** Reads the verdict from JPF's console report: its {@code results} and constraint topics. */
  static final class VerdictReader {
    private boolean inResults;
    private boolean noErrors;
    private boolean constraint;
    private int errors;

    void accept(String line) {
      String t = line.trim();
      if (t.startsWith("======")) {
        String topic = t.replaceFirst("^=+\\s*", "");
        inResults = topic.equals("results");
        constraint |= topic.startsWith("search constraint");
      } else if (inResults && t.equals("no errors detected")) {
        noErrors = true;
      } else if (inResults && t.startsWith("error #")) {
        errors++;
      }
    }

    Outcome outcome() {
      if (errors > 0) {
        return Outcome.ERRORS;
      }
      if (noErrors) {
        return constraint ? Outcome.CONSTRAINT : Outcome.NO_ERRORS;
      }
      return Outcome.NO_RESULTS;
    }
  }
}

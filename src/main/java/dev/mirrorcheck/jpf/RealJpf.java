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
 * the overrides give {@code +site}). Its output is copied through and read by a {@link JpfLog}.
 */
public final class RealJpf {
  /** Default host JVM flags, those of jpf-core's {@code bin/jpf} script. */
  static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xmx1024m", "-ea");
  /**
   * What jpf-core's own test tasks pass on JDK 17: without them JPF's peer of
   * {@code java.util.Random} dies with an {@code IllegalAccessError} before the search.
   */
  static final List<String> MODULE_FLAGS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED");

  /** Java PathFinder is not installed where we were told. */
  public static final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
      super(message);
    }
  }

  /**
   * What JPF reported, its exit code, and whether mirrorcheck stopped it ({@code killedAfter} > 0:
   * it outlived its deadline by that many seconds).
   */
  public record Run(JpfLog log, int exitCode, long killedAfter) {
    public JpfLog.Outcome outcome() {
      return log.outcome();
    }
  }

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

  /** The installation and the java it runs on, for reports. */
  public String describe() {
    return home + " (" + JpfJava.pick(env).java() + ")";
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

  /**
   * The command line; {@code site} is null when the overrides name one. JVM flags are
   * {@code $JVM_FLAGS}, or jpf-core's defaults; the module flags JDK 17 needs are added unless the
   * flags already open modules.
   */
  List<String> command(String java, Path site, Path config, List<String> overrides) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    String flags = env.get("JVM_FLAGS");
    List<String> jvm = flags != null && !flags.isBlank() ? List.of(flags.trim().split("\\s+"))
        : DEFAULT_JVM_FLAGS;
    cmd.addAll(jvm);
    if (!jvm.contains("--add-opens")) {
      cmd.addAll(MODULE_FLAGS);
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
    return run(config, overrides, out, err, 0);
  }

  /**
   * Runs JPF as {@link #run(Path, List, PrintWriter, PrintWriter)} does, killing it when it is still
   * running {@code deadlineSeconds} after its start (0: no deadline).
   */
  public Run run(Path config, List<String> overrides, PrintWriter out, PrintWriter err,
      long deadlineSeconds) throws IOException, InterruptedException {
    JpfJava.Choice java = JpfJava.pick(env);
    if (java.warning() != null) {
      err.println("mirrorcheck: warning: " + java.warning());
    }
    boolean ownSite = false;
    for (String o : overrides) {
      ownSite |= o.startsWith("+site=");
    }
    List<String> cmd = command(java.java(), ownSite ? null : writeSite(), config, overrides);
    StringBuilder shown = new StringBuilder();
    for (String c : cmd) {
      shown.append(shown.length() == 0 ? "" : " ").append(c);
    }
    err.println("mirrorcheck: running Java PathFinder: " + shown);
    err.flush();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    Watchdog watchdog = deadlineSeconds > 0 ? new Watchdog(p, deadlineSeconds) : null;
    JpfLog log = new JpfLog();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.println(line);
        log.accept(line);
      }
    }
    out.flush();
    int code = p.waitFor();
    long killed = 0;
    if (watchdog != null) {
      watchdog.interrupt();
      killed = watchdog.fired ? deadlineSeconds : 0;
    }
    return new Run(log, code, killed);
  }

  /** Kills a JPF process that outlives its deadline. */
  private static final class Watchdog extends Thread {
    private final Process process;
    private final long seconds;
    volatile boolean fired;

    Watchdog(Process process, long seconds) {
      super("jpf-watchdog");
      this.process = process;
      this.seconds = seconds;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try {
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
          fired = true;
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        // the process ended in time
      }
    }
  }
}

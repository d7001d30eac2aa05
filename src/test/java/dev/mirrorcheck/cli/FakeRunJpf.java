package dev.mirrorcheck.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stands in for jpf-core's RunJPF.jar in tests: echoes its arguments and prints a report in JPF's
 * shape. A configuration whose target.args say {@code buggy} gets an S3 violation; one whose file
 * name contains {@code nosuchmethod} gets the NoSuchMethodError a missing JPF model method causes;
 * {@code deadlock} gets a deadlock with a thread named as the native runtime names it; any other
 * completes without errors.
 */
public final class FakeRunJpf {
  private FakeRunJpf() {}

  /** A jpf-core directory under {@code dir} whose {@code build/RunJPF.jar} runs this class. */
  static Path home(Path dir) throws Exception {
    Path home = dir.resolve("jpf-core");
    Files.createDirectories(home.resolve("build"));
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeRunJpf.class.getName());
    Path classes = Path.of(FakeRunJpf.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
    try (OutputStream o = Files.newOutputStream(home.resolve("build/RunJPF.jar"));
        JarOutputStream jar = new JarOutputStream(o, m)) {
      jar.flush();
    }
    return home;
  }

  public static void main(String[] args) throws IOException {
    String kind = "pass";
    for (String a : args) {
      System.out.println("arg: " + a);
      if (a.startsWith("+site=")) {
        System.out.println("site: " + Files.readString(Path.of(a.substring(6))).replace('\n', '|'));
      }
      if (a.endsWith(".jpf")) {
        String text = Files.readString(Path.of(a));
        if (a.contains("nosuchmethod")) {
          kind = "nosuchmethod";
        } else if (a.contains("deadlock")) {
          kind = "deadlock";
        } else if (text.matches("(?s).*\ntarget\\.args\\s*=[^\n]*buggy.*")) {
          kind = "buggy";
        }
      }
    }
    String rule = "======================================================";
    System.out.println();
    switch (kind) {
      case "buggy" -> error(rule, "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty",
          "dev.mirrorcheck.sync.Violation: S3: device PTE of page 0 maps freed frame 0");
      case "nosuchmethod" -> error(rule, "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty",
          "java.lang.NoSuchMethodError: java.util.concurrent.atomic.AtomicLong.getAndAdd(J)J");
      case "deadlock" -> error(rule, "gov.nasa.jpf.vm.NotDeadlockedProperty", "deadlock encountered:\n"
          + "  thread java.lang.Thread:{id:0,name:main,status:WAITING,priority:5}\n"
          + "  thread dev.mirrorcheck.sync.NativeActor$ActorThread:{id:1,name:munmap (L1: waits for "
          + "driver_lock held by fault),status:WAITING,priority:5}");
      default -> {
        System.out.println(rule + " results");
        System.out.println("no errors detected");
      }
    }
    System.out.println();
    System.out.println(rule + " statistics");
    System.out.println("elapsed time:       00:00:02");
    System.out.println("states:             new=1234,visited=56,backtracked=1290,end=3");
    System.out.println("instructions:       98765");
    System.out.println();
    System.out.println(rule + " search finished: now");
  }

  private static void error(String rule, String property, String message) {
    System.out.println(rule + " error 1");
    System.out.println(property);
    System.out.println(message);
    System.out.println();
    System.out.println(rule + " results");
    System.out.println("error #1: " + property + " \"" + message.split("\n")[0] + "\"");
  }
}

package dev.mirrorcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stands in for jpf-core's RunJPF.jar in tests: echoes its arguments and reports a verdict. */
public final class FakeRunJpf {
  private FakeRunJpf() {}

  public static void main(String[] args) throws IOException {
    boolean buggy = false;
    for (String a : args) {
      System.out.println("arg: " + a);
      if (a.startsWith("+site=")) {
        System.out.println("site: " + Files.readString(Path.of(a.substring(6))).replace('\n', '|'));
      }
      if (a.endsWith(".jpf")) {
        buggy = Files.readString(Path.of(a)).matches("(?s).*\ntarget\\.args\\s*=[^\n]*buggy.*");
      }
    }
    System.out.println();
    System.out.println("====================================================== results");
    System.out.println(buggy ? "error #1: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty \"x\""
        : "no errors detected");
    System.out.println();
    System.out.println("====================================================== search finished: now");
  }
}

package dev.mirrorcheck.jpf;

/** Where a configuration entry came from: a file and 1-based line, or a command-line argument. */
public record Origin(String source, int line) {

  /** A {@code +key=value} argument given on the command line. */
  public static Origin commandLine(String argument) {
    return new Origin("command line '" + argument + "'", 0);
  }

  /** A whole file (no particular line). */
  public static Origin file(String file) {
    return new Origin(file, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line : source;
  }
}

package dev.mirrorcheck.cli;

/** The process exit codes; documented in {@code --help} and the README. */
final class ExitCode {
  /** Exhaustive search, no violation (or a command that checks nothing succeeded). */
  static final int PASS = 0;
  /** A violation was found, or a counterexample was reproduced. */
  static final int VIOLATION = 1;
  /** Bad usage or input: options, files, harness references; also a counterexample not reproduced. */
  static final int USAGE = 2;
  /** No violation, but the search was not exhaustive (step bound hit, time limit, preemption bound). */
  static final int INCOMPLETE = 3;
  /** A bug in mirrorcheck itself. */
  static final int INTERNAL = 4;

  // Picocli's exitCodeList needs compile-time constants, so each line is its own constant.
  static final String HELP_0 = "0:no violation; the bounded search was exhaustive";
  static final String HELP_1 = "1:violation found (replay: counterexample reproduced)";
  static final String HELP_2 = "2:usage or input error (replay: NOT reproduced)";
  static final String HELP_3 = "3:no violation, but NOT a pass: step bound hit or search incomplete";
  static final String HELP_4 = "4:internal error in mirrorcheck";

  private ExitCode() {}
}

package dev.mirrorcheck.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes. Each command lists the ones it can return in its {@code --help}
 * ({@link ExitCodes}); the top-level help and the README give the meaning common to all.
 */
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

  static final String USAGE_TEXT = "usage or input error (bad option, unreadable or malformed file)";
  static final String INTERNAL_TEXT =
      "internal error in mirrorcheck (MIRRORCHECK_DEBUG=1 shows the stack trace)";

  /** What each code means across commands, for the top-level help. */
  static final String[] GENERAL = {
    "0:as expected: no violation and the bounded search was exhaustive (or a listing succeeded)",
    "1:a violation was found (replay: the counterexample was reproduced)",
    "2:usage or input error (replay: NOT reproduced)",
    "3:no violation, but NOT a pass: step bound hit, search stopped early, or vacuous",
    "4:internal error in mirrorcheck",
    "",
    "Each command's --help lists the codes it returns and what they mean there.",
  };

  private ExitCode() {}

  /** {@code codes(0, "text", 2, USAGE_TEXT, ...)}: a command's exit codes, in the order given. */
  static Map<Integer, String> codes(Object... codeAndMeaning) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (int i = 0; i < codeAndMeaning.length; i += 2) {
      m.put((Integer) codeAndMeaning[i], (String) codeAndMeaning[i + 1]);
    }
    return m;
  }
}

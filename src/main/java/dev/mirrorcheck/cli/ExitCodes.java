package dev.mirrorcheck.cli;

import java.util.Map;

/**
 * A command's own exit codes and what each means for it. {@link Main} puts them in the command's
 * {@code --help}; a test requires every registered command to implement this, so a new command
 * cannot ship without its exit codes documented, and no command lists another one's.
 */
interface ExitCodes {
  /** Exit code to its meaning for this command, in increasing order of code. */
  Map<Integer, String> exitCodes();
}

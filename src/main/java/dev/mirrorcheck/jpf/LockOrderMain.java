package dev.mirrorcheck.jpf;

import dev.mirrorcheck.sync.Harness;

/**
 * Entry point of the lock-order program ({@link LockOrderProgram}) for Java PathFinder and our
 * explorer; argument {@code [correct|buggy]}, default correct.
 */
public final class LockOrderMain {
  static final String USAGE = "lock-order";

  private LockOrderMain() {}

  public static void main(String[] args) throws InterruptedException {
    NativeMain.run(harness(args));
  }

  /** The program {@link #main} runs, for our explorer; throws IllegalArgumentException on bad arguments. */
  public static Harness harness(String[] args) {
    if (args.length > 1) {
      throw new IllegalArgumentException(USAGE + ": expected at most 1 argument (correct|buggy), got "
          + args.length);
    }
    return new LockOrderProgram(args.length > 0 && NativeMain.buggy(USAGE, args[0]));
  }
}

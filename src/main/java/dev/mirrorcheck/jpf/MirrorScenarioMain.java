package dev.mirrorcheck.jpf;

import dev.mirrorcheck.mutation.Mutation;
import dev.mirrorcheck.sync.Harness;

/**
 * Entry point of the mirror's scenario families ({@link MirrorScenarioProgram}) for Java PathFinder
 * and our explorer; arguments {@code family,variant[,op[,choose][,no-reads]]}: a family ({@code
 * anon_teardown}, {@code odp_teardown}, {@code hmm2015_teardown}, {@code legacyodp_teardown}),
 * {@code correct} or a mutation of the family's design ({@code M3}, {@code M25}, ...), the CPU
 * operation on page 1, {@code munmap} (default) or {@code madvise}, {@code choose} for a page chosen
 * by {@code Sync.choose} instead (Java PathFinder's {@code Verify.getInt}), and {@code no-reads} to
 * leave out the device reader (a smaller state space for Java PathFinder; S1 and S3 still hold or
 * fail on the device page table after every step).
 */
public final class MirrorScenarioMain {
  static final String USAGE = "mirror scenario";

  private MirrorScenarioMain() {}

  public static void main(String[] args) throws InterruptedException {
    NativeMain.run(harness(args));
  }

  /** The program {@link #main} runs, for our explorer; throws IllegalArgumentException on bad arguments. */
  public static Harness harness(String[] args) {
    if (args.length < 2 || args.length > 5) {
      throw new IllegalArgumentException(USAGE + ": expected 2 to 5 arguments "
          + "(family, correct|<mutation>, [munmap|madvise], [choose], [no-reads]), got "
          + args.length);
    }
    String word = args[0].trim();
    MirrorScenarioProgram.Family family = MirrorScenarioProgram.Family.byWord(word);
    if (family == null) {
      throw new IllegalArgumentException(USAGE + ": family must be one of " + families()
          + ", got '" + args[0] + "'");
    }
    Mutation mutation = variant(args[1]);
    MirrorScenarioProgram.CpuOp op = MirrorScenarioProgram.CpuOp.MUNMAP;
    if (args.length > 2) {
      op = MirrorScenarioProgram.CpuOp.byWord(args[2].trim());
      if (op == null) {
        throw new IllegalArgumentException(USAGE + ": operation must be munmap or madvise, got '"
            + args[2] + "'");
      }
    }
    boolean choose = false;
    boolean reads = true;
    for (int i = 3; i < args.length; i++) {
      String flag = args[i].trim();
      if (flag.equals("choose") && !choose) {
        choose = true;
      } else if (flag.equals("no-reads") && reads) {
        reads = false;
      } else {
        throw new IllegalArgumentException(USAGE + ": after the operation come only 'choose' (the "
            + "CPU operation's page chosen) and 'no-reads' (no device reader), each once; got '"
            + args[i] + "'");
      }
    }
    try {
      return new MirrorScenarioProgram(family, mutation, op, choose, reads);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(USAGE + ": " + e.getMessage(), e);
    }
  }

  /** {@code correct} (null) or a mutation id such as {@code M3}. */
  private static Mutation variant(String arg) {
    String v = arg.trim();
    if (v.equals("correct")) {
      return null;
    }
    try {
      return Mutation.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(USAGE + ": variant must be correct or a mutation M1.."
          + Mutation.values()[Mutation.values().length - 1].id() + ", got '" + arg + "'", e);
    }
  }

  private static String families() {
    StringBuilder sb = new StringBuilder();
    for (MirrorScenarioProgram.Family f : MirrorScenarioProgram.Family.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.word());
    }
    return sb.toString();
  }
}

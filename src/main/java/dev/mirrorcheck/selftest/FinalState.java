package dev.mirrorcheck.selftest;

import java.util.function.IntUnaryOperator;

/**
 * The text both engines give a final state: every location, then every actor's registers, marked
 * {@code !} if the actor failed and {@code -} if it was never spawned. Two executions with the same
 * text read the same values everywhere.
 */
final class FinalState {
  static final char NORMAL = ' ';
  static final char FAILED = '!';
  static final char UNSTARTED = '-';

  private FinalState() {}

  static String describe(Program p, IntUnaryOperator slotValue, int[][] regs, char[] status) {
    StringBuilder sb = new StringBuilder();
    int slot = 0;
    for (Program.Cell c : p.cells()) {
      sb.append(c.name()).append('=');
      if (c.type().array()) {
        sb.append('[');
        for (int i = 0; i < c.length(); i++) {
          sb.append(i == 0 ? "" : ",").append(slotValue.applyAsInt(slot++));
        }
        sb.append(']');
      } else {
        sb.append(slotValue.applyAsInt(slot++));
      }
      sb.append(' ');
    }
    sb.append('|');
    for (int a = 0; a < p.actors().size(); a++) {
      sb.append(' ').append(p.actors().get(a).name());
      if (status[a] != NORMAL) {
        sb.append(status[a]);
      }
      sb.append(':');
      for (int r = 0; r < Program.REGISTERS; r++) {
        sb.append(r == 0 ? "" : ",").append(regs[a][r]);
      }
    }
    return sb.toString();
  }
}

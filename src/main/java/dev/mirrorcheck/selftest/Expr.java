package dev.mirrorcheck.selftest;

/**
 * A value computed from an actor's registers: {@code r<reg> + constant}, or the constant alone when
 * {@code reg} is negative.
 */
public record Expr(int reg, int constant) {

  public static Expr constant(int k) {
    return new Expr(-1, k);
  }

  public static Expr register(int reg, int plus) {
    return new Expr(reg, plus);
  }

  public boolean isConstant() {
    return reg < 0;
  }

  int eval(int[] regs) {
    return reg < 0 ? constant : regs[reg] + constant;
  }
}

package dev.mirrorcheck.selftest;

/**
 * A condition. Over registers (branches, loops, assertions) or over shared locations (wait
 * conditions, invariants, end checks): {@link Cmp} compares two operands, {@link All} and {@link Any}
 * combine conditions.
 */
public sealed interface Cond {

  /** One side of a comparison. */
  sealed interface Operand {}

  /** An actor register. */
  record Reg(int reg) implements Operand {}

  /** A constant. */
  record Const(int value) implements Operand {}

  /** A shared location. */
  record At(Loc loc) implements Operand {}

  /** {@code left == right} or, with {@code equal} false, {@code left != right}. */
  record Cmp(Operand left, boolean equal, Operand right) implements Cond {}

  /** Every part holds. */
  record All(java.util.List<Cond> parts) implements Cond {
    public All {
      parts = java.util.List.copyOf(parts);
    }
  }

  /** Some part holds. */
  record Any(java.util.List<Cond> parts) implements Cond {
    public Any {
      parts = java.util.List.copyOf(parts);
    }
  }

  /** How a condition reads its operands: registers and shared locations. */
  interface Values {
    int register(int reg);

    int location(Loc loc);
  }

  static boolean eval(Cond c, Values v) {
    if (c instanceof Cmp cmp) {
      boolean eq = operand(cmp.left(), v) == operand(cmp.right(), v);
      return eq == cmp.equal();
    }
    if (c instanceof All all) {
      for (Cond p : all.parts()) {
        if (!eval(p, v)) {
          return false;
        }
      }
      return true;
    }
    for (Cond p : ((Any) c).parts()) {
      if (eval(p, v)) {
        return true;
      }
    }
    return false;
  }

  private static int operand(Operand o, Values v) {
    if (o instanceof Reg r) {
      return v.register(r.reg());
    }
    if (o instanceof Const k) {
      return k.value();
    }
    return v.location(((At) o).loc());
  }
}

package dev.mirrorcheck.mutation;

import com.google.common.base.Preconditions;

/**
 * The parameters that pick one generation of a design's code ({@code design-options:} in a spec).
 * Immutable; {@link #DEFAULT} is the newest generation of every design.
 */
public final class DesignOptions {
  /** Every option at its default: the newest kernel code. */
  public static final DesignOptions DEFAULT = new DesignOptions(MkeyLifetime.USECOUNT);

  private final MkeyLifetime mkeyLifetime;

  private DesignOptions(MkeyLifetime mkeyLifetime) {
    this.mkeyLifetime = Preconditions.checkNotNull(mkeyLifetime);
  }

  /** These options with {@code mkey-lifetime} set (design odp). */
  public static DesignOptions of(MkeyLifetime mkeyLifetime) {
    return mkeyLifetime == DEFAULT.mkeyLifetime ? DEFAULT : new DesignOptions(mkeyLifetime);
  }

  /** How odp keeps an mkey alive for faults and prefetch, and how dereg waits for them. */
  public MkeyLifetime mkeyLifetime() {
    return mkeyLifetime;
  }

  /**
   * The label of this variant of {@code design}, e.g. {@code odp.srcu}, or the design's word when
   * every option that applies to it is at its default.
   */
  public String label(Design design) {
    if (design == Design.ODP && mkeyLifetime != DEFAULT.mkeyLifetime) {
      return design.word() + "." + mkeyLifetime.word();
    }
    return design.word();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DesignOptions && ((DesignOptions) o).mkeyLifetime == mkeyLifetime;
  }

  @Override
  public int hashCode() {
    return mkeyLifetime.hashCode();
  }

  @Override
  public String toString() {
    return "mkey-lifetime=" + mkeyLifetime.word();
  }
}

package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;

/**
 * What one {@code expect} clause allows for one page: some values (data read back, or a snapshot's
 * protection), a fault, or plain success ({@code ok}).
 */
public final class Expectation {
  private final ImmutableList<Integer> values;
  private final boolean fault;
  private final boolean ok;

  Expectation(ImmutableList<Integer> values, boolean fault, boolean ok) {
    this.values = values;
    this.fault = fault;
    this.ok = ok;
  }

  /** Values allowed ({@code expect 10|77}); empty when only a fault or success is. */
  public ImmutableList<Integer> values() {
    return values;
  }

  /** Whether a fault (an error return) is an acceptable outcome. */
  public boolean fault() {
    return fault;
  }

  /** {@code expect ok}: the operation must succeed, whatever it returns. */
  public boolean ok() {
    return ok;
  }

  /** Whether {@code value} (or a fault, when {@code faulted}) is allowed. */
  public boolean allows(boolean faulted, int value) {
    return faulted ? fault : ok || values.contains(value);
  }
}

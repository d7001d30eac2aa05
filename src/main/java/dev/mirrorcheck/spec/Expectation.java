package dev.mirrorcheck.spec;

import com.google.common.collect.ImmutableList;

/**
 * What one {@code expect} clause allows for one page: some values (data read back, or a snapshot's
 * protection), a fault, particular error numbers of a call ({@code -EPERM}), or plain success
 * ({@code ok}).
 */
public final class Expectation {
  private final ImmutableList<Integer> values;
  private final boolean fault;
  private final boolean ok;
  private final ImmutableList<Integer> errnos;

  Expectation(ImmutableList<Integer> values, boolean fault, boolean ok,
      ImmutableList<Integer> errnos) {
    this.values = values;
    this.fault = fault;
    this.ok = ok;
    this.errnos = errnos;
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

  /**
   * Error numbers allowed ({@code expect -EPERM|ok}, as hmm-tests' {@code ASSERT_EQ(ret, -EPERM)}),
   * negative as the kernel returns them; a call failing with another one is not allowed unless
   * {@link #fault} is.
   */
  public ImmutableList<Integer> errnos() {
    return errnos;
  }

  /**
   * Whether {@code value} is allowed; when {@code faulted}, {@code value} is the call's error number
   * (or anything else for a fault that has none).
   */
  public boolean allows(boolean faulted, int value) {
    return faulted ? fault || errnos.contains(value) : ok || values.contains(value);
  }
}

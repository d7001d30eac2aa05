package dev.mirrorcheck.driver;

/** {@link TinyDriver} without the read_retry check under its lock: the properties must catch it. */
public final class TinyDriverNoRetry extends TinyDriver {
  public TinyDriverNoRetry(DriverKernel k) {
    super(k);
  }

  @Override
  protected boolean skipsRetry() {
    return true;
  }
}

package dev.mirrorcheck.driver;

/** A driver whose construction fails: the run must say so and not end with exit code 0. */
public final class TinyDriverFailingSetUp extends TinyDriver {
  public TinyDriverFailingSetUp(DriverKernel k) {
    super(k);
    throw new IllegalStateException("the device did not probe");
  }
}

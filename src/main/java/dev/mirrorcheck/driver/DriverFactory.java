package dev.mirrorcheck.driver;

/** Creates a driver for one mirror, during world set-up. */
@FunctionalInterface
public interface DriverFactory {

  /** A driver on {@code kernel}; may create locks and shared state there. */
  MirrorDriver create(DriverKernel kernel);
}

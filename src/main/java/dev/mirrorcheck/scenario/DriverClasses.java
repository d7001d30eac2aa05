package dev.mirrorcheck.scenario;

import dev.mirrorcheck.driver.DriverFactory;
import dev.mirrorcheck.driver.DriverKernel;
import dev.mirrorcheck.driver.MirrorDriver;
import dev.mirrorcheck.spec.Spec;
import dev.mirrorcheck.spec.SpecException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * The driver a spec names with {@code driver:}: a public class implementing {@link MirrorDriver}
 * with a public constructor taking a {@link DriverKernel}, loaded by name.
 */
public final class DriverClasses {
  private DriverClasses() {}

  /**
   * The factory of {@code spec}'s driver, loaded through {@code loader}; null when the spec runs the
   * test driver.
   *
   * @throws SpecException naming the spec's {@code driver:} line when the class is missing or unfit
   */
  public static DriverFactory load(Spec spec, ClassLoader loader) throws SpecException {
    String name = spec.driver();
    if (name == null) {
      return null;
    }
    Class<?> c;
    try {
      c = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw problem(spec, "driver class " + name + " is not on the classpath (add its classes "
          + "directory or jar with --classpath)");
    } catch (LinkageError e) {
      throw problem(spec, "driver class " + name + " cannot be loaded: " + e);
    }
    if (!MirrorDriver.class.isAssignableFrom(c)) {
      throw problem(spec, "driver class " + name + " does not implement "
          + MirrorDriver.class.getName());
    }
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())
        || !Modifier.isPublic(c.getModifiers())) {
      throw problem(spec, "driver class " + name + " must be a public concrete class");
    }
    try {
      return new Reflective(c.asSubclass(MirrorDriver.class).getConstructor(DriverKernel.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw problem(spec, "driver class " + name + " has no public constructor taking a "
          + DriverKernel.class.getName());
    }
  }

  /**
   * {@link #load} through the context class loader of the calling thread (the {@code --classpath}
   * of the command, or the test classpath under JUnit), else mirrorcheck's own.
   */
  static DriverFactory forWorld(Spec spec) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return load(spec, loader != null ? loader : DriverClasses.class.getClassLoader());
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The name of device {@code d}'s mirror: the driver's simple class name, or dmirror. */
  static String mirrorName(Spec spec, int d) {
    String name = spec.driver();
    return (name == null ? "dmirror" : name.substring(name.lastIndexOf('.') + 1)) + d;
  }

  private static SpecException problem(Spec spec, String message) {
    return new SpecException(spec.file(), spec.driverLine(), message);
  }

  /** Calls the driver's constructor; what the constructor throws goes through unchanged. */
  private static final class Reflective implements DriverFactory {
    private final Class<?> type;
    private final MethodHandle ctor;

    Reflective(Constructor<? extends MirrorDriver> ctor) throws IllegalAccessException {
      this.type = ctor.getDeclaringClass();
      this.ctor = MethodHandles.publicLookup().unreflectConstructor(ctor);
    }

    @Override
    public MirrorDriver create(DriverKernel kernel) {
      try {
        return (MirrorDriver) ctor.invoke(kernel);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(type.getName() + "'s constructor threw " + t, t);
      }
    }
  }
}

package dev.mirrorcheck.cli;

import dev.mirrorcheck.explore.HarnessMethods;
import dev.mirrorcheck.sync.Harness;
import dev.mirrorcheck.sync.World;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code junit} harness kind: a test method written for {@code @ExploreTest}, rebuilt by
 * reflection from its class and method name (parameters {@code class} and {@code method}). It never
 * touches JUnit or the {@code dev.mirrorcheck.junit} package, so replaying needs neither on the
 * classpath: only the test classes, given with {@code replay --classpath}.
 */
final class JunitHarness {
  static final String KIND = "junit";

  private JunitHarness() {}

  static Harness create(HarnessParams params, ClassLoader loader) {
    String className = params.text("class");
    String methodName = params.text("method");
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw params.error("test class " + className + " not found; add the directory or jar that "
          + "holds it with --classpath (for example --classpath target/test-classes)");
    } catch (LinkageError e) {
      throw params.error(cannotLoad(className, e));
    }
    Method method = find(params, type, methodName);
    Object target = Modifier.isStatic(method.getModifiers()) ? null : instantiate(params, type);
    method.setAccessible(true); // test classes and methods are usually package-private
    return world -> invoke(method, target, world);
  }

  private static Method find(HarnessParams params, Class<?> type, String name) {
    List<Method> candidates = new ArrayList<>();
    try {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name) && m.getParameterCount() > 0 && onlyWorlds(m)) {
            candidates.add(m);
          }
        }
        if (!candidates.isEmpty()) {
          break; // the most derived declaration wins, as in Java
        }
      }
    } catch (LinkageError e) {
      throw params.error(cannotLoad(type.getName(), e));
    }
    if (candidates.size() != 1) {
      throw params.error(type.getName() + " has " + (candidates.isEmpty() ? "no" : "more than one")
          + " method '" + name + "' whose parameters are all World (replay can pass only Worlds)");
    }
    return candidates.get(0);
  }

  private static boolean onlyWorlds(Method m) {
    for (Class<?> p : m.getParameterTypes()) {
      if (p != World.class) {
        return false;
      }
    }
    return true;
  }

  private static Object instantiate(HarnessParams params, Class<?> type) {
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw params.error(type.getName() + " is an inner (@Nested) class; replay needs a top-level or "
          + "static nested class with a no-argument constructor");
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (NoSuchMethodException e) {
      throw params.error(type.getName() + " has no no-argument constructor");
    } catch (InvocationTargetException e) {
      throw params.error("constructing " + type.getName() + " failed: " + e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw params.error("cannot construct " + type.getName() + ": " + e);
    }
  }

  private static void invoke(Method method, Object target, World world) {
    Object[] args = new Object[method.getParameterCount()];
    Arrays.fill(args, world);
    HarnessMethods.invoke(method, target, args);
  }

  /** A class that refers to one missing from the classpath (often JUnit itself). */
  private static String cannotLoad(String className, LinkageError e) {
    return "cannot load " + className + ": it needs " + e.getMessage()
        + ", which is not on the classpath (add it with --classpath)";
  }
}

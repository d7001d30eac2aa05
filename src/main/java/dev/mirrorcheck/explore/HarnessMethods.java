package dev.mirrorcheck.explore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calling a harness written as a method (a JUnit test method, a replayed one). */
public final class HarnessMethods {
  private HarnessMethods() {}

  /**
   * Calls {@code method} on {@code target}, rethrowing what it threw rather than the reflection
   * wrapper, so the explorer reports the harness's own failure.
   */
  public static void invoke(Method method, Object target, Object... args) {
    try {
      method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(method.getName() + " threw " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method.getName() + ": " + e.getMessage(), e);
    }
  }
}
